import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { previousPlainText } from '../../support/previousSearchText';
import { plainTextOf } from '../../../shared/markdown/plainText';

describe('plainTextOf', () => {
  it('keeps the words of markdown and drops its syntax', () => {
    expect(plainTextOf('### `slugify` splits **accented** [letters](https://x.y)\n\n> quoted _word_')).toBe('slugify splits accented letters quoted word');
  });

  it('unwraps math so a preview reads as text', () => {
    expect(plainTextOf('Solve $x^2 = 4$ and $$\\frac{1}{m}$$')).toBe('Solve x^2 = 4 and \\frac{1}{m}');
  });

  it('leaves snake_case and lone asterisks alone', () => {
    expect(plainTextOf('a_b_c * 2')).toBe('a_b_c * 2');
  });
});

// plainTextOf as it was first written (previousPlainText): the faster collapse must give the same text.

describe('plainTextOf on hostile text', () => {
  const naughty = JSON.parse(readFileSync(resolve(__dirname, '../../fixtures/big-list-of-naughty-strings.json'), 'utf8')) as string[];
  // Every kind of whitespace \s knows, alone and in runs, between words and at both ends.
  const spaces = [' ', '  ', '\t', '\n', '\r\n', '\v', '\f', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', ' \n\t '];
  const seed = 3107;
  it(`collapses whitespace exactly as /\\s+/g did (seed ${seed})`, () => {
    let state = seed;
    const random = () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state / 2 ** 31;
    };
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    for (const line of naughty) expect(plainTextOf(line), JSON.stringify(line)).toBe(previousPlainText(line));
    for (let round = 0; round < 500; round++) {
      let text = random() < 0.3 ? pick(spaces) : '';
      for (let i = Math.floor(random() * 60); i > 0; i--) text += (random() < 0.5 ? pick(naughty) : pick(['word', '**bold**', 'a_b', '`x`', '$y$', 'é'])) + pick(spaces);
      expect(plainTextOf(text), `seed ${seed}, round ${round}: ${JSON.stringify(text)}`).toBe(previousPlainText(text));
    }
  });
});
