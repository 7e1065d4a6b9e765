import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { AppError, Result } from '../../../shared/domain';
import { DEMO_PROJECT, demoTasks, demoTasksJsonl } from '../../../shared/demo/demoTasks';
import { DEFAULT_IMPORT_LIMITS } from '../../../shared/formats/limits';
import { importTasksFromText, type ImportFormat } from '../../../shared/formats/importTasks';
import type { importFormatSchema } from '../../../shared/ipc/contract';
import { readFixture } from '../readFixture';

const errorOf = <T>(result: Result<T>): AppError => {
  if (result.ok) throw new Error('expected the import to fail');
  return result.error;
};

describe('importTasksFromText', () => {
  it('imports canonical JSONL and names its single project', () => {
    const result = importTasksFromText('tasks.valid.jsonl', readFixture('tasks.valid.jsonl'));
    expect(result).toEqual({ ok: true, value: { format: 'canonical-jsonl', tasks: demoTasks, project: DEMO_PROJECT } });
  });

  it('detects by content, not by file name', () => {
    const result = importTasksFromText('export.txt', demoTasksJsonl());
    expect(result.ok && result.value.format).toBe('canonical-jsonl');
  });

  it('gives a null project when the file mixes projects', () => {
    const mixed = `${demoTasksJsonl()}${readFixture('tasks.bom-crlf.jsonl').replace('\uFEFF', '')}`;
    const result = importTasksFromText('mixed.jsonl', mixed);
    expect(result.ok && result.value.project).toBeNull();
    expect(result.ok && result.value.tasks).toHaveLength(5);
  });

  it('strips a BOM and handles CRLF', () => {
    const result = importTasksFromText('bom.jsonl', readFixture('tasks.bom-crlf.jsonl'));
    expect(result.ok && result.value).toMatchObject({ project: 'Fixtures', tasks: [{ id: 'fx-rank-1' }, { id: 'fx-reason-2' }] });
  });

  it('passes line and field errors through', () => {
    expect(errorOf(importTasksFromText('bad.jsonl', readFixture('tasks.bad-field-line3.jsonl')))).toEqual({
      code: 'import_failed',
      message: 'Line 3: payload.responses: expected at least 2 responses',
      detail: 'line 3, field payload.responses',
    });
  });

  it('reports a broken first line by number rather than calling the file unrecognised', () => {
    const text = `{"id": "a", "project": "P", "title": \n${demoTasksJsonl()}`;
    const error = errorOf(importTasksFromText('tasks.txt', text));
    expect(error.message).toMatch(/^Line 1 is not valid JSON: /);
  });

  it('parses an unrecognised .jsonl as canonical so the missing field is named', () => {
    const error = errorOf(importTasksFromText('tasks.jsonl', '{"id": "a", "project": "P", "title": "T"}\n'));
    expect(error).toMatchObject({ message: 'Line 1: payload: required field is missing', detail: 'line 1, field payload' });
  });

  it.each([
    ['formats/hh-rlhf.first1.jsonl', 'hh-rlhf', 1],
    ['formats/oasst-tree.first1.jsonl', 'oasst-tree', 1],
    ['formats/alpaca-eval.first2.json', 'alpaca-eval', 2],
  ] as const)('imports preference data by its structure: %s', (file, format, atLeast) => {
    const result = importTasksFromText(file, readFixture(file));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.format).toBe(format);
    expect(result.value.tasks.length).toBeGreaterThanOrEqual(atLeast);
    expect(result.value.tasks.every((t) => t.payload.kind === 'ranking')).toBe(true);
  });

  it.each([
    ['formats/prm800k-example.json', 'prm800k', 1],
    ['formats/gsm8k.first2.jsonl', 'gsm8k', 2],
    ['formats/math500.first2.jsonl', 'math', 2],
  ] as const)('imports reasoning data by its structure: %s', (file, format, count) => {
    const result = importTasksFromText(file, readFixture(file));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.format).toBe(format);
    expect(result.value.tasks).toHaveLength(count);
    expect(result.value.tasks.every((t) => t.payload.kind === 'reasoning')).toBe(true);
  });

  it.each([
    ['formats/swe-bench-instance.first1.jsonl', 'swe-bench-instance', 0],
    ['formats/swe-agent.trimmed.traj', 'swe-agent-traj', 2],
  ] as const)('imports trajectory data by its structure: %s', (file, format, steps) => {
    const result = importTasksFromText(file, readFixture(file));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.format).toBe(format);
    expect(result.value.tasks.map((t) => t.payload.kind === 'trajectory' && t.payload.steps.length)).toEqual([steps]);
  });

  it('refuses JSON it does not recognise, and text that is not JSON', () => {
    expect(errorOf(importTasksFromText('notes.json', '{"hello": "world"}')).message).toMatch(/^Unrecognised format\. .*canonical Assay task JSONL/);
    expect(errorOf(importTasksFromText('sheet.csv', 'id,title\n1,Hello\n')).message).toMatch(/^This file is not JSON\. /);
  });

  it('refuses an empty file and a file over the size limit', () => {
    expect(errorOf(importTasksFromText('empty.jsonl', '\uFEFF\r\n')).message).toMatch(/^The file is empty\. /);
    const error = errorOf(importTasksFromText('big.jsonl', demoTasksJsonl(), { ...DEFAULT_IMPORT_LIMITS, maxChars: 1024 }));
    expect(error.message).toMatch(/^The file is too large to import \(.* KB; the limit is 1\.0 KB\)/);
  });

  it('returns only formats the IPC contract accepts', () => {
    expectTypeOf<ImportFormat>().toEqualTypeOf<z.infer<typeof importFormatSchema>>();
  });
});
