import { forwardRef, useMemo } from 'react';
import { taskKindSchema, type TaskKind } from '@shared/domain';
import { useReviewStore } from '../../state/reviewStore';
import { KIND_LABEL } from '../inbox/taskLabels';

const AGES = [
  { days: 1, label: 'Waiting over a day' },
  { days: 3, label: 'Over 3 days' },
  { days: 7, label: 'Over a week' },
];

/** Search and filters over the cached review queue: project, expert, kind, age, flagged. */
export const ReviewFilters = forwardRef<HTMLInputElement>(function ReviewFilters(_props, searchRef) {
  const filters = useReviewStore((s) => s.filters);
  const all = useReviewStore((s) => s.all);
  const setFilters = useReviewStore((s) => s.setFilters);
  const projects = useMemo(() => [...new Set(all.map((i) => i.project))].sort(), [all]);
  const experts = useMemo(() => [...new Set(all.map((i) => i.expert))].sort(), [all]);

  return (
    <div className="inbox-filters review-filters" role="search">
      <label className="search-field">
        <span className="visually-hidden">Search titles, experts and prompts</span>
        <input ref={searchRef} type="search" placeholder="Search titles, experts and prompts  ( / )" value={filters.query} onChange={(e) => setFilters({ query: e.target.value })} />
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
        <span className="filter-label">Expert</span>
        <select value={filters.expert ?? ''} onChange={(e) => setFilters({ expert: e.target.value || undefined })}>
          <option value="">All experts</option>
          {experts.map((x) => (
            <option key={x} value={x}>
              {x}
            </option>
          ))}
        </select>
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
        <span className="filter-label">Age</span>
        <select value={filters.olderThanDays ?? ''} onChange={(e) => setFilters({ olderThanDays: e.target.value === '' ? undefined : Number(e.target.value) })}>
          <option value="">Any age</option>
          {AGES.map((a) => (
            <option key={a.days} value={a.days}>
              {a.label}
            </option>
          ))}
        </select>
      </label>
      <label className="checkbox-filter">
        <input type="checkbox" checked={filters.flaggedOnly} onChange={(e) => setFilters({ flaggedOnly: e.target.checked })} />
        <span>Flagged only</span>
      </label>
    </div>
  );
});
