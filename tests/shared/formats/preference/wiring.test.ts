import { describe, expect, it } from 'vitest';
import { DEFAULT_IMPORT_LIMITS, detectFormat } from '@shared/formats';
import { detectAlpacaEval, detectHhRlhf, detectOasstTrees, preferenceImporters, type PreferenceFormat } from '@shared/formats/preference';
import { ALPACA_EVAL, HH_RLHF, OASST, readFixture } from './fixtures';

const cases: { file: string; format: PreferenceFormat; detect: (text: string) => boolean; tasks: number }[] = [
  { file: HH_RLHF, format: 'hh-rlhf', detect: detectHhRlhf, tasks: 40 },
  { file: OASST, format: 'oasst-tree', detect: detectOasstTrees, tasks: 35 },
  { file: ALPACA_EVAL, format: 'alpaca-eval', detect: detectAlpacaEval, tasks: 20 },
];

describe('preference importers behind the shared format detection', () => {
  it.each(cases)('$format: detectFormat and the format detector agree, and the importer reads the sample', ({ file, format, detect, tasks }) => {
    const text = readFixture(file);
    const detection = detectFormat(text);
    expect(detection.kind === 'known' ? detection.detector.format : detection.kind).toBe(format);
    expect(detect(text)).toBe(true);
    for (const other of cases.filter((c) => c.format !== format)) expect(other.detect(text)).toBe(false);
    const result = preferenceImporters[format](text, DEFAULT_IMPORT_LIMITS);
    expect(result.ok ? result.value.length : result.error.message).toBe(tasks);
  });

  it('honours the task limit', () => {
    const result = preferenceImporters['hh-rlhf'](readFixture(HH_RLHF), { ...DEFAULT_IMPORT_LIMITS, maxTasks: 10 });
    expect(result.ok ? null : result.error.detail).toBe('line 11');
    const oasst = preferenceImporters['oasst-tree'](readFixture(OASST), { ...DEFAULT_IMPORT_LIMITS, maxTasks: 10 });
    expect(oasst.ok).toBe(false);
    const alpaca = preferenceImporters['alpaca-eval'](readFixture(ALPACA_EVAL), { maxChars: 1000, maxTasks: 10 });
    expect(alpaca.ok ? null : alpaca.error.message).toMatch(/too large/);
  });
});
