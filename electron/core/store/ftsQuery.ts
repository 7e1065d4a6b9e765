/**
 * Turns what a person typed into a safe FTS5 query: the words, each quoted (so `AND`, `(`, `*`, `"` are
 * plain text), all required, the last one matched as a prefix so results follow the typing.
 * Words are split the way the unicode61 tokenizer splits them. Null when nothing searchable is left.
 */
export const toFtsQuery = (typed: string): string | null => {
  const words = typed.normalize('NFC').match(/[\p{L}\p{N}\p{M}]+/gu);
  if (!words || words.length === 0) return null;
  return words.map((word, i) => `"${word}"${i === words.length - 1 ? '*' : ''}`).join(' ');
};
