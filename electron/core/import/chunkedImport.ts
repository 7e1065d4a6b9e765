import { randomUUID } from 'node:crypto';
import { AppFailure, type Task } from '@shared/domain';
import {
  EMPTY_CANONICAL_FILE,
  canonicalProblemsFailure,
  createCanonicalLineReader,
  type CanonicalLineReader,
  type LineProblem,
} from '@shared/formats/canonicalJsonl';
import type { ImportFormat } from '@shared/formats/importTasks';
import { DEFAULT_IMPORT_LIMITS, tooLargeFailure, type ImportLimits } from '@shared/formats/limits';
import { firstNonBlankLine, isBlank } from '@shared/formats/text';
import type { Store } from '../store/store';
import { discardPendingImports, openPendingImport, type PendingImport } from './pendingImport';

type ImportTasksFromText = (fileName: string, text: string) => import('@shared/domain').Result<{ format: ImportFormat; tasks: Task[]; project: string | null }>;

export interface ImportOutcome {
  format: ImportFormat;
  imported: number;
  project: string | null;
  taskIds: string[];
}

/** Problems kept to report: the first, and a count of the rest. */
const KEPT_PROBLEMS = 1;

interface Session {
  fileName: string;
  /** Streaming canonical JSONL line by line into the store (pending until it lands), or holding the text for a whole-file format. */
  mode: 'undecided' | 'lines' | 'whole';
  chunks: string[];
  chars: number;
  /** The end of the last chunk that is not a whole line yet. */
  tail: string;
  lineNumber: number;
  reader: CanonicalLineReader;
  /** The tasks read so far, written but not landed (canonical JSONL only), opened when the file proves to be that. */
  pending: PendingImport | null;
  problems: LineProblem[];
  moreProblems: number;
  /** Tasks read and not written yet: written a batch at a time (STAGE_BATCH_CHARS). */
  waiting: Task[];
  waitingChars: number;
}

/**
 * Tasks are written once this much of their text was read: each write is a transaction that commits (and syncs)
 * on its own, and rewrites the index pages it touches; fewer, larger ones cost less. Held in memory meanwhile.
 */
const STAGE_BATCH_CHARS = 16 * 1024 * 1024;

/** The first non-blank line that a newline has ended, or null while there is none yet. */
const firstWholeLine = (text: string): string | null => {
  for (let start = 0; ; ) {
    const end = text.indexOf('\n', start);
    if (end === -1) return null;
    const line = text.slice(start, end).replace(/\r$/, '');
    if (!isBlank(line)) return line;
    start = end + 1;
  }
};

const looksLikeCanonicalLine = (line: string): boolean => {
  try {
    const value: unknown = JSON.parse(line);
    return value !== null && typeof value === 'object' && !Array.isArray(value) && 'payload' in value && 'id' in value;
  } catch {
    return false;
  }
};

/**
 * Imports a file that arrives in chunks, so a large file is never held whole: canonical JSONL is read a line at a
 * time and its tasks staged in the encrypted store; other formats (whole-file JSON) are held until the end and read
 * by the same importers as importTasks. Nothing reaches the inbox until finish(), which moves everything in one
 * transaction: a cancelled, failed or interrupted import leaves the store as it was.
 */
export const createChunkedImports = (
  store: Store,
  importTasksFromText: ImportTasksFromText,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
  { stageBatchChars = STAGE_BATCH_CHARS }: { stageBatchChars?: number } = {},
) => {
  const sessions = new Map<string, Session>();
  discardPendingImports(store);

  const dropSession = (importId: string): void => {
    sessions.get(importId)?.pending?.drop();
    sessions.delete(importId);
  };

  const sessionOf = (importId: string): Session => {
    const session = sessions.get(importId);
    if (!session) throw new AppFailure('not_found', 'This import is no longer running (it finished, was cancelled, or Assay restarted). Start it again.');
    return session;
  };

  const fail = (importId: string, failure: AppFailure): never => {
    dropSession(importId);
    throw failure;
  };
  const stagedOf = (session: Session): number => (session.pending?.staged() ?? 0) + session.waiting.length;

  /** Writes the tasks read and waiting (see STAGE_BATCH_CHARS). */
  const stageWaiting = (importId: string, session: Session): void => {
    if (session.waiting.length === 0 || session.problems.length > 0) return;
    session.pending ??= openPendingImport(store, importId);
    try {
      session.pending.stage(session.waiting);
    } catch (error) {
      if (error instanceof AppFailure) fail(importId, error);
      throw error;
    }
    session.waiting = [];
    session.waitingChars = 0;
  };

  const readLines = (importId: string, session: Session, text: string, final: boolean): void => {
    const data = session.tail + text;
    const lines = data.split('\n');
    session.tail = final ? '' : (lines.pop() ?? '');
    for (const raw of lines) {
      session.lineNumber += 1;
      let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (session.lineNumber === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
      const read = session.reader.read(session.lineNumber, line);
      if (read === null) continue;
      if ('tooMany' in read) fail(importId, new AppFailure('import_failed', read.tooMany.ok ? '' : read.tooMany.error.message, read.tooMany.ok ? undefined : read.tooMany.error.detail));
      else if ('task' in read) {
        // Nothing is kept once a line is bad: the import will fail at the end, naming it.
        if (session.problems.length === 0) {
          session.waiting.push(read.task);
          session.waitingChars += line.length;
        }
      } else if (session.problems.length < KEPT_PROBLEMS) {
        session.problems.push(read);
        session.waiting = [];
      } else session.moreProblems += 1;
    }
    if (session.waitingChars >= stageBatchChars) stageWaiting(importId, session);
  };

  const decide = (session: Session, final: boolean): void => {
    if (session.mode !== 'undecided') return;
    const held = session.chunks.join('');
    // Until the first line is whole it cannot be judged; at the end, whatever there is decides.
    const first = final ? firstNonBlankLine(held) : firstWholeLine(held);
    if (first === null && !final) return;
    const canonical = first !== null && /\.(jsonl|ndjson)$/i.test(session.fileName.trim()) && looksLikeCanonicalLine(first.replace(/^\uFEFF/, ''));
    session.mode = canonical ? 'lines' : 'whole';
  };

  return {
    begin(fileName: string): { importId: string } {
      const importId = randomUUID();
      sessions.set(importId, {
        fileName,
        mode: 'undecided',
        chunks: [],
        chars: 0,
        tail: '',
        lineNumber: 0,
        reader: createCanonicalLineReader(limits),
        pending: null,
        waiting: [],
        waitingChars: 0,
        problems: [],
        moreProblems: 0,
      });
      return { importId };
    },

    /** One chunk of the file's text, in order. Answers how many tasks were read so far. */
    append(importId: string, text: string): { tasksRead: number } {
      const session = sessionOf(importId);
      session.chars += text.length;
      if (session.mode !== 'lines') {
        if (session.chars > limits.maxChars) {
          const tooLarge = tooLargeFailure(session.chars, limits.maxChars);
          fail(importId, new AppFailure('import_failed', tooLarge.ok ? '' : tooLarge.error.message));
        }
        session.chunks.push(text);
        decide(session, false);
        if ((session.mode as Session['mode']) === 'lines') {
          const held = session.chunks.join('');
          session.chunks = [];
          readLines(importId, session, held, false);
        }
      } else {
        readLines(importId, session, text, false);
      }
      return { tasksRead: stagedOf(session) };
    },

    /** The whole file has arrived: check it, then move every task into the store in one transaction. */
    finish(importId: string): ImportOutcome {
      const session = sessionOf(importId);
      decide(session, true);
      if (session.mode === 'whole') {
        sessions.delete(importId);
        const parsed = importTasksFromText(session.fileName, session.chunks.join(''));
        if (!parsed.ok) throw new AppFailure('import_failed', parsed.error.message, parsed.error.detail);
        return commit(store, parsed.value.tasks, parsed.value.format, parsed.value.project);
      }
      if (session.mode === 'lines') {
        const rest = session.chunks.join('');
        session.chunks = [];
        readLines(importId, session, rest, true);
        stageWaiting(importId, session);
      }
      if (session.problems.length > 0) {
        const failure = canonicalProblemsFailure(session.problems[0]!, session.moreProblems);
        fail(importId, new AppFailure('import_failed', failure.ok ? '' : failure.error.message, failure.ok ? undefined : failure.error.detail));
      }
      if (stagedOf(session) === 0 || !session.pending) return fail(importId, new AppFailure('import_failed', EMPTY_CANONICAL_FILE));
      const { pending } = session;
      sessions.delete(importId);
      try {
        const { taskIds, projects } = pending.commit(new Date().toISOString());
        return { format: 'canonical-jsonl', imported: taskIds.length, project: projects.length === 1 ? projects[0]! : null, taskIds };
      } finally {
        pending.drop();
      }
    },

    cancel(importId: string): { cancelled: boolean } {
      if (!sessions.has(importId)) return { cancelled: false };
      dropSession(importId);
      return { cancelled: true };
    },
  };
};
export type ChunkedImports = ReturnType<typeof createChunkedImports>;

const platformOwned = (store: Store, id: string): AppFailure | null =>
  store.tasks.sourceOf(id) === 'platform'
    ? new AppFailure('import_failed', `Task "${id}" was assigned by your platform; a file cannot replace it. Nothing was imported.`, `task ${id}`)
    : null;

/** Tasks read whole (a JSON file): all in one transaction, or none. */
const commit = (store: Store, tasks: readonly Task[], format: ImportFormat, project: string | null): ImportOutcome => {
  for (const task of tasks) {
    const owned = platformOwned(store, task.id);
    if (owned) throw owned;
  }
  const at = new Date().toISOString();
  store.transaction(() => tasks.forEach((task) => store.tasks.upsert(task, 'import', at)));
  return { format, imported: tasks.length, project, taskIds: tasks.map((t) => t.id) };
};
