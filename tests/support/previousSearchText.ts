import type { TextRange } from '@shared/search/highlight';

/**
 * Search text as it was first written, kept as the oracle the faster code is compared with (plainText.test,
 * excerptAround.test, searchOneQuery.test).
 */

/** plainTextOf, collapsing whitespace with /\s+/g. */
export const previousPlainText = (markdown: string): string =>
  /[`#>[*~_$]/.test(markdown)
    ? markdown
        .replace(/```[^\n]*\n?/g, ' ')
        .replace(/^\s{0,3}#{1,6}\s+/gm, '')
        .replace(/^\s{0,3}>\s?/gm, '')
        .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
        .replace(/(\*\*|\*|`|~~)(?=\S)([^\n]*?\S)\1/g, '$2')
        .replace(/(?<![\p{L}\p{N}])(__|_)(?=\S)([^\n]*?\S)\1(?![\p{L}\p{N}])/gu, '$2')
        .replace(/\${1,2}([^$]+)\${1,2}/g, '$1')
        .replace(/\s+/g, ' ')
        .trim()
    : markdown.replace(/\s+/g, ' ').trim();

/** The excerpt cut around the first of `all` (every match in the text), and the matches inside it. */
export const previousExcerptCut = (text: string, all: readonly TextRange[], length: number): { text: string; matches: TextRange[] } => {
  const first = all[0];
  let start = 0;
  if (first && first[1] > length) {
    start = Math.max(0, first[0] - Math.floor(length / 4));
    const space = text.lastIndexOf(' ', start);
    start = space > 0 && first[0] - space < length / 2 ? space + 1 : start;
  }
  let end = Math.min(text.length, start + length);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start + length / 2) end = space;
  }
  const lead = start > 0 ? '…' : '';
  const tail = end < text.length ? '…' : '';
  const matches = all.filter(([s, e]) => s >= start && e <= end).map(([s, e]): TextRange => [s - start + lead.length, e - start + lead.length]);
  return { text: `${lead}${text.slice(start, end).trimEnd()}${tail}`, matches };
};

/** A word folded as first written: NFD, marks dropped, lower case. */
export const previousFold = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Where the typed words matched, as first written: every word of the text, folded through NFD (the last typed word as a prefix). */
export const previousMatchRanges = (text: string, typed: string): TextRange[] => {
  const words = (typed.normalize('NFC').match(/[\p{L}\p{N}\p{M}]+/gu) ?? []).map(previousFold);
  if (words.length === 0) return [];
  const matches = (word: string) => words.slice(0, -1).includes(previousFold(word)) || previousFold(word).startsWith(words[words.length - 1]!);
  return [...text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)].filter((m) => matches(m[0])).map((m): TextRange => [m.index, m.index + m[0].length]);
};
