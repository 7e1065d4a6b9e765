import { useCallback, useEffect, useState } from 'react';
import { commentAnchorSchema } from '@shared/domain';
import type { OutputOf, ReviewVerdictInput } from '@shared/ipc';
import { api } from '../../api';
import { useAppStore } from '../../state/appStore';
import { useReviewStore } from '../../state/reviewStore';
import { isOverlayOpen } from '../../ui/keyboardTargets';
import { TaskHeader } from '../task/TaskHeader';
import { TaskWorkspace } from '../task/TaskWorkspace';
import { useDraftStore } from '../workspace/draftStore';
import { useUndoRedoShortcuts } from '../workspace/workspaceHooks';
import { openTaskOfReviewItem } from './openReviewTask';
import { formatDuration, formatWhen } from './reviewFormat';
import { reviewActionFor } from './reviewKeys';
import { ReviewPanel, type ReviewMode } from './ReviewPanel';
import { JudgementsSideBySide } from './agreement/JudgementsSideBySide';

type Loaded = OutputOf<'openReviewItem'>;

/** One submission under review: the task read-only in its own workspace with the expert's judgement, and the review panel. */
export function ReviewItemPage({ submissionId }: { submissionId: string }) {
  const navigate = useAppStore((s) => s.navigate);
  const [state, setState] = useState<{ loaded: Loaded | null; error: string | null }>({ loaded: null, error: null });
  const [mode, setMode] = useState<ReviewMode>('view');
  const [busy, setBusy] = useState(false);
  useUndoRedoShortcuts();

  useEffect(() => {
    let live = true;
    void api()
      .openReviewItem({ submissionId })
      .then((r) => {
        if (!live) return;
        if (r.ok) useDraftStore.getState().open(openTaskOfReviewItem(r.value.item), r.value.item.annotation, { readOnly: true });
        setState(r.ok ? { loaded: r.value, error: null } : { loaded: null, error: r.error.message });
      });
    return () => {
      live = false;
      void useDraftStore.getState().close();
    };
  }, [submissionId]);

  const send = useCallback(
    async (input: ReviewVerdictInput) => {
      setBusy(true);
      const result = await api().submitReviewVerdict(input);
      setBusy(false);
      if (!result.ok) return useAppStore.getState().notifyError(result.error);
      const said = input.verdict === 'accepted' ? 'Accepted' : input.verdict === 'returned' ? 'Returned with your comment' : 'Your fix was recorded';
      useAppStore.getState().notify('success', `${said}. It reaches the platform at the next sync.`);
      void useReviewStore.getState().refresh();
      navigate({ page: 'review' });
    },
    [navigate],
  );

  const item = state.loaded?.item;
  const decided = state.loaded?.verdict ?? null;
  const accept = useCallback(() => void send({ submissionId, verdict: 'accepted', comments: [] }), [send, submissionId]);
  const startFix = useCallback(() => {
    if (!item) return;
    useDraftStore.getState().open(openTaskOfReviewItem(item), item.annotation, { detached: true });
    setMode('fix');
  }, [item]);
  const sendFix = useCallback(() => {
    const fixed = useDraftStore.getState().annotation;
    if (fixed) void send({ submissionId, verdict: 'fixed', comments: [], fixedAnnotation: fixed });
  }, [send, submissionId]);
  const cancel = useCallback(() => {
    if (item && mode === 'fix') useDraftStore.getState().open(openTaskOfReviewItem(item), item.annotation, { readOnly: true });
    setMode('view');
  }, [item, mode]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isOverlayOpen() || !item) return;
      if (e.key === 'Escape' && !e.defaultPrevented) {
        if (mode === 'view') navigate({ page: 'review' });
        else cancel();
        e.preventDefault();
        return;
      }
      if (!e.altKey || e.ctrlKey || e.metaKey || decided || busy) return;
      const action = reviewActionFor(e.code, mode);
      if (action === null) return;
      e.preventDefault();
      if (action === 'accept') accept();
      else if (action === 'startReturn') setMode('return');
      else if (action === 'startFix') startFix();
      else sendFix();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [accept, busy, cancel, decided, item, mode, navigate, sendFix, startFix]);

  if (state.error) return <p className="empty-state" role="alert">{state.error}</p>;
  if (!item) return <p className="empty-state">Opening…</p>;
  const { task } = item;

  return (
    <article key={mode === 'fix' ? 'fix' : 'view'} className={`task-page review-item kind-page-${task.payload.kind}`} aria-labelledby="task-title">
      <TaskHeader
        task={task}
        back={{ label: '← Review', name: 'Back to the review queue (Escape)', onClick: () => navigate({ page: 'review' }) }}
        meta={
          <>
            <span>version {task.version}</span>
            <span className="status-pill status-submitted">{mode === 'fix' ? 'Fixing' : 'Awaiting review'}</span>
          </>
        }
      />
      <ReviewPanel
        expert={item.expert}
        activeSeconds={formatDuration(item.activeSeconds)}
        submittedAt={formatWhen(item.submittedAt)}
        mode={mode}
        busy={busy}
        verdict={decided}
        onAccept={accept}
        onStartReturn={() => setMode('return')}
        onSendReturn={(c) => void send({ submissionId, verdict: 'returned', comments: [{ body: c.body, anchor: commentAnchorSchema.parse(c.anchor) }] })}
        onStartFix={startFix}
        onSendFix={sendFix}
        onCancel={cancel}
      />
      <JudgementsSideBySide task={task} />
      <TaskWorkspace task={task} />
    </article>
  );
}
