// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReviewQueueEntry } from '@shared/ipc';
import { setApi } from '../../renderer/src/api';
import { ReviewPage } from '../../renderer/src/features/review/ReviewPage';
import { ReviewPanel } from '../../renderer/src/features/review/ReviewPanel';
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
});

describe('the review queue', () => {
  beforeEach(() => {
    // jsdom lays nothing out; the list scrolls the cursor row into view.
    Element.prototype.scrollIntoView = () => undefined;
    useAppStore.setState({ route: { page: 'review' } });
    useReviewStore.setState({ items: [], loaded: false, cursor: 0, role: null });
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
    await waitFor(() => expect(screen.getByRole('option', { selected: true }).textContent).toContain('Problem 2'));
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

describe('the review panel', () => {
  afterEach(cleanup);
  const base = { expert: 'ann', activeSeconds: '10 min', submittedAt: 'today', busy: false, verdict: null, onAccept() {}, onStartReturn() {}, onStartFix() {}, onSendFix() {}, onCancel() {} };

  it('sends a return only with a comment, with its anchor, on Ctrl+Enter', () => {
    const sent: { anchor: string; body: string }[] = [];
    render(<ReviewPanel {...base} mode="return" onSendReturn={(c) => sent.push(c)} />);
    const body = screen.getByRole('textbox', { name: 'What to change' });
    fireEvent.keyDown(body, { key: 'Enter', ctrlKey: true });
    expect(sent).toEqual([]);
    fireEvent.change(body, { target: { value: '  Step 2 drops a sign.  ' } });
    fireEvent.change(screen.getByRole('textbox', { name: /Where/ }), { target: { value: 'stepRatings.s2' } });
    fireEvent.keyDown(body, { key: 'Enter', ctrlKey: true });
    expect(sent).toEqual([{ anchor: 'stepRatings.s2', body: 'Step 2 drops a sign.' }]);
  });

  it('shows a verdict already given instead of the buttons', () => {
    render(<ReviewPanel {...base} mode="view" onSendReturn={() => {}} verdict={{ verdict: 'accepted', state: 'pending', message: null, createdAt: '2026-11-30T10:00:00.000Z' }} />);
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
