import { useEffect, useRef } from 'react';
import type { ReviewQueueEntry } from '@shared/ipc';
import { useAppStore } from '../../state/appStore';
import { useReviewStore } from '../../state/reviewStore';
import { isControlTarget, isOverlayOpen, isTypingTarget } from '../../ui/keyboardTargets';
import { KIND_LABEL } from '../inbox/taskLabels';
import { formatWhen } from './reviewFormat';
import { AgreementLinks } from './agreement/AgreementLinks';
import { ActivitySummary } from './ActivitySignals';
import { ReviewFilters } from './ReviewFilters';

const byProject = (items: readonly ReviewQueueEntry[]): [string, { item: ReviewQueueEntry; index: number }[]][] => {
  const groups = new Map<string, { item: ReviewQueueEntry; index: number }[]>();
  items.forEach((item, index) => groups.set(item.project, [...(groups.get(item.project) ?? []), { item, index }]));
  return [...groups];
};

/**
 * The submissions waiting for this reviewer's verdict, by project, oldest first, with search and filters over the
 * cached queue (it works offline); j/k to move, Enter to open, / to search.
 */
export function ReviewPage() {
  const { items, all, loaded, cursor } = useReviewStore();
  const navigate = useAppStore((s) => s.navigate);
  const listRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void useReviewStore.getState().refresh();
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || isOverlayOpen()) return;
      const review = useReviewStore.getState();
      if (isTypingTarget(e.target)) {
        if (e.target !== searchRef.current) return;
        if (e.key === 'ArrowDown' || e.key === 'Enter') {
          e.preventDefault();
          listRef.current?.focus();
          const item = review.items[review.cursor];
          if (e.key === 'Enter' && item) navigate({ page: 'reviewItem', submissionId: item.submissionId });
        } else if (e.key === 'Escape') {
          e.preventDefault();
          searchRef.current?.blur();
        }
        return;
      }
      if (e.key === 'Escape') navigate({ page: 'inbox' });
      else if (e.key === '/') searchRef.current?.focus();
      else if (isControlTarget(e.target)) return;
      else if (e.key === 'j' || e.key === 'ArrowDown') review.moveCursor(1);
      else if (e.key === 'k' || e.key === 'ArrowUp') review.moveCursor(-1);
      else if (e.key === 'Enter') {
        const item = review.items[review.cursor];
        if (item) navigate({ page: 'reviewItem', submissionId: item.submissionId });
      } else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);

  useEffect(() => {
    listRef.current?.querySelector<HTMLElement>(`[data-index="${cursor}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);

  const current = items[cursor];
  return (
    <section className="review-queue" aria-labelledby="review-title">
      <header className="inbox-header">
        <button type="button" className="button ghost" onClick={() => navigate({ page: 'inbox' })} aria-label="Back to inbox (Escape)">
          ← Inbox
        </button>
        <h1 id="review-title">Review</h1>
        <span className="inbox-count" aria-live="polite">
          {items.length === all.length ? `${all.length} ${all.length === 1 ? 'submission' : 'submissions'} waiting` : `${items.length} of ${all.length} waiting`}
        </span>
        <AgreementLinks projects={[...new Set(items.map((i) => i.project))]} />
      </header>
      {loaded && all.length > 0 && <ReviewFilters ref={searchRef} />}
      {!loaded ? null : all.length === 0 ? (
        <p className="empty-state">Nothing waits for review. New submissions arrive with each sync.</p>
      ) : items.length === 0 ? (
        <p className="empty-state">No submission matches these filters.</p>
      ) : (
        <div
          ref={listRef}
          className="review-list"
          role="listbox"
          tabIndex={0}
          aria-label="Submissions waiting for review (j and k to move, Enter to open)"
          aria-activedescendant={current ? `review-${current.submissionId}` : undefined}
        >
          {byProject(items).map(([project, rows]) => (
            <div key={project} role="group" aria-labelledby={`review-project-${project}`} className="review-group">
              <div id={`review-project-${project}`} className="review-group-title" role="presentation">
                {project} <span className="muted">· {rows.length}</span>
              </div>
              {rows.map(({ item, index }) => (
                <div
                  key={item.submissionId}
                  id={`review-${item.submissionId}`}
                  data-index={index}
                  role="option"
                  aria-selected={index === cursor}
                  className={`review-row${index === cursor ? ' is-cursor' : ''}`}
                  onClick={() => useReviewStore.getState().setCursor(index)}
                  onDoubleClick={() => navigate({ page: 'reviewItem', submissionId: item.submissionId })}
                >
                  <span className={`kind-badge kind-${item.kind}`}>{KIND_LABEL[item.kind]}</span>
                  <span className="review-row-title">{item.title}</span>
                  <span className="review-row-expert">{item.expert}</span>
                  <ActivitySummary activeSeconds={item.activeSeconds} medianSeconds={item.medianSeconds} pastes={item.pastes} pastedChars={item.pastedChars} flags={item.flags} />
                  <span className="muted">{formatWhen(item.submittedAt)}</span>
                </div>
              ))}
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
