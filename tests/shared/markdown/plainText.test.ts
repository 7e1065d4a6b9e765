import { describe, expect, it } from 'vitest';
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
