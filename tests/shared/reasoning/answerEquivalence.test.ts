import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareAnswers, normalizeAnswer } from '@shared/reasoning/answerEquivalence';

/**
 * Answers as GSM8K (`#### N`, plain numbers with units and separators) and MATH / MATH-500 (LaTeX, `\boxed{}`)
 * write them, each against a way an expert or a model writes the same value, and near misses that must not match.
 */
const SAME: readonly [string, string][] = [
  // GSM8K
  ['#### 18', '18'],
  ['Janet sells 9 duck eggs.\nShe makes $18.\n#### 18', '\\$18'],
  ['#### 70000', '70,000'],
  ['#### 70000', '\\$70{,}000'],
  ['#### 540', '540 meters'],
  ['#### 20', '20 cups'],
  ['#### 64', '64.00'],
  ['#### 3', '\\boxed{3}'],
  ['#### 260', '$260$'],
  ['#### 1000', '1,000'],
  ['#### 5', '5\\text{ cm}'],
  ['#### 0.5', '\\frac{1}{2}'],
  ['#### 125', '125\\text{ dollars}'],
  ['#### 15', 'x = 15'],
  ['#### 7', '7.'],
  ['#### 366', '366'],
  ['#### 694', '\\$694'],
  ['#### 13', '13 sheep'],
  ['#### 40', '40%'],
  // MATH / MATH-500
  ['\\frac{14}{3}', '14/3'],
  ['\\frac{1}{2}', '0.5'],
  ['\\dfrac{1}{2}', '\\frac12'],
  ['\\sqrt{8}', '2\\sqrt{2}'],
  ['\\boxed{16}', '16'],
  ['10\\%', '0.1'],
  ['p - q', '-q + p'],
  ['\\left( 3, \\frac{\\pi}{2} \\right)', '(3, \\pi/2)'],
  ['\\left( 3, \\frac{\\pi}{2} \\right)', '\\left(3,\\frac{\\pi}{2}\\right)'],
  ['(x+1)^2', 'x^2+2x+1'],
  ['\\frac{x+1}{2}', '\\frac{x}{2}+\\frac{1}{2}'],
  ['9', '\\boxed{9}'],
  ['40,\\!000', '40000'],
  ['2^6 \\cdot 5^4', '40000'],
  ['\\text{(C)}', 'C'],
  ['\\frac{\\sqrt{3}}{3}', '\\frac{1}{\\sqrt{3}}'],
  ['90^\\circ', '90'],
  ['\\pi', '\\frac{2\\pi}{2}'],
  ['-\\frac{1}{3}', '\\frac{-1}{3}'],
  ['3\\sqrt{13}', '\\sqrt{117}'],
  ['\\infty', '\\infty'],
  ['[2,5)', '[2, 5)'],
  ['x^2 - 1', '(x-1)(x+1)'],
  ['\\frac{3}{4}', '0.75'],
  ['6 - 5i', '-5i + 6'],
  ['\\$32,\\!348', '32348'],
];

const DIFFERENT: readonly [string, string][] = [
  ['\\frac{1}{2}', '2'],
  ['x^2', '2x'],
  ['#### 18', '19'],
  ['#### 70000', '7000'],
  ['\\sqrt{8}', '3\\sqrt{2}'],
  ['\\frac{14}{3}', '4.6667'],
  ['p - q', 'q - p'],
  ['\\left( 3, \\frac{\\pi}{2} \\right)', '(3, \\pi)'],
  ['(x+1)^2', 'x^2+1'],
  ['16', '63'],
  ['2^9 \\cdot 5^4', '40000'],
  ['\\text{(C)}', '(D)'],
  ['-\\frac{1}{3}', '\\frac{1}{3}'],
  ['x^2 - 1', '(x-1)^2'],
  ['#### 540', '5400 meters'],
  ['\\frac{3}{4}', '\\frac{4}{3}'],
  ['6 - 5i', '6 + 5i'],
  ['320,000', '40,\\!000'],
  ['#### 64', '46'],
  ['\\pi', '3.14'],
];

describe('final answers compared by mathematical equivalence', () => {
  it('holds at least 60 pairs', () => {
    expect(SAME.length + DIFFERENT.length).toBeGreaterThanOrEqual(60);
  });

  for (const [a, b] of SAME) {
    it(`${a} matches ${b}, both ways`, () => {
      expect(compareAnswers(a, b).verdict).toBe('matches');
      expect(compareAnswers(b, a).verdict).toBe('matches');
    });
  }

  for (const [a, b] of DIFFERENT) {
    it(`${a} differs from ${b}, both ways`, () => {
      expect(compareAnswers(a, b).verdict).toBe('differs');
      expect(compareAnswers(b, a).verdict).toBe('differs');
    });
  }

  it('says "cannot compare" rather than guess when an answer is not mathematics', () => {
    expect(compareAnswers('', '5').verdict).toBe('cannot_compare');
    expect(compareAnswers('x+', '2').verdict).toBe('cannot_compare');
    expect(compareAnswers('\\frac{1}{', '1').verdict).toBe('cannot_compare');
  });

  it('normalises the way the public sets write answers', () => {
    expect(normalizeAnswer('#### 1,000')).toBe('1000');
    expect(normalizeAnswer('The total is \\boxed{\\dfrac{1}{2}}.')).toBe('\\frac{1}{2}');
    expect(normalizeAnswer('5\\text{ cm}')).toBe('5');
    expect(normalizeAnswer('40,\\!000')).toBe('40000');
  });
});

describe('on real answers: the first 40 of MATH-500 and of GSM8K test', () => {
  const read = (name: string) =>
    readFileSync(resolve(__dirname, '../../fixtures/reasoning', name), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, string>);

  it('each MATH-500 answer matches the \\boxed{} of its own solution and differs from the next answer', () => {
    const rows = read('math500.first40.jsonl');
    for (const [i, r] of rows.entries()) {
      expect(compareAnswers(r.answer!, r.solution!).verdict, r.answer).toBe('matches');
      const next = rows[(i + 1) % rows.length]!.answer!;
      if (normalizeAnswer(next).replace(/^x=/, '') === normalizeAnswer(r.answer!)) continue;
      expect(compareAnswers(r.answer!, next).verdict, `${r.answer} vs ${next}`).toBe('differs');
    }
  });

  it('each GSM8K worked answer matches its own number and differs from it plus one', () => {
    for (const r of read('gsm8k-test.first40.jsonl')) {
      const n = /####\s*(.+)$/.exec(r.answer!)![1]!.replace(/,/g, '');
      expect(compareAnswers(r.answer!, n).verdict).toBe('matches');
      expect(compareAnswers(r.answer!, String(Number(n) + 1)).verdict).toBe('differs');
    }
  });
});
