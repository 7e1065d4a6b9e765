import { create } from 'zustand';
import type { Annotation, OpenTask, Submission } from '@shared/domain';
import { api } from '../../api';
import { useAppStore } from '../../state/appStore';

export type SaveState = 'saved' | 'dirty' | 'saving' | 'error';

const AUTOSAVE_DELAY_MS = 400;
/** Keystrokes in one field within this window become one undo step. */
const COALESCE_MS = 1200;
const HISTORY_LIMIT = 200;

interface DraftState {
  taskId: string | null;
  /** The version of the task the workspace shows; every save says so. */
  taskVersion: number | null;
  annotation: Annotation | null;
  past: Annotation[];
  future: Annotation[];
  readOnly: boolean;
  /** Edits stay in memory and are never saved or submitted here (a reviewer fixing someone else's judgement). */
  detached: boolean;
  submission: Submission | null;
  /** Submitted since the task was opened, so the page can show it without reopening. */
  submittedHere: boolean;
  saveState: SaveState;
  savedAt: string | null;
  revision: number;
  activeSeconds: number;
  /** Active seconds the last successful save carried. */
  savedActiveSeconds: number;
  lastEdit: { key: string; at: number } | null;
  /**
   * `readOnly` opens it for viewing only (an earlier draft kept in the history); `detached` opens it editable with
   * nothing saved (a reviewer's fix, sent as a verdict instead).
   */
  open(task: OpenTask, initial: Annotation, options?: { readOnly?: boolean; detached?: boolean }): void;
  /** Applies a change; edits sharing a coalesceKey in quick succession undo together. */
  edit(change: (a: Annotation) => Annotation, coalesceKey?: string): void;
  undo(): void;
  redo(): void;
  addActiveSecond(): void;
  /**
   * Applies a change that is bookkeeping, not an edit (per-step active time): to the current annotation and to
   * every undo and redo state, so undo never takes it back; saved with the next save, not on its own.
   */
  record(change: (a: Annotation) => Annotation): void;
  /** Saves what is unsaved, one save at a time, until nothing is left; false if a save failed. */
  flush(): Promise<boolean>;
  /** The window is hiding or closing: send the current state now, without waiting for a save in flight. */
  flushNow(): void;
  /** Whether leaving now would leave an edit (or a worthwhile amount of active time) unsaved. */
  hasUnsavedWork(): boolean;
  submit(): Promise<boolean>;
  close(): Promise<void>;
}

let timer: ReturnType<typeof setTimeout> | null = null;
let saving: Promise<boolean> | null = null;
/** The annotation most recently sent to the core, so nothing is sent twice. */
let lastSent: Annotation | null = null;
/** Work on tasks left while their save failed: restored when the task reopens, never dropped. */
const unsaved = new Map<string, { annotation: Annotation; activeSeconds: number }>();
/** Time alone is worth a save when leaving once this much has built up. */
const ACTIVE_TIME_WORTH_SAVING_S = 5;

const clearTimer = () => {
  if (timer) clearTimeout(timer);
  timer = null;
};

const scheduleSave = (get: () => DraftState) => {
  clearTimer();
  timer = setTimeout(() => void get().flush(), AUTOSAVE_DELAY_MS);
};

const hasUnsentWork = (s: DraftState, countTime: boolean): boolean =>
  s.taskId !== null &&
  s.annotation !== null &&
  !s.readOnly &&
  !s.detached &&
  (s.annotation !== lastSent || (countTime && s.activeSeconds - s.savedActiveSeconds >= ACTIVE_TIME_WORTH_SAVING_S));

async function saveUntilClean(get: () => DraftState, set: (p: Partial<DraftState>) => void, countTime: boolean): Promise<boolean> {
  for (;;) {
    const state = get();
    if (!hasUnsentWork(state, countTime)) return state.saveState !== 'error';
    const { taskId, annotation, activeSeconds, taskVersion } = state as DraftState & { taskId: string; annotation: Annotation };
    set({ saveState: 'saving' });
    lastSent = annotation;
    const result = await api().saveDraft({ taskId, annotation, activeSeconds: Math.round(activeSeconds), ...(taskVersion === null ? {} : { taskVersion }) });
    if (get().taskId !== taskId) return result.ok;
    if (!result.ok) {
      lastSent = null;
      set({ saveState: 'error' });
      useAppStore.getState().notify('error', `Your last change could not be saved: ${result.error.message}`, result.error.detail);
      return false;
    }
    const current = get().annotation === annotation;
    set({ saveState: current ? 'saved' : 'dirty', savedAt: result.value.savedAt, revision: result.value.revision, savedActiveSeconds: activeSeconds });
    countTime = false;
  }
}

export const useDraftStore = create<DraftState>((set, get) => ({
  taskId: null,
  taskVersion: null,
  annotation: null,
  past: [],
  future: [],
  readOnly: false,
  detached: false,
  submission: null,
  submittedHere: false,
  saveState: 'saved',
  savedAt: null,
  revision: 0,
  activeSeconds: 0,
  savedActiveSeconds: 0,
  lastEdit: null,

  open(task, initial, options) {
    clearTimer();
    const detached = options?.detached === true;
    const readOnly = !detached && (options?.readOnly === true || task.status === 'submitted' || task.status === 'accepted' || task.revoked);
    const stored = task.draft?.annotation.kind === task.task.payload.kind ? task.draft.annotation : null;
    if (task.draft && !stored) {
      useAppStore.getState().notify('error', 'The saved draft of this task no longer fits it (the task changed kind); it is kept on this computer and a fresh one starts here.');
    }
    const recovered = readOnly || detached ? undefined : unsaved.get(task.task.id);
    unsaved.delete(task.task.id);
    const annotation = recovered?.annotation ?? stored ?? initial;
    lastSent = stored;
    set({
      taskId: task.task.id,
      taskVersion: task.task.version,
      annotation,
      past: [],
      future: [],
      readOnly,
      detached,
      submission: task.submission,
      submittedHere: false,
      saveState: recovered ? 'dirty' : 'saved',
      savedAt: task.draft?.savedAt ?? null,
      revision: task.draft?.revision ?? 0,
      activeSeconds: recovered?.activeSeconds ?? task.draft?.activeSeconds ?? 0,
      savedActiveSeconds: task.draft?.activeSeconds ?? 0,
      lastEdit: null,
    });
    if (recovered) {
      useAppStore.getState().notify('info', 'Your unsaved changes to this task were recovered; saving them now.');
      scheduleSave(get);
    }
  },

  edit(change, coalesceKey) {
    const { annotation, readOnly, past, lastEdit } = get();
    if (!annotation || readOnly) return;
    const next = change(annotation);
    if (next === annotation) return;
    const now = Date.now();
    const coalesce = coalesceKey !== undefined && lastEdit?.key === coalesceKey && now - lastEdit.at < COALESCE_MS;
    set({
      annotation: next,
      past: coalesce ? past : [...past.slice(-HISTORY_LIMIT + 1), annotation],
      future: [],
      saveState: 'dirty',
      lastEdit: coalesceKey === undefined ? null : { key: coalesceKey, at: now },
    });
    scheduleSave(get);
  },

  undo() {
    const { past, annotation, future, readOnly } = get();
    const previous = past.at(-1);
    if (!previous || !annotation || readOnly) return;
    set({ annotation: previous, past: past.slice(0, -1), future: [annotation, ...future], saveState: 'dirty', lastEdit: null });
    scheduleSave(get);
  },

  redo() {
    const { past, annotation, future, readOnly } = get();
    const next = future[0];
    if (!next || !annotation || readOnly) return;
    set({ annotation: next, past: [...past, annotation], future: future.slice(1), saveState: 'dirty', lastEdit: null });
    scheduleSave(get);
  },

  addActiveSecond() {
    if (!get().readOnly) set({ activeSeconds: get().activeSeconds + 1 });
  },

  record(change) {
    const { annotation, readOnly, past, future } = get();
    if (!annotation || readOnly) return;
    set({ annotation: change(annotation), past: past.map(change), future: future.map(change) });
  },

  flush() {
    clearTimer();
    saving ??= saveUntilClean(get, set, false).finally(() => {
      saving = null;
    });
    return saving;
  },

  hasUnsavedWork: () => hasUnsentWork(get(), true) || saving !== null,

  flushNow() {
    clearTimer();
    const state = get();
    if (!hasUnsentWork(state, true) || !state.taskId || !state.annotation) return;
    const { taskId, annotation, activeSeconds, taskVersion } = state;
    lastSent = annotation;
    void api()
      .saveDraft({ taskId, annotation, activeSeconds: Math.round(activeSeconds), ...(taskVersion === null ? {} : { taskVersion }) })
      .then((result) => {
        if (!result.ok || get().taskId !== taskId) return;
        const current = get().annotation === annotation;
        set({ saveState: current ? 'saved' : 'dirty', savedAt: result.value.savedAt, revision: result.value.revision, savedActiveSeconds: activeSeconds });
      });
  },

  async submit() {
    const taskId = get().taskId;
    if (!taskId || get().readOnly || get().detached) return false;
    if (!(await get().flush())) return false;
    const result = await api().submitTask({ taskId });
    if (!result.ok) {
      useAppStore.getState().notifyError(result.error);
      return false;
    }
    set({ readOnly: true, submission: result.value, submittedHere: true });
    useAppStore.getState().notify('success', 'Submitted. It will reach the platform at the next sync; this task is now read-only.');
    return true;
  },

  async close() {
    const { taskId } = get();
    let saved = await get().flush();
    if (saved && get().taskId === taskId) saved = await saveUntilClean(get, set, true);
    const state = get();
    if (state.taskId !== taskId) return; // another task opened meanwhile: it is not ours to clear
    if (!saved && taskId && state.annotation && !state.readOnly && !state.detached) unsaved.set(taskId, { annotation: state.annotation, activeSeconds: state.activeSeconds });
    clearTimer();
    set({ taskId: null, annotation: null, past: [], future: [] });
  },
}));
