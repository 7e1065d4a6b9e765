import { describe, expect, it } from 'vitest';
import { describeTaskChanges, taskSchema, type Task } from '@shared/domain';

const ranking = (responses: { id: string; content: string }[], extra: Record<string, unknown> = {}): Task =>
  taskSchema.parse({
    id: 't1',
    project: 'p',
    title: 'Compare',
    payload: { kind: 'ranking', conversation: [{ role: 'user', content: 'Explain recursion.' }], responses },
    ...extra,
  });

describe('describeTaskChanges', () => {
  const v1 = ranking([
    { id: 'r1', content: 'One.' },
    { id: 'r2', content: 'Two.' },
  ]);

  it('names a changed response by its id and the field that changed', () => {
    const v2 = ranking([
      { id: 'r1', content: 'One.' },
      { id: 'r2', content: 'Two, rewritten.' },
    ]);
    expect(describeTaskChanges(v1, v2)).toEqual([{ path: 'payload.responses[r2].content', change: 'changed', summary: 'Response r2, content changed' }]);
  });

  it('names items the way the expert knows them when told how', () => {
    const v2 = ranking([
      { id: 'r1', content: 'One, changed.' },
      { id: 'r2', content: 'Two.' },
      { id: 'r9', content: 'New.' },
    ]);
    const blind = { responses: (id: string) => ({ r1: 'B', r2: 'A' })[id] };
    expect(describeTaskChanges(v1, v2, blind).map((c) => c.summary)).toEqual(['Response B, content changed', 'Response r9 added']);
  });

  it('tells added, removed and reordered items apart, and title and guidelines changes', () => {
    const v2 = ranking(
      [
        { id: 'r3', content: 'Three.' },
        { id: 'r1', content: 'One.' },
      ],
      { title: 'Compare again', guidelines: 'Be strict.' },
    );
    const summaries = describeTaskChanges(v1, v2).map((c) => c.summary);
    expect(summaries).toEqual(['Title changed', 'Guidelines changed', 'Response r2 removed', 'Response r3 added']);
  });

  it('finds nothing between equal versions, and works for any kind', () => {
    expect(describeTaskChanges(v1, v1)).toEqual([]);
    const reasoning = (steps: string[]): Task =>
      taskSchema.parse({ id: 't2', project: 'p', title: 'Proof', payload: { kind: 'reasoning', problem: 'Show it.', modelSteps: steps.map((content, i) => ({ id: `s${i + 1}`, content })) } });
    expect(describeTaskChanges(reasoning(['a', 'b']), reasoning(['a', 'c']))).toEqual([
      { path: 'payload.modelSteps[s2].content', change: 'changed', summary: 'Step s2, content changed' },
    ]);
  });
});
