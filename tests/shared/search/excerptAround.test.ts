import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { excerptAround, matchRanges, type Excerpt } from '@shared/search/highlight';
import { previousExcerptCut, previousFold, previousMatchRanges } from '../../support/previousSearchText';
import * as searchWords from '@shared/search/searchWords';

vi.mock('@shared/search/searchWords', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@shared/search/searchWords')>();
  return { ...actual, foldWord: vi.fn(actual.foldWord) };
});
const folds = vi.mocked(searchWords.foldWord);
afterEach(() => folds.mockClear());

/** The excerpt as it was first written: every match of the whole text found, then those inside the cut kept. */
const referenceExcerpt = (text: string, typed: string, length: number): Excerpt => previousExcerptCut(text, matchRanges(text, typed), length);

const seeded = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};

const naughty = JSON.parse(readFileSync(resolve(__dirname, '../../fixtures/big-list-of-naughty-strings.json'), 'utf8')) as string[];
const VOCAB = ['enzyme', 'Enzymes', 'énzyme', 'rate', 'acid', 'bond', 'the', 'of', 'ENZYM', 'kinetics', 'naïve', '数学', 'x'];

describe('the excerpt around the first match', () => {
  const seed = 1207;
  it(`is the same as finding every match first, on random and hostile texts (seed ${seed})`, () => {
    const random = seeded(seed);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    for (let round = 0; round < 400; round++) {
      const words = Array.from({ length: 1 + Math.floor(random() * 400) }, () => (random() < 0.1 ? pick(naughty) : pick(VOCAB)));
      const text = words.join(random() < 0.5 ? ' ' : '  \n');
      const typed = random() < 0.2 ? pick(naughty) : `${random() < 0.3 ? `${pick(VOCAB)} ` : ''}${pick(VOCAB).slice(0, 1 + Math.floor(random() * 5))}`;
      const length = pick([40, 120, 200]);
      expect(excerptAround(text, typed, length), `seed ${seed}, round ${round}, typed ${JSON.stringify(typed)}`).toEqual(referenceExcerpt(text, typed, length));
    }
  });

  it('compares only the words up to the first match and inside the excerpt, not the whole prompt', () => {
    const text = `${'filler '.repeat(30)}enzyme ${'more words after the match '.repeat(2000)}`;
    folds.mockClear();
    const excerpt = excerptAround(text, 'enzyme', 200);
    expect(excerpt.matches).toHaveLength(1);
    // ~31 words before the excerpt ends, not the 10,000 of the text.
    expect(folds.mock.calls.length).toBeLessThan(120);
  });
});

/** The excerpt as the previous implementation made it: matchAll over every word from the start, words folded through NFD. */
const previousExcerpt = (text: string, typed: string, length: number): Excerpt => previousExcerptCut(text, previousMatchRanges(text, typed), length);

describe('the excerpt and the marks, against the previous implementation', () => {
  const seed = 5309;
  it(`are the same on random and hostile texts, with the same word typed in every case and accent (seed ${seed})`, () => {
    const random = seeded(seed);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const vocab = [...VOCAB, 'ENZYMATIC', 'Énzymé', 'İstanbul', 'ǅemal', 'ﬁne', 'ß', 'K', 'x\u0301', '\u0301', '𝕳𝖊𝖑𝖑𝖔', 'ENZYME\u0300'];
    for (let round = 0; round < 400; round++) {
      const words = Array.from({ length: 1 + Math.floor(random() * 300) }, () => (random() < 0.15 ? pick(naughty) : pick(vocab)));
      const text = words.join(pick([' ', ' ', '  ', ' — ', '-']));
      const typed = random() < 0.2 ? pick(naughty) : `${random() < 0.3 ? `${pick(vocab)} ` : ''}${pick(vocab).slice(0, 1 + Math.floor(random() * 6))}`;
      const length = pick([40, 120, 200]);
      const where = `seed ${seed}, round ${round}, typed ${JSON.stringify(typed)}`;
      expect(excerptAround(text, typed, length), where).toEqual(previousExcerpt(text, typed, length));
      // matchRanges shares the scan: interleaved with excerpts, it still starts at the text's start.
      expect(matchRanges(text, typed), where).toEqual(previousMatchRanges(text, typed));
    }
  });

  it('folds a word as NFD without marks, lower case, for plain ASCII and for the rest', () => {
    const words = [...naughty.flatMap((line) => line.match(/[\p{L}\p{N}\p{M}]+/gu) ?? []), 'ABC', 'Ǆ', 'İ', 'É', 'e\u0301', 'ΣΑΣ', 'x\u0000y', '\u007f', 'Ａ'];
    for (const word of words) expect(searchWords.foldWord(word), JSON.stringify(word)).toBe(previousFold(word));
  });
});
