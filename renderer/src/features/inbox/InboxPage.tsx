import { useCallback, useEffect, useRef } from 'react';
import { useAppStore } from '../../state/appStore';
import { useInboxStore } from '../../state/inboxStore';
import { isControlTarget, isOverlayOpen, isTypingTarget } from '../../ui/keyboardTargets';
import { Welcome } from '../welcome/Welcome';
import { ExportMenu } from './ExportMenu';
import { ImportButton } from './ImportButton';
import { InboxFilters } from './InboxFilters';
import { TaskList } from './TaskList';

/** Rows PageDown / PageUp move the cursor by. */
const PAGE = 10;

export function InboxPage() {
  const { counts, matching, total, cursor, filters, loaded, searchPending } = useInboxStore();
  // Subscribed so rows re-render as windows arrive; rows are read through taskAt.
  useInboxStore((s) => s.windows);
  const taskAt = useInboxStore((s) => s.taskAt);
  const onVisible = useCallback((first: number, last: number) => void useInboxStore.getState().ensureRange(first, last), []);
  const navigate = useAppStore((s) => s.navigate);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void useInboxStore.getState().refresh();
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || isOverlayOpen()) return;
      const inbox = useInboxStore.getState();
      if (isTypingTarget(e.target)) {
        if (e.target === searchRef.current && (e.key === 'ArrowDown' || e.key === 'Enter')) {
          e.preventDefault();
          listRef.current?.querySelector<HTMLElement>('[role="listbox"]')?.focus();
          if (e.key === 'Enter') {
            void inbox.cursorTask().then((task) => {
              if (task) navigate({ page: 'task', taskId: task.id });
            });
          }
        } else if (e.key === 'Escape' && e.target === searchRef.current) {
          searchRef.current?.blur();
        }
        return;
      }
      if (isControlTarget(e.target)) return;
      if (e.key === 'j' || e.key === 'ArrowDown') inbox.moveCursor(1);
      else if (e.key === 'k' || e.key === 'ArrowUp') inbox.moveCursor(-1);
      else if (e.key === 'PageDown') inbox.moveCursor(PAGE);
      else if (e.key === 'PageUp') inbox.moveCursor(-PAGE);
      else if (e.key === 'End') inbox.moveCursor(inbox.matching);
      else if (e.key === 'Home') inbox.moveCursor(-inbox.matching);
      else if (e.key === 'Enter') void inbox.cursorTask().then((task) => task && navigate({ page: 'task', taskId: task.id }));
      else if (e.key === '/') searchRef.current?.focus();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);

  const filtered = Boolean(filters.query.trim() || filters.kind || filters.project || filters.status);
  if (!loaded) return null;
  if (total === 0 && !filtered) return <Welcome />;

  return (
    <section className="inbox" aria-labelledby="inbox-title">
      <header className="inbox-header">
        <h1 id="inbox-title">Inbox</h1>
        <span className="inbox-count" aria-live="polite">
          {filtered ? `${matching.toLocaleString()} of ${total.toLocaleString()}` : total.toLocaleString()} {total === 1 ? 'task' : 'tasks'}
        </span>
        <div className="spacer" />
        <ExportMenu />
        <ImportButton />
      </header>
      <InboxFilters ref={searchRef} />
      {filters.query.trim() && searchPending > 0 ? (
        <p className="inbox-notice" role="status">
          Still indexing {searchPending.toLocaleString()} imported {searchPending === 1 ? 'task' : 'tasks'} for search: they appear in these results as soon as
          they are indexed.
        </p>
      ) : null}
      <div ref={listRef} className="inbox-list-wrap">
        {matching === 0 ? (
          <p className="empty-state">No task matches these filters.</p>
        ) : (
          <TaskList
            counts={counts}
            matching={matching}
            ranked={Boolean(filters.query.trim())}
            taskAt={taskAt}
            onVisible={onVisible}
            cursor={cursor}
            onSelect={(i) => useInboxStore.getState().setCursor(i)}
            onOpen={(task) => navigate({ page: 'task', taskId: task.id })}
          />
        )}
      </div>
    </section>
  );
}
