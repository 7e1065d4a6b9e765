import { useEffect, useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { StatusCounts, TaskSummary } from '@shared/domain';
import { Highlighted } from '../../ui/Highlighted';
import { inboxLayout } from './inboxLayout';
import { KIND_LABEL, STATUS_LABEL } from './taskLabels';

interface Props {
  counts: StatusCounts;
  matching: number;
  /** A search: one ranked list, no status groups. */
  ranked: boolean;
  cursor: number;
  taskAt(position: number): TaskSummary | undefined;
  /** The rows on screen moved: fetch the windows that hold these positions. */
  onVisible(first: number, last: number): void;
  onSelect(position: number): void;
  onOpen(task: TaskSummary): void;
}

const HEADER_HEIGHT = 34;
const ROW_HEIGHT = 68;

/** The inbox list: every row's place known from the counts, rows filled in as their windows arrive. */
export function TaskList({ counts, matching, ranked, cursor, taskAt, onVisible, onSelect, onOpen }: Props) {
  const layout = useMemo(() => inboxLayout(ranked ? null : counts, matching), [counts, matching, ranked]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: layout.rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (layout.rowAt(i)?.type === 'header' ? HEADER_HEIGHT : ROW_HEIGHT),
    overscan: 8,
  });

  const cursorRow = layout.rowOf(cursor);
  useEffect(() => {
    if (cursorRow >= 0) virtualizer.scrollToIndex(cursorRow, { align: 'auto' });
  }, [cursorRow, virtualizer]);

  const items = virtualizer.getVirtualItems();
  const firstRow = items[0]?.index ?? 0;
  const lastRow = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    const positions: number[] = [];
    for (let r = firstRow; r <= lastRow; r++) {
      const row = layout.rowAt(r);
      if (row?.type === 'task') positions.push(row.position);
    }
    if (positions.length > 0) onVisible(Math.min(...positions), Math.max(...positions));
  }, [firstRow, lastRow, layout, onVisible]);

  const cursorTask = taskAt(cursor);
  return (
    <div
      ref={scrollRef}
      className="task-list"
      role="listbox"
      aria-label={ranked ? 'Tasks, best match first' : 'Tasks'}
      tabIndex={0}
      aria-activedescendant={cursorTask ? `task-row-${cursor}` : undefined}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && cursorTask) onOpen(cursorTask);
      }}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const row = layout.rowAt(item.index);
          if (!row) return null;
          const style = { position: 'absolute' as const, top: 0, left: 0, right: 0, height: item.size, transform: `translateY(${item.start}px)` };
          if (row.type === 'header') {
            return (
              <div key={`h-${row.status}`} className="task-group-header" style={style} role="presentation">
                {STATUS_LABEL[row.status]} <span className="count">{row.count.toLocaleString()}</span>
              </div>
            );
          }
          const { position } = row;
          const task = taskAt(position);
          if (!task) {
            return <div key={`p-${position}`} className="task-row is-loading" style={style} role="presentation" aria-hidden="true" />;
          }
          return (
            <div
              key={task.id}
              id={`task-row-${position}`}
              role="option"
              aria-selected={position === cursor}
              aria-posinset={position + 1}
              aria-setsize={layout.taskCount}
              className={`task-row${position === cursor ? ' is-cursor' : ''}`}
              style={style}
              data-task-id={task.id}
              onClick={() => onSelect(position)}
              onDoubleClick={() => onOpen(task)}
            >
              <div className="task-row-main">
                <span className={`kind-badge kind-${task.kind}`}>{KIND_LABEL[task.kind]}</span>
                {ranked && <span className={`status-pill status-${task.status}`}>{STATUS_LABEL[task.status]}</span>}
                <span className="task-title">
                  <Highlighted text={task.title} ranges={task.titleMatches} />
                </span>
                <span className="task-project">{task.project}</span>
              </div>
              <div className="task-excerpt">
                <Highlighted text={task.excerpt} ranges={task.excerptMatches} />
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
