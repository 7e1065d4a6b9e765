import { describe, expect, it } from 'vitest';
import { emptyAnnotationFor, rankingAnnotationSchema, taskSchema, type Annotation, type Task } from '@shared/domain';
import { toDpoJsonl, toHhRlhfJsonl } from '@shared/formats/preference';

const task = (id: string, responses: string[], conversation = [{ role: 'user', content: 'Sum 2 and 2.' }]): Task =>
  taskSchema.parse({
    id,
    project: 'p',
    title: id,
    payload: { kind: 'ranking', conversation, responses: responses.map((content, i) => ({ id: `${id}-${i + 1}`, content })) },
  });

const ranking = (fields: Record<string, unknown>): Annotation => rankingAnnotationSchema.parse({ kind: 'ranking', ...fields });

const threeWay = task('t3', ['4', 'four', '5']);
// A and B (4, four) tie for best, C (5) is worst.
const threeWayAnnotation = ranking({ displayOrder: ['t3-3', 't3-1', 't3-2'], ranks: { 't3-1': 1, 't3-2': 1, 't3-3': 2 } });
const pair = task('t2', ['Paris', 'Lyon'], [
  { role: 'user', content: 'Capital of France?' },
  { role: 'assistant', content: 'Which country?' },
  { role: 'user', content: 'France.' },
]);
// Displayed as A = Lyon, B = Paris; +2: B (Paris) clearly better.
const pairAnnotation = ranking({ displayOrder: ['t2-2', 't2-1'], graded: 2, ranks: { 't2-1': 1, 't2-2': 2 } });

describe('toDpoJsonl', () => {
  it('writes exactly one TRL line per ordered pair, ties left out, with the margin', () => {
    const result = toDpoJsonl([
      { task: threeWay, annotation: threeWayAnnotation },
      { task: pair, annotation: pairAnnotation },
    ]);
    const prompt3 = [{ role: 'user', content: 'Sum 2 and 2.' }];
    const prompt2 = [
      { role: 'user', content: 'Capital of France?' },
      { role: 'assistant', content: 'Which country?' },
      { role: 'user', content: 'France.' },
    ];
    const line = (prompt: unknown, chosen: string, rejected: string, margin: number): string =>
      JSON.stringify({ prompt, chosen: [{ role: 'assistant', content: chosen }], rejected: [{ role: 'assistant', content: rejected }], margin });
    expect(result).toEqual({
      ok: true,
      value: `${[line(prompt3, '4', '5', 1), line(prompt3, 'four', '5', 1), line(prompt2, 'Paris', 'Lyon', 2)].join('\n')}\n`,
    });
    expect(result.ok ? result.value.split('\n')[0] : '').toBe(
      '{"prompt":[{"role":"user","content":"Sum 2 and 2."}],"chosen":[{"role":"assistant","content":"4"}],"rejected":[{"role":"assistant","content":"5"}],"margin":1}',
    );
  });

  it('writes nothing for ties and flagged annotations', () => {
    const tied = ranking({ displayOrder: ['t2-1', 't2-2'], graded: 0 });
    const allBad = ranking({ displayOrder: ['t3-1', 't3-2', 't3-3'], ranks: { 't3-1': 1, 't3-2': 2, 't3-3': 3 }, flags: { allBad: true, notRankable: false } });
    expect(toDpoJsonl([{ task: pair, annotation: tied }, { task: threeWay, annotation: allBad }])).toEqual({ ok: true, value: '' });
  });

  it('refuses mismatched input, naming the task', () => {
    const reasoning = taskSchema.parse({ id: 'r', project: 'p', title: 'r', payload: { kind: 'reasoning', problem: 'x' } });
    const notRanking = toDpoJsonl([{ task: reasoning, annotation: emptyAnnotationFor(reasoning.payload) }]);
    expect(notRanking.ok ? null : notRanking.error.detail).toBe('task r');
    const ghost = toDpoJsonl([{ task: pair, annotation: ranking({ displayOrder: ['t2-1', 'x'], ranks: { 't2-1': 1, x: 2 } }) }]);
    expect(ghost.ok ? null : ghost.error.detail).toBe('task t2, field ranks.x');
  });
});

describe('toHhRlhfJsonl', () => {
  it('writes chosen/rejected dialogues per ordered pair', () => {
    expect(toHhRlhfJsonl([{ task: pair, annotation: pairAnnotation }])).toEqual({
      ok: true,
      value: `${JSON.stringify({
        chosen: '\n\nHuman: Capital of France?\n\nAssistant: Which country?\n\nHuman: France.\n\nAssistant: Paris',
        rejected: '\n\nHuman: Capital of France?\n\nAssistant: Which country?\n\nHuman: France.\n\nAssistant: Lyon',
      })}\n`,
    });
  });

  it('refuses a conversation with a system turn, naming the task and the turn', () => {
    const withSystem = task('s', ['a', 'b'], [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
    ]);
    const result = toHhRlhfJsonl([{ task: withSystem, annotation: ranking({ displayOrder: ['s-1', 's-2'], graded: -1 }) }]);
    expect(result.ok ? null : result.error.detail).toBe('task s, field payload.conversation[0].role');
  });
});
