import { describe, expect, it } from 'vitest';
import { textChunks } from '../../renderer/src/state/importStore';

describe('reading a file in chunks', () => {
  it('gives back the exact text, multi-byte characters whole, whatever the chunk size, and counts every byte', async () => {
    const text = 'é𝕳€ line one\r\n{"id":"ü"}\n\u2028 last 🙂';
    const blob = new Blob([text]);
    for (const size of [1, 2, 3, 5, 7, 64]) {
      let bytes = 0;
      const parts: string[] = [];
      for await (const part of textChunks(blob, (n) => (bytes += n), size)) parts.push(part);
      expect(parts.join('')).toBe(text);
      expect(bytes).toBe(blob.size);
      if (size < 4) expect(parts.length).toBeGreaterThan(3);
    }
  });
});
