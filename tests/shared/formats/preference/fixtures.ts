import { readFileSync } from 'node:fs';

export const HH_RLHF = 'hh-rlhf-harmless-base-test.first40.jsonl';
export const OASST = 'oasst-en-trees.first20.jsonl';
export const ALPACA_EVAL = 'alpaca-eval-gpt4-pairwise.first20.json';

export const readFixture = (name: string): string => readFileSync(new URL(`../../../fixtures/preference/${name}`, import.meta.url), 'utf8');

/** Replaces line `lineNumber` (1-based) of a JSONL text. */
export const withLine = (text: string, lineNumber: number, edit: (line: string) => string): string =>
  text
    .split('\n')
    .map((line, index) => (index === lineNumber - 1 ? edit(line) : line))
    .join('\n');
