// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReviewQueueEntry } from '@shared/ipc';
import { setApi } from '../../renderer/src/api';
import { ReviewPage } from '../../renderer/src/features/review/ReviewPage';
import { ReviewPanel } from '../../renderer/src/features/review/ReviewPanel';
import { ReturnComposer, type DraftComment } from '../../renderer/src/features/review/ReturnComposer';
import { useCommentStore } from '../../renderer/src/features/comments/commentStore';
import { reviewActionFor, REVIEW_KEYS } from '../../renderer/src/features/review/reviewKeys';
import { SHORTCUTS } from '../../renderer/src/features/shortcuts/shortcutList';
import { useAppStore } from '../../renderer/src/state/appStore';
import { useReviewStore } from '../../renderer/src/state/reviewStore';
import { createFakeApi } from '../support/fakeApi';

const entry = (n: number, project: string): ReviewQueueEntry => ({
  submissionId: `sub_${n}`,
  project,
  taskId: `t${n}`,
  kind: 'reasoning',
  title: `Problem ${n}`,
  expert: n % 2 === 0 ? 'bo' : 'ann',
  submittedAt: '2026-11-30T10:00:00.000Z',
  activeSeconds: 600 + n,
  revision: 1,
  medianSeconds: 600,
  pastes: 0,
  pastedChars: 0,
  flags: [],
  searchText: `What is ${n} + ${n}?`,
});

describe('the review queue', () => {
  beforeEach(() => {
    // jsdom lays nothing out; the list scrolls the cursor row into view.
    Element.prototype.scrollIntoView = () => undefined;
    useAppStore.setState({ route: { page: 'review' } });
    useReviewStore.setState({ all: [], items: [], loaded: false, cursor: 0, role: null, filters: { query: '', flaggedOnly: false } });
  });
  afterEach(cleanup);

  it('groups submissions by project and walks them with j/k, opening the one under the cursor with Enter', async () => {
    const items = [entry(1, 'algebra'), entry(2, 'algebra'), entry(3, 'chemistry')];
    const { api } = createFakeApi({ listReviewQueue: () => ({ items, role: 'reviewer' }) });
    setApi(api);
    render(<ReviewPage />);
    await screen.findByRole('group', { name: /algebra/ });
    expect(screen.getByRole('group', { name: /algebra/ }).querySelectorAll('[role="option"]')).toHaveLength(2);
    expect(screen.getByRole('group', { name: /chemistry/ }).querySelectorAll('[role="option"]')).toHaveLength(1);

    fireEvent.keyDown(window, { key: 'j' });
    fireEvent.keyDown(window, { key: 'j' });
    fireEvent.keyDown(window, { key: 'j' }); // stays on the last
    fireEvent.keyDown(window, { key: 'k' });
    await waitFor(() => expect(within(screen.getByRole('listbox')).getByRole('option', { selected: true }).textContent).toContain('Problem 2'));
    fireEvent.keyDown(window, { key: 'Enter' });
    expect(useAppStore.getState().route).toEqual({ page: 'reviewItem', submissionId: 'sub_2' });
  });

  it('says when nothing waits', async () => {
    const { api } = createFakeApi({ listReviewQueue: () => ({ items: [], role: 'reviewer' }) });
    setApi(api);
    render(<ReviewPage />);
    await screen.findByText(/Nothing waits for review/);
  });
});

describe('the review queue filters', () => {
  beforeEach(() => {
    Element.prototype.scrollIntoView = () => undefined;
    useAppStore.setState({ route: { page: 'review' } });
    useReviewStore.setState({ all: [], items: [], loaded: false, cursor: 0, role: null, filters: { query: '', flaggedOnly: false } });
  });
  afterEach(cleanup);

  it('narrows the cached queue by search, expert, project and flag, and shows the activity signals', async () => {
    const flagged = { ...entry(3, 'chemistry'), pastes: 2, pastedChars: 2400, flags: ['pastes' as const, 'fast' as const], activeSeconds: 120 };
    const items = [entry(1, 'algebra'), entry(2, 'algebra'), flagged];
    setApi(createFakeApi({ listReviewQueue: () => ({ items, role: 'reviewer' }) }).api);
    render(<ReviewPage />);
    await screen.findByRole('group', { name: /algebra/ });
    const rows = () => within(screen.getByRole('listbox')).getAllByRole('option').map((o) => o.textContent);
    const third = rows().find((t) => t?.includes('Problem 3'));
    expect(third).toContain('2 pastes, 2,400 chars');
    expect(third).toContain('under half the project median');

    fireEvent.change(screen.getByRole('searchbox'), { target: { value: '2 +' } });
    await waitFor(() => expect(rows()).toEqual([expect.stringContaining('Problem 2')]));
    expect(screen.getByText('1 of 3 waiting')).toBeTruthy();
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: '' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Expert' }), { target: { value: 'ann' } });
    await waitFor(() => expect(rows()).toHaveLength(2));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Flagged only' }));
    await waitFor(() => expect(rows()).toEqual([expect.stringContaining('Problem 3')]));
    fireEvent.change(screen.getByRole('combobox', { name: 'Project' }), { target: { value: 'algebra' } });
    await screen.findByText('No submission matches these filters.');
  });
});

describe('the review panel', () => {
  afterEach(() => {
    cleanup();
    useCommentStore.getState().reset();
  });
  const signals = { activeSeconds: 600, medianSeconds: 1200, ratio: 0.5, pastes: [{ target: 'justification', chars: 1800, at: '2026-11-30T10:00:00.000Z' }], pastedChars: 1800, flags: ['pastes' as const] };
  const composer = { names: {}, targets: [], drafts: [], onAdd() {}, onRemove() {}, onSend() {}, onRescan() {} };
  const base = { expert: 'ann', submittedAt: 'today', signals, composer, busy: false, verdict: null, onAccept() {}, onStartReturn() {}, onStartFix() {}, onSendFix() {}, onCancel() {} };

  it('shows active time against the median and each large paste by size, never content', () => {
    render(<ReviewPanel {...base} mode="view" />);
    const region = screen.getByLabelText('Activity signals');
    expect(region.textContent).toContain('project median 20 min (50% of it)');
    expect(screen.getByRole('list', { name: 'Large pastes' }).textContent).toContain('1,800 chars pasted into justification');
  });

  it('anchors each comment where the reviewer chose, keeps several, and sends them together on Ctrl+Enter', () => {
    const sent: DraftComment[][] = [];
    const drafts: DraftComment[] = [];
    const targets = [
      { anchor: { kind: 'step' as const, stepId: 's2' }, label: 'Step 2' },
      { anchor: { kind: 'justification' as const, field: 'note' }, label: 'the note' },
    ];
    const props = {
      expert: 'ann',
      busy: false,
      names: { stepLabel: (id: string) => (id === 's2' ? 'Step 2' : id) },
      targets,
      drafts,
      onAdd: (c: DraftComment) => drafts.push(c),
      onRemove() {},
      onSend: (last: DraftComment | null) => sent.push(last ? [...drafts, last] : [...drafts]),
      onCancel() {},
      onRescan() {},
    };
    render(<ReturnComposer {...props} />);
    const body = screen.getByRole('textbox', { name: 'What to change' });
    fireEvent.keyDown(body, { key: 'Enter', ctrlKey: true });
    expect(sent).toEqual([]);
    fireEvent.change(screen.getByRole('combobox', { name: 'Where' }), { target: { value: 'step:s2' } });
    fireEvent.change(body, { target: { value: '  Step 2 drops a sign.  ' } });
    fireEvent.keyDown(body, { key: 'Enter', altKey: true });
    expect(drafts).toEqual([{ anchor: { kind: 'step', stepId: 's2' }, body: 'Step 2 drops a sign.' }]);
    // A selection made in the workspace becomes the anchor, quote and all.
    const quote = { exact: 'cancels', prefix: 'the term ', suffix: ' out', start: 9, end: 16 };
    act(() => useCommentStore.getState().pick({ kind: 'justification', field: 'note', quote }));
    expect((screen.getByRole('combobox', { name: 'Where' }) as HTMLSelectElement).selectedOptions[0]!.textContent).toBe('Justification: “cancels”');
    fireEvent.change(body, { target: { value: 'Which term?' } });
    fireEvent.keyDown(body, { key: 'Enter', ctrlKey: true });
    expect(sent).toEqual([[drafts[0], { anchor: { kind: 'justification', field: 'note', quote }, body: 'Which term?' }]]);
  });

  it('shows a verdict already given instead of the buttons', () => {
    render(<ReviewPanel {...base} mode="view" verdict={{ verdict: 'accepted', state: 'pending', message: null, createdAt: '2026-11-30T10:00:00.000Z' }} />);
    expect(screen.queryByRole('button', { name: /Accept/ })).toBeNull();
    expect(screen.getByRole('status').textContent).toContain('waiting to be sent');
  });

  it('maps Alt+A / Alt+R / Alt+F by mode, and lists every review key under ?', () => {
    expect(reviewActionFor('KeyA', 'view')).toBe('accept');
    expect(reviewActionFor('KeyR', 'view')).toBe('startReturn');
    expect(reviewActionFor('KeyF', 'view')).toBe('startFix');
    expect(reviewActionFor('KeyF', 'fix')).toBe('sendFix');
    expect(reviewActionFor('KeyA', 'fix')).toBeNull();
    for (const k of REVIEW_KEYS) expect(SHORTCUTS.some((s) => s.where === 'Review' && s.action === k.label)).toBe(true);
  });
});
