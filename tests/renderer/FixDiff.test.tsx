// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { annotationSchema, type TaskPayload } from '@shared/domain';
import { ReviewBanner } from '../../renderer/src/features/task/ReviewBanner';

const annotation = (finalAnswer: string, s1: number) =>
  annotationSchema.parse({ kind: 'reasoning', stepRatings: { s1 }, firstErrorStepId: null, authoredSteps: [], finalAnswer, finishReason: null });

const payload: TaskPayload = { kind: 'reasoning', problem: 'What is 6 x 7?', modelSteps: [{ id: 's1', content: '6 x 7 = 42' }] } as TaskPayload;

describe('a fixed task, as the expert sees it', () => {
  afterEach(cleanup);

  it('shows each field the reviewer changed with the old and new value, as text', () => {
    render(
      <ReviewBanner
        review={{ taskId: 't1', verdict: 'fixed', comments: [], reviewer: 'rita', reviewedAt: '2026-11-30T10:00:00.000Z', fixedAnnotation: annotation('<img src=x onerror=alert(1)>', -1) }}
        submitted={annotation('42', 1)}
        payload={payload}
      />,
    );
    const table = screen.getByRole('table', { name: 'Fields the reviewer changed' });
    const rows = within(table).getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(rows).toEqual(['finalAnswer42<img src=x onerror=alert(1)>', 'stepRatings.s11-1']);
    expect(document.querySelector('img')).toBeNull();
  });

  it('shows no diff for a return', () => {
    render(<ReviewBanner review={{ taskId: 't1', verdict: 'returned', comments: [], reviewer: 'rita', reviewedAt: '2026-11-30T10:00:00.000Z' }} submitted={annotation('42', 1)} payload={payload} />);
    expect(screen.queryByRole('table')).toBeNull();
  });
});
