import { foldWord, searchWordsOf } from './searchWords';

/** A half-open range [start, end) of UTF-16 offsets into a string. */
export type TextRange = readonly [number, number];

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/**
 * Where the typed words occur in `text`, as the search matched them: whole words, except the last typed word,
 * which also matches as the start of a word (search follows the typing). Case and accents are ignored.
 */
export const matchRanges = (text: string, typed: string): TextRange[] => {
  const words = searchWordsOf(typed).map(foldWord);
  if (words.length === 0) return [];
  const whole = new Set(words.slice(0, -1));
  const prefix = words[words.length - 1]!;
  const ranges: TextRange[] = [];
  for (const m of text.matchAll(WORD)) {
    const folded = foldWord(m[0]);
    if (whole.has(folded) || folded.startsWith(prefix)) ranges.push([m.index, m.index + m[0].length]);
  }
  return ranges;
};

export interface Excerpt {
  text: string;
  matches: TextRange[];
}

/**
 * About `length` characters of `text` around its first match, cut at word boundaries, with "…" where text was
 * left out, and the matches inside it. Without a match: the start of the text.
 */
export const excerptAround = (text: string, typed: string, length: number): Excerpt => {
  const all = matchRanges(text, typed);
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
  const matches = all
    .filter(([s, e]) => s >= start && e <= end)
    .map(([s, e]): TextRange => [s - start + lead.length, e - start + lead.length]);
  return { text: `${lead}${text.slice(start, end).trimEnd()}${tail}`, matches };
};
