import { foldWord, searchWordsOf } from './searchWords';

/** A half-open range [start, end) of UTF-16 offsets into a string. */
export type TextRange = readonly [number, number];

/** The words of a text, as the index splits them. Every scan sets `lastIndex` first (where it starts) and runs to its end or its break. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** Tests each word of a text against the typed words (folded once), as the search matched them. */
const wordMatcher = (typed: string): ((word: string) => boolean) | null => {
  const words = searchWordsOf(typed).map(foldWord);
  if (words.length === 0) return null;
  const whole = new Set(words.slice(0, -1));
  const prefix = words[words.length - 1]!;
  return (word) => {
    const folded = foldWord(word);
    return whole.has(folded) || folded.startsWith(prefix);
  };
};

/**
 * Where the typed words occur in `text`, as the search matched them: whole words, except the last typed word,
 * which also matches as the start of a word (search follows the typing). Case and accents are ignored.
 */
export const matchRanges = (text: string, typed: string): TextRange[] => {
  const matches = wordMatcher(typed);
  if (!matches) return [];
  const ranges: TextRange[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) if (matches(m[0])) ranges.push([m.index, m.index + m[0].length]);
  return ranges;
};

export interface Excerpt {
  text: string;
  matches: TextRange[];
}

const firstMatch = (text: string, matches: (word: string) => boolean): TextRange | undefined => {
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) if (matches(m[0])) return [m.index, m.index + m[0].length];
  return undefined;
};

/**
 * About `length` characters of `text` around its first match, cut at word boundaries, with "…" where text was
 * left out, and the matches inside it. Without a match: the start of the text.
 */
export const excerptAround = (text: string, typed: string, length: number): Excerpt => {
  // Only the words up to the first match and those inside the excerpt are folded and compared: a search window
  // makes an excerpt of every row it shows, and a prompt runs to thousands of words.
  const matches = wordMatcher(typed);
  const first = matches ? firstMatch(text, matches) : undefined;
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
  const inside: TextRange[] = [];
  if (first) {
    // No word before the first match matches: the scan starts there (a word's start, inside the excerpt).
    WORD.lastIndex = first[0];
    for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
      const [s, e] = [m.index, m.index + m[0].length];
      if (s >= end) break;
      if (e <= end && matches!(m[0])) inside.push([s - start + lead.length, e - start + lead.length]);
    }
  }
  return { text: `${lead}${text.slice(start, end).trimEnd()}${tail}`, matches: inside };
};
