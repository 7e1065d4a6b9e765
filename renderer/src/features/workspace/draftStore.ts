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
  annotation: Annotation | null;
  past: Annotation[];
  future: Annotation[];
  readOnly: boolean;
  submission: Submission | null;
  /** Submitted since the task was opened, so the page can show it without reopening. */
  submittedHere: boolean;
  saveState: SaveState;
  savedAt: string | null;
  revision: number;
  activeSeconds: number;
  lastEdit: { key: string; at: number } | null;
  open(task: OpenTask, initial: Annotation): void;
  /** Applies a change; edits sharing a coalesceKey in quick succession undo together. */
  edit(change: (a: Annotation) => Annotation, coalesceKey?: string): void;
  undo(): void;
  redo(): void;
  addActiveSecond(): void;
  flush(): Promise<boolean>;
  submit(): Promise<boolean>;
  close(): Promise<void>;
}

let timer: ReturnType<typeof setTimeout> | null = null;
let inFlight: Promise<boolean> | null = null;

const scheduleSave = (get: () => DraftState) => {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => void get().flush(), AUTOSAVE_DELAY_MS);
};

export const useDraftStore = create<DraftState>((set, get) => ({
  taskId: null,
  annotation: null,
  past: [],
  future: [],
  readOnly: false,
  submission: null,
  submittedHere: false,
  saveState: 'saved',
  savedAt: null,
  revision: 0,
  activeSeconds: 0,
  lastEdit: null,

  open(task, initial) {
    const readOnly = task.status === 'submitted' || task.status === 'accepted' || task.revoked;
    set({
      taskId: task.task.id,
      annotation: task.draft?.annotation ?? initial,
      past: [],
      future: [],
      readOnly,
      submission: task.submission,
      submittedHere: false,
      saveState: 'saved',
      savedAt: task.draft?.savedAt ?? null,
      revision: task.draft?.revision ?? 0,
      activeSeconds: task.draft?.activeSeconds ?? 0,
      lastEdit: null,
    });
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

  async flush() {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (inFlight) await inFlight;
    const { taskId, annotation, saveState, activeSeconds, readOnly } = get();
    if (!taskId || !annotation || readOnly || saveState === 'saved') return true;
    set({ saveState: 'saving' });
    inFlight = api()
      .saveDraft({ taskId, annotation, activeSeconds: Math.round(activeSeconds) })
      .then((result) => {
        if (get().taskId !== taskId) return result.ok;
        if (result.ok) {
          // Edits made while this save was in flight stay dirty and are saved next.
          const changedMeanwhile = get().annotation !== annotation;
          set({ saveState: changedMeanwhile ? 'dirty' : 'saved', savedAt: result.value.savedAt, revision: result.value.revision });
          if (changedMeanwhile) scheduleSave(get);
        } else {
          set({ saveState: 'error' });
          useAppStore.getState().notify('error', `Your last change could not be saved: ${result.error.message}`, result.error.detail);
        }
        return result.ok;
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  },

  async submit() {
    const taskId = get().taskId;
    if (!taskId || get().readOnly) return false;
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
    await get().flush();
    set({ taskId: null, annotation: null, past: [], future: [] });
  },
}));
