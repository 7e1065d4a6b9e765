/** The words of what a person typed, split the way SQLite's unicode61 tokenizer splits text. */
export const searchWordsOf = (typed: string): string[] => typed.normalize('NFC').match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];

/** Printable ASCII has nothing to decompose and no marks: only its case to fold (most words of most prompts). */
const ASCII = /^[ -~]*$/;

/** Case and diacritics folded away, as the search index (`remove_diacritics 2`) compares words. */
export const foldWord = (word: string): string => (ASCII.test(word) ? word.toLowerCase() : word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase());
