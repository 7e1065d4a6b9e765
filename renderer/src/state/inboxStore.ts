import { create } from 'zustand';
import type { StatusCounts, TaskKind, TaskStatus, TaskSummary } from '@shared/domain';
import { api } from '../api';
import { useAppStore } from './appStore';

export interface InboxFilters {
  kind?: TaskKind;
  project?: string;
  status?: TaskStatus;
  query: string;
}

/** Rows fetched per call: the list asks for windows of this size as it scrolls. */
export const INBOX_WINDOW = 100;

const NO_COUNTS: StatusCounts = { new: 0, in_progress: 0, submitted: 0, returned: 0, accepted: 0 };

interface InboxState {
  filters: InboxFilters;
  /** Fetched windows of rows, by window number (position / INBOX_WINDOW). */
  windows: ReadonlyMap<number, readonly TaskSummary[]>;
  counts: StatusCounts;
  /** Tasks the filters match. */
  matching: number;
  /** Every task on this computer. */
  total: number;
  /** Tasks a large import landed that search does not find yet (the core is indexing them). */
  searchPending: number;
  projects: string[];
  loading: boolean;
  /** False until the first answer arrives, so the first-start screen never flashes for a full inbox. */
  loaded: boolean;
  /** Position (among matching tasks) of the keyboard cursor. */
  cursor: number;
  /** Starts over from the first window (new filters, an import); keeps the cursor where it can. */
  refresh(): Promise<void>;
  /** Resolves once the latest refresh has answered, so Enter right after typing opens a current result. */
  settled(): Promise<void>;
  setFilters(patch: Partial<InboxFilters>): void;
  /** Fetches the windows that hold positions first … last, those not fetched yet. */
  ensureRange(first: number, last: number): Promise<void>;
  taskAt(position: number): TaskSummary | undefined;
  /** The task under the cursor, fetching its window when the cursor moved past what is loaded. */
  cursorTask(): Promise<TaskSummary | undefined>;
  moveCursor(delta: number): void;
  setCursor(position: number): void;
  /** A searchIndex event: the count is kept, and a search under way is asked again (it may find more now). */
  applySearchIndex(pending: number): void;
  /** A tasksChanged event: rows updated in place, or the windows in view fetched again when the order moved. */
  applyChanges(taskIds: readonly string[]): Promise<void>;
}

let generation = 0;
/** While an import is indexed for search, a search under way is asked again at most this often (and at the end). */
const INDEX_REFRESH_MS = 3000;
let lastIndexRefresh = 0;
let latest: Promise<void> = Promise.resolve();
const inFlight = new Map<string, Promise<void>>();

type SetInbox = (partial: Partial<InboxState>) => void;

const filterInput = ({ kind, project, status, query }: InboxFilters) => ({
  ...(kind ? { kind } : {}),
  ...(project ? { project } : {}),
  ...(status ? { status } : {}),
  ...(query.trim() ? { query: query.trim() } : {}),
});

/** Fetches one window: right after the previous window's last row when it is loaded (keyset), else by offset. */
async function fetchWindow(set: SetInbox, get: () => InboxState, index: number, gen: number): Promise<void> {
  const { filters, windows } = get();
  const previous = windows.get(index - 1);
  const after = previous && previous.length === INBOX_WINDOW && !filters.query.trim() ? previous[previous.length - 1]?.cursor : undefined;
  const result = await api().listTasks({
    ...filterInput(filters),
    limit: INBOX_WINDOW,
    offset: index * INBOX_WINDOW,
    ...(after ? { after } : {}),
  });
  if (gen !== generation) return; // the filters changed meanwhile: this answer is for a list no longer shown
  if (!result.ok) {
    useAppStore.getState().notifyError(result.error);
    return;
  }
  const { tasks, counts, matching, total, projects, searchPending } = result.value;
  const next = new Map(get().windows);
  next.set(index, tasks);
  set({ windows: next, counts, matching, total, projects, searchPending });
}

function ensureWindow(set: SetInbox, get: () => InboxState, index: number): Promise<void> {
  if (get().windows.has(index)) return Promise.resolve();
  const key = `${generation}:${index}`;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = fetchWindow(set, get, index, generation).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

async function refreshInbox(set: SetInbox, get: () => InboxState, keep: readonly number[] = []): Promise<void> {
  const gen = ++generation;
  set({ loading: true });
  const result = await api().listTasks({ ...filterInput(get().filters), limit: INBOX_WINDOW, offset: 0 });
  if (gen !== generation) return; // a newer query is on its way; drop this stale answer
  if (!result.ok) {
    set({ loading: false, loaded: true });
    useAppStore.getState().notifyError(result.error);
    return;
  }
  const { tasks, counts, matching, total, projects, searchPending } = result.value;
  set({
    windows: new Map([[0, tasks]]),
    counts,
    matching,
    total,
    projects,
    searchPending,
    loading: false,
    loaded: true,
    cursor: Math.min(get().cursor, Math.max(0, matching - 1)),
  });
  await Promise.all(keep.filter((i) => i > 0).map((i) => ensureWindow(set, get, i)));
}

export const useInboxStore = create<InboxState>((set, get) => ({
  filters: { query: '' },
  windows: new Map(),
  counts: NO_COUNTS,
  matching: 0,
  total: 0,
  searchPending: 0,
  projects: [],
  loading: false,
  loaded: false,
  cursor: 0,

  refresh() {
    latest = refreshInbox(set, get);
    return latest;
  },

  settled: () => latest,

  applySearchIndex(pending) {
    set({ searchPending: pending });
    // Asked again when the index is complete, and meanwhile at most every few seconds: a list that reloads at every
    // batch would jump under the person reading it.
    const now = Date.now();
    if (!get().filters.query.trim() || (pending > 0 && now - lastIndexRefresh < INDEX_REFRESH_MS)) return;
    lastIndexRefresh = now;
    void get().refresh();
  },

  setFilters(patch) {
    set({ filters: { ...get().filters, ...patch }, cursor: 0 });
    void get().refresh();
  },

  async ensureRange(first, last) {
    const from = Math.floor(Math.max(0, first) / INBOX_WINDOW);
    const to = Math.floor(Math.max(0, Math.min(last, get().matching - 1)) / INBOX_WINDOW);
    // In order, so each window can start right after the one before it.
    for (let i = from; i <= to; i++) await ensureWindow(set, get, i);
  },

  taskAt(position) {
    return get().windows.get(Math.floor(position / INBOX_WINDOW))?.[position % INBOX_WINDOW];
  },

  async cursorTask() {
    await latest;
    const { cursor } = get();
    await get().ensureRange(cursor, cursor);
    return get().taskAt(get().cursor);
  },

  moveCursor(delta) {
    const last = get().matching - 1;
    const cursor = Math.max(0, Math.min(last, get().cursor + delta));
    set({ cursor });
    void get().ensureRange(cursor, cursor);
  },

  setCursor(position) {
    set({ cursor: position });
  },

  async applyChanges(taskIds) {
    if (!get().loaded) return;
    // An import or a pull touched more rows than a window holds: start over from the top, one window.
    if (taskIds.length > INBOX_WINDOW) return get().refresh();
    const result = await api().getTaskSummaries({ ids: [...taskIds] });
    if (!result.ok) return;
    const byId = new Map(result.value.tasks.map((t) => [t.id, t]));
    let moved = byId.size < taskIds.length; // a task went away
    const windows = new Map(get().windows);
    const seen = new Set<string>();
    for (const [index, rows] of windows) {
      if (!rows.some((row) => byId.has(row.id))) continue;
      windows.set(
        index,
        rows.map((row) => {
          const fresh = byId.get(row.id);
          if (!fresh) return row;
          seen.add(row.id);
          // In a search the row keeps its rank; in the inbox a new cursor means it moved in the order.
          if (!get().filters.query.trim() && fresh.cursor !== row.cursor) moved = true;
          // A search row keeps the excerpt and marks the search made for it.
          return row.excerptMatches ? { ...fresh, excerpt: row.excerpt, excerptMatches: row.excerptMatches, titleMatches: row.titleMatches ?? [], cursor: row.cursor ?? '' } : fresh;
        }),
      );
    }
    if (seen.size < byId.size) moved = true; // a task not on screen may now belong here
    if (!moved) {
      set({ windows });
      return;
    }
    // The order changed: fetch again only the windows that were loaded (what is on screen), never the whole list.
    const around = Math.floor(get().cursor / INBOX_WINDOW);
    latest = refreshInbox(set, get, [around - 1, around, around + 1].filter((i) => get().windows.has(i)));
    await latest;
  },
}));
