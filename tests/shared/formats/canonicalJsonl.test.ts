import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { taskSchema, type AppError, type Result } from '../../../shared/domain';
import { demoTasks, demoTasksJsonl } from '../../../shared/demo/demoTasks';
import { parseCanonicalTasks, serializeCanonicalTasks } from '../../../shared/formats/canonicalJsonl';
import { DEFAULT_IMPORT_LIMITS } from '../../../shared/formats/limits';
import { readFixture } from '../readFixture';

const errorOf = <T>(result: Result<T>): AppError => {
  if (result.ok) throw new Error('expected the parse to fail');
  return result.error;
};

const valueOf = <T>(result: Result<T>): T => {
  if (!result.ok) throw new Error(`expected success, got: ${result.error.message}`);
  return result.value;
};

const reasoningLine = (id: string, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ id, project: 'P', title: `Task ${id}`, payload: { kind: 'reasoning', problem: 'Compute $1+1$.' }, ...extra });

describe('serializeCanonicalTasks / parseCanonicalTasks', () => {
  it('round-trips the demo tasks losslessly and byte for byte', () => {
    const text = serializeCanonicalTasks(demoTasks);
    const parsed = valueOf(parseCanonicalTasks(text));
    expect(parsed).toEqual(demoTasks);
    expect(serializeCanonicalTasks(parsed)).toBe(text);
  });

  it('writes one task per line with LF endings and a final newline', () => {
    const text = serializeCanonicalTasks(demoTasks);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.includes('\r')).toBe(false);
    expect(text.trimEnd().split('\n')).toHaveLength(demoTasks.length);
  });

  it('reads the valid fixture, which still matches the demo tasks', () => {
    const text = readFixture('tasks.valid.jsonl');
    expect(text, 'regenerate tests/fixtures/tasks.valid.jsonl (see its README)').toBe(demoTasksJsonl());
    expect(valueOf(parseCanonicalTasks(text))).toEqual(demoTasks);
  });

  it('fills schema defaults', () => {
    const [task] = valueOf(parseCanonicalTasks(reasoningLine('a')));
    expect(task).toMatchObject({ schemaVersion: 1, version: 1, guidelines: '', lease: null });
  });

  it('skips blank and whitespace-only lines', () => {
    const text = `\n${reasoningLine('a')}\n   \n\t\n${reasoningLine('b')}\n\n`;
    expect(valueOf(parseCanonicalTasks(text)).map((t) => t.id)).toEqual(['a', 'b']);
  });

  it('handles a UTF-8 BOM and CRLF line endings', () => {
    const tasks = valueOf(parseCanonicalTasks(readFixture('tasks.bom-crlf.jsonl')));
    expect(tasks.map((t) => t.id)).toEqual(['fx-rank-1', 'fx-reason-2']);
  });

  it('round-trips arbitrary Unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }), (content, title) => {
        const task = taskSchema.parse({ id: 'x', project: 'P', title, payload: { kind: 'reasoning', problem: 'p', modelSteps: [{ id: 's', content }] } });
        const text = serializeCanonicalTasks([task]);
        const parsed = valueOf(parseCanonicalTasks(text));
        expect(parsed).toEqual([task]);
        expect(serializeCanonicalTasks(parsed)).toBe(text);
      }),
    );
  });
});

describe('parseCanonicalTasks errors name the line and the field', () => {
  it('a field error: line 3, payload.responses', () => {
    const error = errorOf(parseCanonicalTasks(readFixture('tasks.bad-field-line3.jsonl')));
    expect(error).toEqual({
      code: 'import_failed',
      message: 'Line 3: payload.responses: expected at least 2 responses',
      detail: 'line 3, field payload.responses',
    });
  });

  it('invalid JSON: line 5, counting blank lines', () => {
    const error = errorOf(parseCanonicalTasks(readFixture('tasks.bad-json-line5.jsonl')));
    expect(error.code).toBe('import_failed');
    expect(error.message).toMatch(/^Line 5 is not valid JSON: \S/);
    expect(error.message).not.toMatch(/line 1 column/);
    expect(error.detail).toBe('line 5');
  });

  it('a duplicate id: the later line, pointing at the first', () => {
    const error = errorOf(parseCanonicalTasks(readFixture('tasks.duplicate-id-line4.jsonl')));
    expect(error.message).toBe('Line 4: id: duplicate task id "fx-reason-2" (already used on line 2)');
    expect(error.detail).toBe('line 4, field id');
  });

  it('a missing field', () => {
    const line = JSON.stringify({ id: 'a', project: 'P', payload: { kind: 'reasoning', problem: 'x' } });
    expect(errorOf(parseCanonicalTasks(line))).toMatchObject({ message: 'Line 1: title: required field is missing', detail: 'line 1, field title' });
  });

  it('an empty required string', () => {
    const line = reasoningLine('a', { title: '' });
    expect(errorOf(parseCanonicalTasks(line)).message).toBe('Line 1: title: must not be empty');
  });

  it('an unknown task kind', () => {
    const line = JSON.stringify({ id: 'a', project: 'P', title: 'T', payload: { kind: 'rank' } });
    expect(errorOf(parseCanonicalTasks(line))).toMatchObject({
      message: 'Line 1: payload.kind: expected one of "ranking", "reasoning", "trajectory", found "rank"',
      detail: 'line 1, field payload.kind',
    });
  });

  it('a missing task kind', () => {
    const line = JSON.stringify({ id: 'a', project: 'P', title: 'T', payload: { problem: 'x' } });
    expect(errorOf(parseCanonicalTasks(line)).message).toBe(
      'Line 1: payload.kind: required field is missing; expected one of "ranking", "reasoning", "trajectory"',
    );
  });

  it('a nested field with a wrong type, with array indexes in the path', () => {
    const line = reasoningLine('a', { payload: { kind: 'reasoning', problem: 'x', modelSteps: [{ id: 's1', content: 'ok' }, { id: 's2', content: 42 }] } });
    expect(errorOf(parseCanonicalTasks(`\n${line}`))).toMatchObject({
      message: 'Line 2: payload.modelSteps[1].content: expected text, found a number',
      detail: 'line 2, field payload.modelSteps[1].content',
    });
  });

  it('an unsafe repository path in a trajectory', () => {
    const line = JSON.stringify({
      id: 't',
      project: 'P',
      title: 'T',
      payload: { kind: 'trajectory', problemStatement: 'x', repository: { name: 'r', files: [{ path: '../etc/passwd', content: '' }] }, steps: [{ id: 's' }] },
    });
    expect(errorOf(parseCanonicalTasks(line))).toMatchObject({
      message: 'Line 1: payload.repository.files[0].path: path must not contain .. or empty segments',
      detail: 'line 1, field payload.repository.files[0].path',
    });
  });

  it('a newer schema version says what to do', () => {
    const error = errorOf(parseCanonicalTasks(reasoningLine('a', { schemaVersion: 2 })));
    expect(error.message).toMatch(/^Line 1: schemaVersion: schema version 2 is not one this version of Assay reads .*update Assay/);
    expect(error.detail).toBe('line 1, field schemaVersion');
  });

  it('a line that is JSON but not an object', () => {
    for (const line of ['[1, 2]', '"task"', '42', 'null']) {
      expect(errorOf(parseCanonicalTasks(`${reasoningLine('a')}\n${line}`))).toEqual({
        code: 'import_failed',
        message: 'Line 2: expected a JSON object (one task per line)',
        detail: 'line 2',
      });
    }
  });

  it('reports the first bad line and how many more there are', () => {
    const text = [reasoningLine('a'), '{oops', reasoningLine('b', { title: '' }), reasoningLine('c', { title: '' })].join('\n');
    const error = errorOf(parseCanonicalTasks(text));
    expect(error.message).toMatch(/^Line 2 is not valid JSON: .* \(and 2 more lines with problems; nothing was imported\)$/);
    expect(error.detail).toBe('line 2');
  });

  it('an empty file', () => {
    for (const text of ['', '\n\n', '\uFEFF', ' \r\n\t\r\n']) {
      expect(errorOf(parseCanonicalTasks(text)).message).toMatch(/^The file is empty/);
    }
  });

  it('a file over the size limit, before reading any of it', () => {
    const error = errorOf(parseCanonicalTasks(`${reasoningLine('a')}\n`.repeat(10), { ...DEFAULT_IMPORT_LIMITS, maxChars: 100 }));
    expect(error.message).toMatch(/^The file is too large to import \(.*; the limit is 100 characters\)\. Split it/);
  });

  it('a file with more tasks than the limit', () => {
    const text = ['a', 'b', 'c'].map((id) => reasoningLine(id)).join('\n');
    const error = errorOf(parseCanonicalTasks(text, { ...DEFAULT_IMPORT_LIMITS, maxTasks: 2 }));
    expect(error).toMatchObject({ message: expect.stringMatching(/more than 2 tasks/) as unknown, detail: 'line 3' });
  });

  it('imports nothing when any line is bad', () => {
    const text = `${serializeCanonicalTasks(demoTasks)}{"id": 1}\n`;
    const result = parseCanonicalTasks(text);
    expect(result.ok).toBe(false);
    expect(errorOf(result).detail).toMatch(/^line 4, field /);
  });
});
