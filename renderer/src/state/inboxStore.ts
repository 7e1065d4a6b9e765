import { create } from 'zustand';
import type { TaskKind, TaskStatus, TaskSummary } from '@shared/domain';
import { api } from '../api';
import { useAppStore } from './appStore';

export interface InboxFilters {
  kind?: TaskKind;
  project?: string;
  status?: TaskStatus;
  query: string;
}

interface InboxState {
  filters: InboxFilters;
  tasks: TaskSummary[];
  projects: string[];
  total: number;
  loading: boolean;
  /** False until the first answer arrives, so the first-start screen never flashes for a full inbox. */
  loaded: boolean;
  /** Index into `tasks` of the keyboard cursor. */
  cursor: number;
  refresh(): Promise<void>;
  /** Resolves once the latest refresh has answered, so Enter right after typing opens a current result. */
  settled(): Promise<void>;
  setFilters(patch: Partial<InboxFilters>): void;
  moveCursor(delta: number): void;
  setCursor(index: number): void;
}

let refreshSeq = 0;
let latest: Promise<void> = Promise.resolve();

type SetInbox = (partial: Partial<InboxState>) => void;

async function refreshInbox(set: SetInbox, get: () => InboxState): Promise<void> {
  const seq = ++refreshSeq;
  const { kind, project, status, query } = get().filters;
  set({ loading: true });
  const result = await api().listTasks({
    ...(kind ? { kind } : {}),
    ...(project ? { project } : {}),
    ...(status ? { status } : {}),
    ...(query.trim() ? { query: query.trim() } : {}),
  });
  if (seq !== refreshSeq) return; // a newer query is on its way; drop this stale answer
  if (!result.ok) {
    set({ loading: false, loaded: true });
    useAppStore.getState().notifyError(result.error);
    return;
  }
  const { tasks, projects, total } = result.value;
  set({ tasks, projects, total, loading: false, loaded: true, cursor: Math.min(get().cursor, Math.max(0, tasks.length - 1)) });
  }


export const useInboxStore = create<InboxState>((set, get) => ({
  filters: { query: '' },
  tasks: [],
  projects: [],
  total: 0,
  loading: false,
  loaded: false,
  cursor: 0,

  refresh() {
    latest = refreshInbox(set, get);
    return latest;
  },

  settled: () => latest,

  setFilters(patch) {
    set({ filters: { ...get().filters, ...patch }, cursor: 0 });
    void get().refresh();
  },

  moveCursor(delta) {
    const last = get().tasks.length - 1;
    set({ cursor: Math.max(0, Math.min(last, get().cursor + delta)) });
  },

  setCursor(index) {
    set({ cursor: index });
  },
}));
