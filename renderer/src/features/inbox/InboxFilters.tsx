import { forwardRef } from 'react';
import { taskKindSchema, taskStatusSchema } from '@shared/domain';
import { useInboxStore } from '../../state/inboxStore';
import { FilterSelect } from '../../ui/FilterSelect';
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
      <FilterSelect label="Kind" anyLabel="All kinds" value={filters.kind} options={taskKindSchema.options} optionLabel={(k) => KIND_LABEL[k]} onChange={(kind) => setFilters({ kind })} />
      <FilterSelect label="Project" anyLabel="All projects" value={filters.project} options={projects} onChange={(project) => setFilters({ project })} />
      <FilterSelect label="Status" anyLabel="Any status" value={filters.status} options={taskStatusSchema.options} optionLabel={(s) => STATUS_LABEL[s]} onChange={(status) => setFilters({ status })} />
    </div>
  );
});
