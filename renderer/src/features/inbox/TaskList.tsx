import { useEffect, useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { TaskSummary } from '@shared/domain';
import { groupByStatus } from './groupByStatus';
import { KIND_LABEL, STATUS_LABEL } from './taskLabels';

interface Props {
  tasks: TaskSummary[];
  cursor: number;
  onSelect(index: number): void;
  onOpen(task: TaskSummary): void;
}

const HEADER_HEIGHT = 34;
const ROW_HEIGHT = 68;

export function TaskList({ tasks, cursor, onSelect, onOpen }: Props) {
  const rows = useMemo(() => groupByStatus(tasks), [tasks]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]?.type === 'header' ? HEADER_HEIGHT : ROW_HEIGHT),
    overscan: 8,
  });

  const cursorRow = rows.findIndex((r) => r.type === 'task' && r.index === cursor);
  useEffect(() => {
    if (cursorRow >= 0) virtualizer.scrollToIndex(cursorRow, { align: 'auto' });
  }, [cursorRow, virtualizer]);

  const activeId = tasks[cursor] ? `task-row-${cursor}` : undefined;
  return (
    <div
      ref={scrollRef}
      className="task-list"
      role="listbox"
      aria-label="Tasks"
      tabIndex={0}
      aria-activedescendant={activeId}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && tasks[cursor]) onOpen(tasks[cursor]);
      }}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          const style = { position: 'absolute' as const, top: 0, left: 0, right: 0, height: item.size, transform: `translateY(${item.start}px)` };
          if (row.type === 'header') {
            return (
              <div key={`h-${row.status}`} className="task-group-header" style={style} role="presentation">
                {STATUS_LABEL[row.status]} <span className="count">{row.count}</span>
              </div>
            );
          }
          const { task, index } = row;
          return (
            <div
              key={task.id}
              id={`task-row-${index}`}
              role="option"
              aria-selected={index === cursor}
              className={`task-row${index === cursor ? ' is-cursor' : ''}`}
              style={style}
              data-task-id={task.id}
              onClick={() => onSelect(index)}
              onDoubleClick={() => onOpen(task)}
            >
              <div className="task-row-main">
                <span className={`kind-badge kind-${task.kind}`}>{KIND_LABEL[task.kind]}</span>
                <span className="task-title">{task.title}</span>
                <span className="task-project">{task.project}</span>
              </div>
              <div className="task-excerpt">{task.excerpt}</div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
