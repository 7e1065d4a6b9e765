import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import type { OutputOf, ReviewVerdictInput } from '@shared/ipc';
import { activitySignals } from '@shared/review/activitySignals';
import { api } from '../../api';
import { useAppStore } from '../../state/appStore';
import { useReviewStore } from '../../state/reviewStore';
import { isOverlayOpen } from '../../ui/keyboardTargets';
import { anchorNamesFor } from '../comments/anchorNames';
import { useCommentStore } from '../comments/commentStore';
import { findCommentTargets, type CommentTarget } from '../comments/commentTargets';
import { anchorFromSelection } from '../comments/selectionAnchor';
import { useCommentHighlights } from '../comments/useCommentHighlights';
import { TaskHeader } from '../task/TaskHeader';
import { TaskWorkspace } from '../task/TaskWorkspace';
import { useDraftStore } from '../workspace/draftStore';
import { useUndoRedoShortcuts } from '../workspace/workspaceHooks';
import { openTaskOfReviewItem } from './openReviewTask';
import { formatWhen } from './reviewFormat';
import { reviewActionFor } from './reviewKeys';
import { JudgementsSideBySide } from './agreement/JudgementsSideBySide';
import { EarlierReviews } from './EarlierReviews';
import { ReviewPanel, type DraftComment, type ReviewMode } from './ReviewPanel';

type Loaded = OutputOf<'openReviewItem'>;

/** One submission under review: the task read-only in its own workspace with the expert's judgement, and the review panel. */
export function ReviewItemPage({ submissionId }: { submissionId: string }) {
  const navigate = useAppStore((s) => s.navigate);
  const [state, setState] = useState<{ loaded: Loaded | null; error: string | null }>({ loaded: null, error: null });
  const [mode, setMode] = useState<ReviewMode>('view');
  const [busy, setBusy] = useState(false);
  const [drafts, setDrafts] = useState<DraftComment[]>([]);
  const [targets, setTargets] = useState<Pick<CommentTarget, 'anchor' | 'label'>[]>([]);
  useUndoRedoShortcuts();
  useCommentHighlights('.review-item');
  const rescan = useCallback(() => {
    const root = document.querySelector('.review-item .task-workspace') ?? document.querySelector('.review-item');
    setTargets(root ? findCommentTargets(root).map(({ anchor, label }) => ({ anchor, label })) : []);
  }, []);

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
  const names = useMemo(() => (item ? anchorNamesFor(item.task.payload, item.annotation) : {}), [item]);
  const signals = useMemo(() => (item ? activitySignals(item) : null), [item]);

  // What the workspace marks: the reviewer's comments being written, or else the last earlier review's comments and replies.
  useEffect(() => {
    const comments = useCommentStore.getState();
    if (mode === 'return') {
      comments.show(drafts.map((d, i) => ({ id: `draft-${i + 1}`, anchor: d.anchor, body: d.body, author: 'You', replies: [] })));
      return;
    }
    const last = item?.earlierReviews?.at(-1);
    comments.show(
      last
        ? last.review.comments.map((c) => ({
            id: c.id,
            anchor: c.anchor,
            body: c.body,
            author: last.review.reviewer,
            replies: last.replies.filter((r) => r.commentId === c.id).map((r) => ({ key: r.id, body: r.body, author: r.author })),
          }))
        : [],
    );
  }, [drafts, item, mode]);
  useEffect(() => useCommentStore.getState().setPicking(mode === 'return'), [mode]);
  useEffect(() => () => useCommentStore.getState().reset(), []);

  // While returning, a selection inside a response, a step or a justification becomes the comment's anchor.
  useEffect(() => {
    if (mode !== 'return') return;
    rescan();
    const onSelection = () => {
      const anchor = anchorFromSelection();
      if (anchor) useCommentStore.getState().pick(anchor);
    };
    document.addEventListener('selectionchange', onSelection);
    // A range selected in a text field (the justification) fires `select` on the field.
    document.addEventListener('select', onSelection, true);
    return () => {
      document.removeEventListener('selectionchange', onSelection);
      document.removeEventListener('select', onSelection, true);
    };
  }, [mode, rescan]);

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
    setDrafts([]);
    if (item && mode === 'fix') useDraftStore.getState().open(openTaskOfReviewItem(item), item.annotation, { readOnly: true });
    setMode('view');
  }, [item, mode]);

  // A layout effect: the keys work from the first frame the panel shows, not one effect pass later.
  useLayoutEffect(() => {
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
  if (!item || !signals) return <p className="empty-state">Opening…</p>;
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
        submittedAt={formatWhen(item.submittedAt)}
        signals={signals}
        mode={mode}
        busy={busy}
        verdict={decided}
        earlier={<EarlierReviews reviews={item.earlierReviews ?? []} names={names} />}
        composer={{
          names,
          targets,
          drafts,
          onAdd: (c) => setDrafts((d) => [...d, c]),
          onRemove: (i) => setDrafts((d) => d.filter((_, j) => j !== i)),
          onSend: (last) => void send({ submissionId, verdict: 'returned', comments: last ? [...drafts, last] : drafts }),
          onRescan: rescan,
        }}
        onAccept={accept}
        onStartReturn={() => setMode('return')}
        onStartFix={startFix}
        onSendFix={sendFix}
        onCancel={cancel}
      />
      <JudgementsSideBySide task={task} />
      <TaskWorkspace task={task} />
    </article>
  );
}
