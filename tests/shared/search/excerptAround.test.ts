import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { excerptAround, matchRanges, type Excerpt, type TextRange } from '@shared/search/highlight';
import * as searchWords from '@shared/search/searchWords';

vi.mock('@shared/search/searchWords', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@shared/search/searchWords')>();
  return { ...actual, foldWord: vi.fn(actual.foldWord) };
});
const folds = vi.mocked(searchWords.foldWord);
afterEach(() => folds.mockClear());

/** The excerpt as it was first written: every match of the whole text found, then those inside the cut kept. */
const referenceExcerpt = (text: string, typed: string, length: number): Excerpt => {
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
  const matches = all.filter(([s, e]) => s >= start && e <= end).map(([s, e]): TextRange => [s - start + lead.length, e - start + lead.length]);
  return { text: `${lead}${text.slice(start, end).trimEnd()}${tail}`, matches };
};

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
