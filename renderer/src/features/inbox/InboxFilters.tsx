import { forwardRef } from 'react';
import { taskKindSchema, taskStatusSchema, type TaskKind, type TaskStatus } from '@shared/domain';
import { useInboxStore } from '../../state/inboxStore';
import { KIND_LABEL, STATUS_LABEL } from './taskLabels';

export const InboxFilters = forwardRef<HTMLInputElement>(function InboxFilters(_props, searchRef) {
  const filters = useInboxStore((s) => s.filters);
  const projects = useInboxStore((s) => s.projects);
  const setFilters = useInboxStore((s) => s.setFilters);

  return (
    <div className="inbox-filters" role="search">
      <label className="search-field">
        <span className="visually-hidden">Search titles and prompts</span>
        <input
          ref={searchRef}
          type="search"
          placeholder="Search titles and prompts  ( / )"
          value={filters.query}
          onChange={(e) => setFilters({ query: e.target.value })}
        />
      </label>
      <label>
        <span className="filter-label">Kind</span>
        <select value={filters.kind ?? ''} onChange={(e) => setFilters({ kind: (e.target.value || undefined) as TaskKind | undefined })}>
          <option value="">All kinds</option>
          {taskKindSchema.options.map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="filter-label">Project</span>
        <select value={filters.project ?? ''} onChange={(e) => setFilters({ project: e.target.value || undefined })}>
          <option value="">All projects</option>
          {projects.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span className="filter-label">Status</span>
        <select value={filters.status ?? ''} onChange={(e) => setFilters({ status: (e.target.value || undefined) as TaskStatus | undefined })}>
          <option value="">Any status</option>
          {taskStatusSchema.options.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
});
