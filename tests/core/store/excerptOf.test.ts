import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { excerptOf } from '../../../electron/core/store/taskColumns';
import { plainTextOf } from '../../../shared/markdown/plainText';

/** What an excerpt is: the whole prompt flattened, cut at 200 characters. The fast paths must agree with it. */
const oracle = (text: string): string => {
  const flat = plainTextOf(text);
  return flat.length <= 200 ? flat : `${flat.slice(0, 199).trimEnd()}…`;
};

// Pieces chosen to sit on every edge of the shortcut: runs and kinds of whitespace, each markup character, a link
// image's "!" before "[", line starts, math spanning lines, astral characters.
// Mostly plain text, so that a text often reaches the cut with nothing but one odd piece before it.
const plainPiece = fc.constantFrom('word', 'enzyme', 'x', ' ', ' ', ' ', 'é', '😀', '\u0301', '!', '(', ')');
const anyPiece = fc.constantFrom(
  '  ', '\n', '\t', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u2028', '\r\n', '\u000b', '\u007f', '\u0000',
  '*', '**bold**', '_', '__u__', '`', '`code`', '~~s~~', '#', '# Title', '> quote', '$', '$x^2$', '$$\n', '[', '](u)',
  '![alt](img.png)', '[link](http://a)', '```js\n',
);
const piece = fc.oneof({ arbitrary: plainPiece, weight: 12 }, { arbitrary: anyPiece, weight: 1 });

describe('excerptOf', () => {
  it('is the whole prompt flattened and cut, whatever the whitespace and markup, near the cut and far from it', () => {
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 200 }),
        fc.nat({ max: 260 }),
        (pieces, plainRun) => {
          // A run of plain words first puts the pieces around the 200th character, where the shortcut decides.
          const text = `${'ab '.repeat(Math.floor(plainRun / 3))}${pieces.join('')}`;
          expect(excerptOf(text)).toBe(oracle(text));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('takes the shortcut only where it gives the same answer: spaces at the cut, text just long enough', () => {
    const texts = [
      `${'a'.repeat(200)} ${'b'.repeat(5)}`,
      `${'a'.repeat(199)} b`,
      `${'a'.repeat(200)}  `,
      `${'a'.repeat(201)} `,
      `${'a'.repeat(202)}`,
      `${'a'.repeat(198)} ![x](y) more`,
      `${'a'.repeat(198)} $a\n\nb$ more words here`,
      ` ${'a'.repeat(300)}`,
      `${'w '.repeat(150)}\n# heading`,
      `${'w '.repeat(50)} ${'w '.repeat(100)}`,
      `${'w '.repeat(50)}\u00a0${'w '.repeat(100)}`,
      `${'w '.repeat(50)}*${'w '.repeat(100)}*`,
    ];
    for (const text of texts) expect(excerptOf(text)).toBe(oracle(text));
  });
});
