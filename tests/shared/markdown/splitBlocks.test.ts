import { describe, expect, it } from 'vitest';
import { splitMarkdownBlocks } from '../../../shared/markdown/splitBlocks';

const para = (n: number) => `Paragraph ${n} ${'word '.repeat(20)}`;

describe('splitMarkdownBlocks', () => {
  it('joins back to exactly the original text', () => {
    const text = Array.from({ length: 40 }, (_, i) => para(i)).join('\n\n');
    const chunks = splitMarkdownBlocks(text, 500);
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.join('\n')).toBe(text);
  });

  it('never cuts inside a code fence or display math, even across blank lines', () => {
    const fenced = '```python\nx = 1\n\n\ny = 2\n```';
    const math = '$$\na = b\n\nc = d\n$$';
    const text = [para(1), fenced, para(2), math, para(3)].join('\n\n');
    for (const chunk of splitMarkdownBlocks(text, 10)) {
      expect((chunk.match(/```/g)?.length ?? 0) % 2).toBe(0);
      expect((chunk.match(/\$\$/g)?.length ?? 0) % 2).toBe(0);
    }
  });

  it('keeps an indented continuation with the list item above it', () => {
    const text = `- item one\n\n    continued code\n\n${para(9)}`;
    const chunks = splitMarkdownBlocks(text, 5);
    expect(chunks[0]).toContain('continued code');
  });

  it('can make the first chunk smaller than the rest, for a quicker first screen', () => {
    const text = Array.from({ length: 40 }, (_, i) => para(i)).join('\n\n');
    const [first, second] = splitMarkdownBlocks(text, 1000, 200);
    expect(first!.length).toBeLessThan(second!.length);
  });

  it('leaves short text whole', () => {
    expect(splitMarkdownBlocks('short', 3000)).toEqual(['short']);
  });
});
