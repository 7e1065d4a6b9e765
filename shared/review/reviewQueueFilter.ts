import type { TaskKind } from '../domain';
import { searchWordsOf } from '../search/searchWords';

export interface ReviewQueueFilters {
  /** Words, each matching the start of a word of the title, expert, project or prompt (as the inbox's search). */
  query: string;
  project?: string | undefined;
  expert?: string | undefined;
  kind?: TaskKind | undefined;
  /** Only submissions waiting longer than this many days. */
  olderThanDays?: number | undefined;
  /** Only submissions with an activity flag (fast, large pastes, flagged by the expert). */
  flaggedOnly: boolean;
}

export const NO_REVIEW_FILTERS: ReviewQueueFilters = { query: '', flaggedOnly: false };

interface Filterable {
  project: string;
  expert: string;
  kind: TaskKind;
  title: string;
  submittedAt: string;
  searchText: string;
  flags: readonly string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The queue entries the filters let through, in their order. */
export const filterReviewQueue = <T extends Filterable>(items: readonly T[], filters: ReviewQueueFilters, nowMs: number): T[] => {
  const words = searchWordsOf(filters.query.toLocaleLowerCase());
  return items.filter((item) => {
    if (filters.project !== undefined && item.project !== filters.project) return false;
    if (filters.expert !== undefined && item.expert !== filters.expert) return false;
    if (filters.kind !== undefined && item.kind !== filters.kind) return false;
    if (filters.flaggedOnly && item.flags.length === 0) return false;
    if (filters.olderThanDays !== undefined && nowMs - Date.parse(item.submittedAt) < filters.olderThanDays * DAY_MS) return false;
    if (words.length === 0) return true;
    const haystack = searchWordsOf(`${item.title} ${item.expert} ${item.project} ${item.searchText}`.toLocaleLowerCase());
    return words.every((w) => haystack.some((h) => h.startsWith(w)));
  });
};
