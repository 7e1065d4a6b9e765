import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex, utf8Bytes } from '../../../shared/review';

describe('sha256Hex', () => {
  it('matches the FIPS 180-4 test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it("agrees with Node's crypto at every length around the block boundaries and on any text", () => {
    let seed = 9;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let length = 0; length < 200; length++) {
      const text = Array.from({ length }, () => String.fromCodePoint(next() % 3 === 0 ? 0x1f600 + (next() % 50) : 32 + (next() % 0x7ff))).join('');
      expect(sha256Hex(text), `seed 9, length ${length}`).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });

  it('encodes lone surrogates as U+FFFD like TextEncoder', () => {
    const text = 'a\ud800b\udc00';
    expect(Array.from(utf8Bytes(text))).toEqual(Array.from(new TextEncoder().encode(text)));
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
  });
});
