import { searchWordsOf } from '@shared/search/searchWords';

/**
 * Turns what a person typed into a safe FTS5 query: the words, each quoted (so `AND`, `(`, `*`, `"` are
 * plain text), all required, the last one matched as a prefix so results follow the typing.
 * Null when nothing searchable is left.
 */
export const toFtsQuery = (typed: string): string | null => {
  const words = searchWordsOf(typed);
  if (words.length === 0) return null;
  return words.map((word, i) => `"${word}"${i === words.length - 1 ? '*' : ''}`).join(' ');
};
