// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { annotationSchema, taskSchema, type Annotation, type Task } from '@shared/domain';
import { GENESIS_HASH, revisionHash, type RevisionContent } from '@shared/review/historyChain';
import type { AgreementReport, TaskJudgement } from '@shared/sync/reviewQuality';
import { setApi } from '../../renderer/src/api';
import { AgreementReportPage } from '../../renderer/src/features/review/agreement/AgreementReportPage';
import { JudgementsSideBySide } from '../../renderer/src/features/review/agreement/JudgementsSideBySide';
import { sideBySide } from '../../renderer/src/features/review/agreement/sideBySide';
import { createFakeApi } from '../support/fakeApi';

const task: Task = taskSchema.parse({
  id: 'p1',
  project: 'proofs',
  title: 'Proof 1',
  payload: { kind: 'reasoning', problem: 'Prove it.', modelSteps: [{ id: 's1', content: 'a' }, { id: 's2', content: 'b' }, { id: 's3', content: 'c' }] },
});
const steps = (s1: -1 | 0 | 1, s2: -1 | 0 | 1, first: string | null): Annotation => annotationSchema.parse({ kind: 'reasoning', stepRatings: { s1, s2 }, firstErrorStepId: first });

const judgement = (expert: string, annotation: Annotation, tamper = false): TaskJudgement => {
  const content: RevisionContent = { taskId: 'p1', revision: 1, taskVersion: 1, activeSeconds: 60, savedAt: '2026-11-30T10:00:00.000Z', author: expert, annotation };
  const hash = revisionHash(GENESIS_HASH, content);
  return {
    expert,
    submissionId: `sub_${expert}`,
    revision: 1,
    annotation,
    activeSeconds: 60,
    submittedAt: '2026-11-30T10:00:00.000Z',
    goldScore: null,
    // The content as pulled; a tampered one no longer matches the hash the platform stored when it was made.
    history: [{ content: tamper ? { ...content, activeSeconds: 6000 } : content, hash, source: 'submission', sourceId: `sub_${expert}` }],
  };
};

afterEach(cleanup);

describe('judgements side by side', () => {
  it('lines up what each expert and the gold judgement say per step, marking the rows where experts differ', () => {
    const gold = steps(1, -1, 's2');
    const table = sideBySide(task, [judgement('ann', steps(1, -1, 's2')), judgement('bo', steps(1, 1, null))], gold);
    expect(table.columns).toEqual(['Gold (expected)', 'ann', 'bo']);
    expect(table.rows).toEqual([
      { label: 'Step 1', cells: ['+1 correct', '+1 correct', '+1 correct'], disagree: false },
      { label: 'Step 2', cells: ['−1 wrong', '−1 wrong', '+1 correct'], disagree: true },
      { label: 'Step 3', cells: ['—', '—', '—'], disagree: false },
      { label: 'First wrong step', cells: ['step 2', 'step 2', 'none'], disagree: true },
    ]);
  });

  it('for a ranking: each response’s rank (with the blind label each expert saw) and each rating, gold without labels', () => {
    const ranked: Task = taskSchema.parse({
      id: 'k1',
      project: 'proofs',
      title: 'Rank',
      payload: {
        kind: 'ranking',
        conversation: [{ role: 'user', content: 'Q' }],
        responses: [{ id: 'x', content: 'X' }, { id: 'y', content: 'Y' }],
        rubric: { criteria: [{ id: 'ok', label: 'Correctness', scale: { min: 1, max: 7 } }] },
      },
    });
    const rank = (x: number, y: number, order: string[], ratings = {}) => annotationSchema.parse({ kind: 'ranking', displayOrder: order, ranks: { x, y }, ratings });
    const table = sideBySide(ranked, [judgement('ann', rank(1, 2, ['y', 'x'], { x: { ok: 6 }, y: { ok: 3 } })), judgement('bo', rank(1, 2, ['x', 'y'], { x: { ok: 6 } }))], rank(1, 2, ['x', 'y']));
    expect(table.rows).toEqual([
      { label: 'Response 1 · x', cells: ['rank 1', 'rank 1 (saw B)', 'rank 1 (saw A)'], disagree: false },
      { label: 'Response 2 · y', cells: ['rank 2', 'rank 2 (saw A)', 'rank 2 (saw B)'], disagree: false },
      { label: 'Response 1 · Correctness', cells: ['—', '6', '6'], disagree: false },
      { label: 'Response 2 · Correctness', cells: ['—', '3', '—'], disagree: true },
    ]);
  });

  it('checks each expert’s platform history on what was pulled and names a broken one', async () => {
    const { api } = createFakeApi({
      getTaskJudgements: () => ({
        taskId: 'p1',
        project: 'proofs',
        kind: 'reasoning',
        gold: null,
        judgements: [judgement('ann', steps(1, 1, null)), judgement('bo', steps(1, -1, 's2'), true)],
        agreement: { taskId: 'p1', kind: 'reasoning', experts: ['ann', 'bo'], gold: false, figures: [{ measure: 'step_label_agreement', value: 0.5, n: 2 }] },
      }),
    });
    setApi(api);
    render(<JudgementsSideBySide task={task} />);
    const history = await screen.findByTestId('platform-history');
    expect(within(history).getByText(/^ann:/).textContent).toBe('ann: History intact (1 revision)');
    expect(within(history).getByText(/^bo:/).textContent).toMatch(/^bo: History broken at revision 1: revision 1 does not match its hash/);
    expect(screen.getByRole('list', { name: 'Agreement on this task' }).textContent).toContain('Agreeing step labels (share of expert pairs): 0.500');
  });
});

const report: AgreementReport = {
  project: 'proofs',
  generatedAt: '2026-11-30T10:00:00.000Z',
  taskCount: 4,
  kinds: [{ kind: 'ranking', tasks: 2, figures: [{ measure: 'kendall_tau_b', value: -0.25, n: 3 }, { measure: 'ratings_alpha_interval', value: null, n: 0 }] }],
  tasks: [{ taskId: 'p1', kind: 'ranking', experts: ['ann', 'bo'], gold: true, figures: [{ measure: 'kendall_tau_b', value: -0.25, n: 1 }] }],
  gold: [{ taskId: 'p1', kind: 'ranking', expert: 'ann', score: 0.5, matched: 1, of: 2, firstWrongStep: null }],
  experts: [{ expert: 'ann', judged: 2, goldTasks: 1, goldMean: 0.5 }],
};

describe('the agreement report', () => {
  it('shows each figure in a table and in a chart described for screen readers; an undefined one says so', async () => {
    const { api } = createFakeApi({ getAgreementReport: ({ project }) => ({ ...report, project }) });
    setApi(api);
    render(<AgreementReportPage project="proofs" />);
    const table = await screen.findByTestId('agreement-ranking');
    expect(within(table).getByRole('row', { name: /Kendall's tau-b/ }).textContent).toContain('-0.250');
    expect(within(table).getByRole('row', { name: /ratings \(interval\)/ }).textContent).toContain('undefined');
    const chart = screen.getByRole('img', { name: /Agreement on ranking tasks, from −1 to 1/ });
    expect(chart.querySelector('desc')?.textContent).toBe("Kendall's tau-b (mean over expert pairs): -0.250; Krippendorff's alpha, ratings (interval): undefined");
    expect(chart.querySelectorAll('rect.figure-bar.is-negative')).toHaveLength(1);
    expect(within(screen.getByTestId('agreement-experts')).getByRole('row', { name: /^ann/ }).textContent).toContain('50%');
  });

  it('says why when the platform cannot be read', async () => {
    const { api } = createFakeApi({
      getAgreementReport: () => {
        throw Object.assign(new Error('You are working offline; this view is read live from the platform. Go online to see it.'), { code: 'conflict' });
      },
    });
    setApi(api);
    render(<AgreementReportPage project="proofs" />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/working offline/);
  });
});
