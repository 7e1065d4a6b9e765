import { create } from 'zustand';
import type { ReviewQueueEntry } from '@shared/ipc';
import { api } from '../api';

interface ReviewState {
  items: ReviewQueueEntry[];
  role: 'expert' | 'reviewer' | 'admin' | null;
  loaded: boolean;
  /** Index into `items` (which are in project order, the order the list shows). */
  cursor: number;
  refresh(): Promise<void>;
  moveCursor(by: number): void;
  setCursor(index: number): void;
}

/** The reviewer's queue as the core last pulled it, and the row the keyboard is on. */
export const useReviewStore = create<ReviewState>((set, get) => ({
  items: [],
  role: null,
  loaded: false,
  cursor: 0,

  async refresh() {
    const result = await api().listReviewQueue({});
    if (!result.ok) return;
    const { items, role } = result.value;
    set({ items, role, loaded: true, cursor: Math.min(get().cursor, Math.max(0, items.length - 1)) });
  },

  moveCursor(by) {
    const { items, cursor } = get();
    if (items.length > 0) set({ cursor: Math.max(0, Math.min(items.length - 1, cursor + by)) });
  },

  setCursor(index) {
    set({ cursor: index });
  },
}));

export const isReviewer = (role: ReviewState['role']): boolean => role === 'reviewer' || role === 'admin';
