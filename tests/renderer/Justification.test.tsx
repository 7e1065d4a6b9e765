// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rankingAnnotationSchema, type OpenTask } from '@shared/domain';
import { demoTasks } from '@shared/demo';
import { addHighlight } from '@shared/ranking';
import { setApi } from '../../renderer/src/api';
import { Justification } from '../../renderer/src/features/ranking/Justification';
import { SpanList } from '../../renderer/src/features/ranking/SpanList';
import { useDraftStore } from '../../renderer/src/features/workspace/draftStore';
import { createFakeApi } from '../support/fakeApi';

const task = demoTasks.find((t) => t.payload.kind === 'ranking')!;
const payload = task.payload.kind === 'ranking' ? task.payload : null;
const [first] = payload!.responses;

function Panel() {
  const annotation = useDraftStore((s) => (s.annotation?.kind === 'ranking' ? s.annotation : null));
  if (!annotation) return null;
  return (
    <>
      <SpanList annotation={annotation} responses={payload!.responses} readOnly={false} onCite={() => undefined} />
      <Justification minLength={0} readOnly={false} error={undefined} />
    </>
  );
}

describe('the justification editor', () => {
  beforeEach(() => {
    const { api } = createFakeApi({ saveDraft: async () => ({ revision: 1, savedAt: new Date().toISOString() }) } as never);
    setApi(api);
    const base = rankingAnnotationSchema.parse({
      kind: 'ranking',
      displayOrder: payload!.responses.map((r) => r.id),
      justification: 'A is better: [A1] and [A2] are right, [A3] is a slip.',
    });
    const annotation = ['a', 'b', 'c'].reduce(
      (a, id, i) => addHighlight(a, { id, responseId: first!.id, start: i * 3, end: i * 3 + 2, label: 'error', comment: '' }),
      base,
    );
    const opened: OpenTask = { task, status: 'in_progress', draft: { taskId: task.id, revision: 1, annotation, savedAt: new Date().toISOString(), activeSeconds: 0 }, submission: null, review: null, revoked: false };
    useDraftStore.getState().open(opened, annotation);
  });
  afterEach(cleanup);

  it('keeps A2 and A3 after A1 is removed and marks the [A1] still cited', () => {
    render(<Panel />);
    expect(document.querySelector('mark')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Remove highlight A1' }));
    expect([...document.querySelectorAll('.span-name')].map((n) => n.textContent)).toEqual(['A2', 'A3']);
    const marks = [...document.querySelectorAll('.justification-backdrop mark.stale-citation')];
    expect(marks.map((m) => m.textContent)).toEqual(['[A1]']);
    expect(screen.getByTestId('stale-citations').textContent).toContain('[A1]');
    expect(screen.getByRole('textbox').getAttribute('aria-invalid')).toBe('true');
  });
});
