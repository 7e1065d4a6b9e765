import { forwardRef, useMemo } from 'react';
import { taskKindSchema } from '@shared/domain';
import { useReviewStore } from '../../state/reviewStore';
import { FilterSelect } from '../../ui/FilterSelect';
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
      <FilterSelect label="Project" anyLabel="All projects" value={filters.project} options={projects} onChange={(project) => setFilters({ project })} />
      <FilterSelect label="Expert" anyLabel="All experts" value={filters.expert} options={experts} onChange={(expert) => setFilters({ expert })} />
      <FilterSelect label="Kind" anyLabel="All kinds" value={filters.kind} options={taskKindSchema.options} optionLabel={(k) => KIND_LABEL[k]} onChange={(kind) => setFilters({ kind })} />
      <FilterSelect
        label="Age"
        anyLabel="Any age"
        value={filters.olderThanDays}
        options={AGES.map((a) => a.days)}
        optionLabel={(days) => AGES.find((a) => a.days === days)?.label ?? String(days)}
        onChange={(olderThanDays) => setFilters({ olderThanDays })}
      />
      <label className="checkbox-filter">
        <input type="checkbox" checked={filters.flaggedOnly} onChange={(e) => setFilters({ flaggedOnly: e.target.checked })} />
        <span>Flagged only</span>
      </label>
    </div>
  );
});
