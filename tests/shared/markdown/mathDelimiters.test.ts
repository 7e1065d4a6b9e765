import { describe, expect, it } from 'vitest';
import { normalizeMathDelimiters } from '../../../shared/markdown/mathDelimiters';

describe('normalizeMathDelimiters', () => {
  it('turns \\( \\) into inline dollars and \\[ \\] into display dollars', () => {
    expect(normalizeMathDelimiters('Let \\(x^2\\) be \\[\\int_0^1 f\\]')).toBe('Let $x^2$ be $$\\int_0^1 f$$');
  });

  it('leaves inline code and fenced code alone', () => {
    const text = 'Use `\\(x\\)` literally\n```tex\n\\[ y \\]\n```\nbut \\(z\\)';
    expect(normalizeMathDelimiters(text)).toBe('Use `\\(x\\)` literally\n```tex\n\\[ y \\]\n```\nbut $z$');
  });

  it('returns text without these delimiters unchanged', () => {
    const text = 'Plain $a$ and $$b$$ with a \\ backslash';
    expect(normalizeMathDelimiters(text)).toBe(text);
  });
});
