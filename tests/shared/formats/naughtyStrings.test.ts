import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { taskSchema, type Task } from '../../../shared/domain';
import { parseCanonicalTasks, serializeCanonicalTasks } from '../../../shared/formats/canonicalJsonl';
import { readFixture } from '../readFixture';

// minimaxir/big-list-of-naughty-strings (MIT), copied from shared/samples; see tests/fixtures/README.md.
const naughty = z.array(z.string()).parse(JSON.parse(readFixture('big-list-of-naughty-strings.json')));
const extras = ['\uD800 lone high surrogate', 'lone low \uDFFF', '\u2028\u2029', 'a\r\nb\rc\nd', '\u0000\u001F\u007F', '\uFEFFbom inside'];

const rankingWith = (index: number, text: string): Task =>
  taskSchema.parse({
    id: `naughty-${index}`,
    project: 'Naughty strings',
    title: text,
    payload: {
      kind: 'ranking',
      conversation: [{ role: 'user', content: text }],
      responses: [
        { id: 'a', content: text },
        { id: 'b', content: `${text}${text}` },
      ],
    },
  });

const roundTrip = (tasks: Task[]): { text: string; again: string; parsed: Task[] } => {
  const text = serializeCanonicalTasks(tasks);
  const result = parseCanonicalTasks(text);
  if (!result.ok) throw new Error(result.error.message);
  return { text, again: serializeCanonicalTasks(result.value), parsed: result.value };
};

describe('big list of naughty strings', () => {
  it('holds all 515 strings', () => {
    expect(naughty).toHaveLength(515);
  });

  it('round-trips every string as a title and response content, byte for byte', () => {
    const strings = [...naughty, ...extras].filter((s) => s !== '');
    for (const [index, text] of strings.entries()) {
      const { text: serialized, again, parsed } = roundTrip([rankingWith(index, text)]);
      expect(again).toBe(serialized);
      const [task] = parsed;
      expect(task?.title).toBe(text);
      expect(task?.payload.kind === 'ranking' && task.payload.responses.map((r) => r.content)).toEqual([text, `${text}${text}`]);
    }
  });

  it('round-trips them all in one file, one line per task', () => {
    const tasks = [...naughty, ...extras].filter((s) => s !== '').map((text, index) => rankingWith(index, text));
    const { text, again, parsed } = roundTrip(tasks);
    expect(text.trimEnd().split('\n')).toHaveLength(tasks.length);
    expect(again).toBe(text);
    expect(parsed).toEqual(tasks);
  });

  it('keeps the empty string as content; an empty title is rejected by the schema, as it should be', () => {
    expect(naughty).toContain('');
    const { parsed } = roundTrip([
      taskSchema.parse({ id: 'e', project: 'P', title: 'empty', payload: { kind: 'ranking', conversation: [{ role: 'user', content: '' }], responses: [{ id: 'a', content: '' }, { id: 'b', content: '' }] } }),
    ]);
    expect(parsed[0]?.payload.kind === 'ranking' && parsed[0].payload.responses[0]?.content).toBe('');
    expect(taskSchema.safeParse({ id: 'e', project: 'P', title: '', payload: { kind: 'reasoning', problem: 'p' } }).success).toBe(false);
  });
});
