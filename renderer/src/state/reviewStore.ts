import { create } from 'zustand';
import type { ReviewQueueEntry } from '@shared/ipc';
import { filterReviewQueue, NO_REVIEW_FILTERS, type ReviewQueueFilters } from '@shared/review/reviewQueueFilter';
import { api } from '../api';

interface ReviewState {
  /** The whole queue as last pulled (cached in the encrypted store, so it is there offline). */
  all: ReviewQueueEntry[];
  /** What the filters let through, in project order (the order the list shows). */
  items: ReviewQueueEntry[];
  filters: ReviewQueueFilters;
  role: 'expert' | 'reviewer' | 'admin' | null;
  loaded: boolean;
  /** Index into `items`. */
  cursor: number;
  refresh(): Promise<void>;
  setFilters(patch: Partial<ReviewQueueFilters>): void;
  moveCursor(by: number): void;
  setCursor(index: number): void;
}

const byProject = (items: readonly ReviewQueueEntry[]): ReviewQueueEntry[] => {
  const order = [...new Set(items.map((i) => i.project))];
  return order.flatMap((p) => items.filter((i) => i.project === p));
};

/** The reviewer's queue as the core last pulled it, the filters over it, and the row the keyboard is on. */
export const useReviewStore = create<ReviewState>((set, get) => {
  const apply = (all: ReviewQueueEntry[], filters: ReviewQueueFilters) => {
    const items = byProject(filterReviewQueue(all, filters, Date.now()));
    return { all, filters, items, cursor: Math.min(get().cursor, Math.max(0, items.length - 1)) };
  };
  return {
    all: [],
    items: [],
    filters: NO_REVIEW_FILTERS,
    role: null,
    loaded: false,
    cursor: 0,

    async refresh() {
      const result = await api().listReviewQueue({});
      if (!result.ok) return;
      const { items, role } = result.value;
      set({ ...apply(items, get().filters), role, loaded: true });
    },

    setFilters(patch) {
      set({ ...apply(get().all, { ...get().filters, ...patch }), cursor: 0 });
    },

    moveCursor(by) {
      const { items, cursor } = get();
      if (items.length > 0) set({ cursor: Math.max(0, Math.min(items.length - 1, cursor + by)) });
    },

    setCursor(index) {
      set({ cursor: index });
    },
  };
});

export const isReviewer = (role: ReviewState['role']): boolean => role === 'reviewer' || role === 'admin';
