import { describe, expect, it } from 'vitest';
import { firstNonBlankLine, splitLines, stripBom } from '../../../shared/formats/text';

describe('stripBom', () => {
  it('removes one leading BOM and nothing else', () => {
    expect(stripBom('\uFEFF{"a":1}')).toBe('{"a":1}');
    expect(stripBom('\uFEFF\uFEFFx')).toBe('\uFEFFx');
    expect(stripBom('x\uFEFF')).toBe('x\uFEFF');
  });
});

describe('splitLines', () => {
  it('numbers lines from 1 and drops the CR of CRLF', () => {
    expect(splitLines('a\r\nb\nc')).toEqual([
      { lineNumber: 1, text: 'a' },
      { lineNumber: 2, text: 'b' },
      { lineNumber: 3, text: 'c' },
    ]);
  });

  it('does not split on U+2028, U+2029 or a lone CR', () => {
    expect(splitLines('a\u2028b\u2029c\rd')).toHaveLength(1);
  });
});

describe('firstNonBlankLine', () => {
  it('skips blank and whitespace-only lines', () => {
    expect(firstNonBlankLine('\n  \r\n\t\n{"x":1}\r\nnext')).toBe('{"x":1}');
  });

  it('is null for a blank text', () => {
    expect(firstNonBlankLine(' \n\r\n')).toBeNull();
    expect(firstNonBlankLine('')).toBeNull();
  });
});
