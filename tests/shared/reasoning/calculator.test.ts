import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCalculatorAnnotations, evaluateArithmetic, wrongCalculations } from '@shared/reasoning';

const gsm8k = readFileSync(resolve(__dirname, '../../fixtures/reasoning/gsm8k-test.first40.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { answer: string });

describe('GSM8K calculator annotations', () => {
  it('evaluates plain arithmetic with precedence, parentheses, powers, percent and thousands separators', () => {
    expect(evaluateArithmetic('16-3-4')).toBe(9);
    expect(evaluateArithmetic('2+3*4')).toBe(14);
    expect(evaluateArithmetic('(2+3)*4')).toBe(20);
    expect(evaluateArithmetic('2^3^2')).toBe(512);
    expect(evaluateArithmetic('60/100*5')).toBe(3);
    expect(evaluateArithmetic('-3+5')).toBe(2);
    expect(evaluateArithmetic('1,000*2')).toBe(2000);
    expect(evaluateArithmetic('50%*8')).toBe(4);
    expect(evaluateArithmetic('$5*2')).toBe(10);
    expect(evaluateArithmetic('2 +')).toBeNull();
    expect(evaluateArithmetic('alert(1)')).toBeNull();
    expect(evaluateArithmetic('1/0')).toBeNull();
  });

  it('marks a wrong annotation and passes right ones, including rounded results', () => {
    expect(wrongCalculations('She has 48/2=<<48/2=24>>24 left')).toEqual([]);
    const [wrong] = wrongCalculations('Then 9*2=<<9*2=19>>19 dollars and 3+3=<<3+3=6>>6');
    expect(wrong).toMatchObject({ expression: '9*2', stated: '19', computed: 18, status: 'wrong', text: '<<9*2=19>>' });
    expect(wrongCalculations('<<10/3=3.33>>')).toEqual([]);
    expect(wrongCalculations('<<10/3=3.3>>')).toEqual([]);
    expect(wrongCalculations('<<10/3=3.4>>')).toHaveLength(1);
    expect(checkCalculatorAnnotations('<<x*2=4>>')[0]?.status).toBe('unreadable');
  });

  it('finds every annotation of the first 40 GSM8K test answers correct', () => {
    const checks = gsm8k.flatMap((r) => checkCalculatorAnnotations(r.answer));
    expect(checks.length).toBeGreaterThan(100);
    expect(checks.filter((c) => c.status === 'wrong')).toEqual([]);
  });

  it('catches a changed result in each of those annotations', () => {
    for (const r of gsm8k.slice(0, 10)) {
      for (const c of checkCalculatorAnnotations(r.answer).filter((x) => x.status === 'correct')) {
        const broken = `<<${c.expression}=${Number(c.stated.replace(/,/g, '')) + 1}>>`;
        expect(wrongCalculations(broken), broken).toHaveLength(1);
      }
    }
  });
});

describe('calculator annotations, property-based (fast-check prints its seed on failure)', () => {
  it('a right result passes and an off-by-one result is marked, for random integer arithmetic', async () => {
    const fc = await import('fast-check');
    fc.assert(
      fc.property(fc.integer({ min: -5000, max: 5000 }), fc.integer({ min: 1, max: 500 }), fc.constantFrom('+', '-', '*'), (a, b, op) => {
        const value = op === '+' ? a + b : op === '-' ? a - b : a * b;
        const expression = `${a}${op}${b}`;
        expect(wrongCalculations(`x <<${expression}=${value}>>${value}`)).toEqual([]);
        expect(wrongCalculations(`x <<${expression}=${value + 1}>>${value + 1}`)).toHaveLength(1);
      }),
      { numRuns: 300 },
    );
  });
});
