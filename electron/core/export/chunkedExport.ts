import { randomUUID } from 'node:crypto';
import { AppFailure, type TaskStatus, type TaskSummary } from '@shared/domain';
import { exportAnnotations, type ExportFormat } from '@shared/formats/exportAnnotations';
import type { AnnotatedTask } from '@shared/formats/preference';
import type { Store } from '../store/store';

/** Summaries read from the inbox index per query while walking the submitted work. */
const SUMMARY_PAGE = 200;
/** A chunk ends after this many tasks, or once its text passes CHUNK_CHARS, whichever comes first. */
export const EXPORT_PAGE_TASKS = 100;
export const EXPORT_CHUNK_CHARS = 2 * 1024 * 1024;

/** The statuses whose work is exported, in the order the file lists them (as the inbox shows them). */
const EXPORTED: readonly TaskStatus[] = ['submitted', 'accepted'];

export interface ExportChunk {
  /** The next piece of the file (may be empty when the tasks of this page write no line). */
  text: string;
  /** Submitted tasks looked at so far, of `total`. */
  considered: number;
  /** Tasks that went into the file so far (a format takes only its kind). */
  exported: number;
  done: boolean;
}

interface Session {
  format: ExportFormat;
  fileName: string;
  project: string | undefined;
  stamp: string;
  asLines: boolean;
  statusIndex: number;
  cursor: string | undefined;
  /** Summaries read ahead from the index, not yet loaded. */
  queued: TaskSummary[];
  considered: number;
  exported: number;
  total: number;
}

export interface ChunkedExportOptions {
  pageTasks?: number;
  chunkChars?: number;
  /** Told how many annotated tasks are held in memory each time a page is written (tests count them). */
  onPageHeld?: (tasks: number) => void;
}

/** The submitted work on a task, beside the version of the task it was made against; null when there is none. */
export const annotatedTaskOf = (store: Store, id: string): AnnotatedTask | null => {
  const draft = store.drafts.get(id);
  if (!draft) return null;
  const task = draft.taskVersion ? (store.tasks.getVersion(id, draft.taskVersion) ?? store.tasks.get(id)) : store.tasks.get(id);
  return task ? { task, annotation: draft.annotation } : null;
};

/**
 * Exports submitted work a page of tasks at a time, so neither the core nor the caller ever holds the whole file:
 * begin() answers the file's name and how many tasks there are to look at; each next() walks the submitted (then
 * accepted) tasks on the inbox index from where the last one stopped, loads at most a page of them and answers
 * the lines they write. Every format writes lines per task (exportAnnotations), so the pages joined are the file
 * exportAnnotations writes for all the tasks at once. The caller writes the chunks to a temporary file and keeps
 * it only when the last one arrived; cancel() forgets the walk.
 */
export const createChunkedExports = (store: Store, options: ChunkedExportOptions = {}) => {
  const pageTasks = options.pageTasks ?? EXPORT_PAGE_TASKS;
  const chunkChars = options.chunkChars ?? EXPORT_CHUNK_CHARS;
  const sessions = new Map<string, Session>();

  const sessionOf = (exportId: string): Session => {
    const session = sessions.get(exportId);
    if (!session) throw new AppFailure('not_found', 'This export is no longer running (it finished, was cancelled, or Assay restarted). Start it again.');
    return session;
  };

  const filterOf = (session: Pick<Session, 'project'>, status: TaskStatus) => ({ status, ...(session.project ? { project: session.project } : {}) });

  /** The next summary to export, reading the next window of the index when the queue is empty; null at the end. */
  const nextSummary = (session: Session): TaskSummary | null => {
    while (session.queued.length === 0) {
      const status = EXPORTED[session.statusIndex];
      if (status === undefined) return null;
      const window = store.tasks.window(filterOf(session, status), { limit: SUMMARY_PAGE, ...(session.cursor ? { after: session.cursor, offset: 0 } : {}) });
      if (window.tasks.length === 0) {
        session.statusIndex += 1;
        session.cursor = undefined;
        continue;
      }
      session.queued = window.tasks;
      session.cursor = window.tasks[window.tasks.length - 1]!.cursor;
    }
    return session.queued.shift() ?? null;
  };

  return {
    begin(format: ExportFormat, project: string | undefined): { exportId: string; fileName: string; total: number } {
      const exportId = randomUUID();
      const stamp = new Date().toISOString().slice(0, 10);
      const probe: Pick<Session, 'project'> = { project };
      const counts = EXPORTED.map((status) => store.tasks.window(filterOf(probe, status), { limit: 0 }).matching);
      const total = counts.reduce((a, b) => a + b, 0);
      // A single run exported in its source format is that run's own document (.traj, .json), as exportAnnotations
      // writes it; several are one per line, whichever page they fall in.
      let asLines = true;
      let named = exportAnnotations([], format, stamp, true);
      if (format === 'trajectory-source') {
        const trajectories = EXPORTED.reduce((n, status) => n + store.tasks.window({ ...filterOf(probe, status), kind: 'trajectory' }, { limit: 0 }).matching, 0);
        if (trajectories === 1) {
          asLines = false;
          const only = EXPORTED.flatMap((status) => store.tasks.window({ ...filterOf(probe, status), kind: 'trajectory' }, { limit: 1 }).tasks)[0];
          const item = only ? annotatedTaskOf(store, only.id) : null;
          named = exportAnnotations(item ? [item] : [], format, stamp);
        }
      }
      if (!named.ok) throw new AppFailure('invalid_input', named.error.message, named.error.detail);
      sessions.set(exportId, { format, fileName: named.value.fileName, project, stamp, asLines, statusIndex: 0, cursor: undefined, queued: [], considered: 0, exported: 0, total });
      return { exportId, fileName: named.value.fileName, total };
    },

    /** The next chunk of the file. A format that cannot write a task fails the whole export (the caller drops its file). */
    next(exportId: string): ExportChunk {
      const session = sessionOf(exportId);
      const page: AnnotatedTask[] = [];
      let chars = 0;
      let done = false;
      while (page.length < pageTasks && chars < chunkChars) {
        const summary = nextSummary(session);
        if (summary === null) {
          done = true;
          break;
        }
        session.considered += 1;
        const item = annotatedTaskOf(store, summary.id);
        if (!item) continue;
        page.push(item);
        // A rough size of what the page holds: a run (up to tens of MB) is a chunk of its own.
        chars += item.task.payload.kind === 'trajectory' ? chunkChars : 2048;
      }
      options.onPageHeld?.(page.length);
      const written = exportAnnotations(page, session.format, session.stamp, session.asLines);
      if (!written.ok) {
        sessions.delete(exportId);
        throw new AppFailure('invalid_input', written.error.message, written.error.detail);
      }
      session.exported += written.value.tasks;
      if (done) sessions.delete(exportId);
      return { text: written.value.text, considered: session.considered, exported: session.exported, done };
    },

    cancel(exportId: string): { cancelled: boolean } {
      return { cancelled: sessions.delete(exportId) };
    },

    /** The name begin() gave the file of a running export (what a save dialog suggests); throws when it is not running. */
    fileNameOf: (exportId: string): string => sessionOf(exportId).fileName,

    /** Exports still open (a test checks that finished and cancelled ones are forgotten). */
    running: (): number => sessions.size,
  };
};
export type ChunkedExports = ReturnType<typeof createChunkedExports>;
