import { randomUUID } from 'node:crypto';
import { AppFailure, type Task } from '@shared/domain';
import { EMPTY_CANONICAL_FILE, canonicalProblemsFailure, type LineProblem } from '@shared/formats/canonicalJsonl';
import type { ImportFormat } from '@shared/formats/importTasks';
import { DEFAULT_IMPORT_LIMITS, tooLargeFailure, type ImportLimits } from '@shared/formats/limits';
import { firstNonBlankLine, isBlank } from '@shared/formats/text';
import type { Store } from '../store/store';
import { createImportLineParser, type ParsedPiece, type StagedRow } from './lineParser';
import { discardPendingImports, openPendingImport, type PendingImport } from './pendingImport';
import type { LineParserThread } from './threadedLineParser';

type ImportTasksFromText = (fileName: string, text: string) => import('@shared/domain').Result<{ format: ImportFormat; tasks: Task[]; project: string | null }>;

export interface ImportOutcome {
  format: ImportFormat;
  imported: number;
  project: string | null;
  taskIds: string[];
}

/** Reads the canonical lines of one import, in the core or on the line parser's thread. */
interface LineReading {
  feed(text: string, final: boolean): Promise<ParsedPiece>;
  drop(): void;
}

interface Session {
  fileName: string;
  /** Streaming canonical JSONL line by line into the store (pending until it lands), or holding the text for a whole-file format. */
  mode: 'undecided' | 'lines' | 'whole';
  chunks: string[];
  chars: number;
  reading: LineReading | null;
  /** Pieces being read, taken in the order sent. */
  reads: Promise<void>[];
  /** The tasks written so far, not landed (canonical JSONL only), opened with the first batch. */
  pending: PendingImport | null;
  problem: LineProblem | null;
  moreProblems: number;
  /** What ended the import while pieces were being read (too many tasks, a task the platform owns, a dead thread). */
  failure: AppFailure | null;
  /** Rows read and not written yet: written a batch at a time (stageBatchChars). */
  waiting: StagedRow[];
  waitingChars: number;
  rowsRead: number;
}

/**
 * Rows are written once this much of their text was read, each batch one transaction. About a chunk's worth: the
 * line parser thread reads the next pieces while the core writes a batch (larger batches left it idle meanwhile).
 */
const STAGE_BATCH_CHARS = 4 * 1024 * 1024;

/**
 * Pieces sent to be read before append waits for the oldest: the reading runs this far ahead of the writing (with 4 MB
 * chunks, 64 MB of text in flight). Fewer left the line parser idle while the core wrote.
 */
const READS_AHEAD = 16;

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
 * time (on the line parser's thread when there is one, while the core writes the rows read before) and its tasks
 * written into the encrypted store as pending; other formats (whole-file JSON) are held until the end and read by
 * the same importers as importTasks. Nothing reaches the inbox until finish(), which lands everything in one
 * transaction: a cancelled, failed or interrupted import leaves the store as it was.
 */
export const createChunkedImports = (
  store: Store,
  importTasksFromText: ImportTasksFromText,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
  { stageBatchChars = STAGE_BATCH_CHARS, lineParser = null }: { stageBatchChars?: number; lineParser?: LineParserThread | null } = {},
) => {
  const sessions = new Map<string, Session>();
  discardPendingImports(store);

  const readingFor = (importId: string): LineReading => {
    if (lineParser) return { feed: (text, final) => lineParser.feed(importId, text, final), drop: () => lineParser.drop(importId) };
    const parser = createImportLineParser(limits);
    return { feed: (text, final) => Promise.resolve(parser.feed(text, final)), drop: () => undefined };
  };

  const dropSession = (importId: string): void => {
    const session = sessions.get(importId);
    sessions.delete(importId);
    session?.reading?.drop();
    session?.pending?.drop();
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
  const failIfEnded = (importId: string, session: Session): void => {
    if (sessions.get(importId) !== session) throw new AppFailure('not_found', 'This import was cancelled.');
    if (session.failure) fail(importId, session.failure);
  };

  /** Writes the rows read and waiting. */
  const stageWaiting = (importId: string, session: Session): void => {
    if (session.waiting.length === 0 || session.problem !== null || session.failure !== null) return;
    try {
      session.pending ??= openPendingImport(store, importId);
      session.pending.stage(session.waiting);
    } catch (error) {
      session.failure = error instanceof AppFailure ? error : new AppFailure('import_failed', error instanceof Error ? error.message : String(error));
    }
    session.waiting = [];
    session.waitingChars = 0;
  };

  /** A piece read: its rows wait to be written, or its problem ends the import at finish. */
  const take = (importId: string, session: Session, piece: ParsedPiece): void => {
    if (sessions.get(importId) !== session || session.failure) return;
    if (piece.tooMany) {
      session.failure = new AppFailure('import_failed', piece.tooMany.message, piece.tooMany.detail);
      return;
    }
    if (piece.problem) {
      session.problem ??= piece.problem;
      session.moreProblems += piece.moreProblems;
      session.waiting = [];
      return;
    }
    for (const row of piece.rows) session.waiting.push(row);
    session.waitingChars += piece.chars;
    session.rowsRead += piece.rows.length;
    if (session.waitingChars >= stageBatchChars) stageWaiting(importId, session);
  };

  const send = (importId: string, session: Session, text: string, final: boolean): void => {
    session.reading ??= readingFor(importId);
    session.reads.push(
      session.reading.feed(text, final).then(
        (piece) => take(importId, session, piece),
        (error: unknown) => {
          session.failure ??= error instanceof AppFailure ? error : new AppFailure('import_failed', error instanceof Error ? error.message : String(error));
        },
      ),
    );
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
        reading: null,
        reads: [],
        pending: null,
        problem: null,
        moreProblems: 0,
        failure: null,
        waiting: [],
        waitingChars: 0,
        rowsRead: 0,
      });
      return { importId };
    },

    /** One chunk of the file's text, in order. Answers how many tasks were read so far. */
    async append(importId: string, text: string): Promise<{ tasksRead: number }> {
      const session = sessionOf(importId);
      failIfEnded(importId, session);
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
          send(importId, session, held, false);
        }
      } else {
        send(importId, session, text, false);
      }
      while (session.reads.length > READS_AHEAD) await session.reads.shift();
      failIfEnded(importId, session);
      return { tasksRead: session.rowsRead };
    },

    /** The whole file has arrived: check it, then land every task in one transaction. */
    async finish(importId: string): Promise<ImportOutcome> {
      const session = sessionOf(importId);
      decide(session, true);
      if (session.mode === 'whole') {
        sessions.delete(importId);
        const parsed = importTasksFromText(session.fileName, session.chunks.join(''));
        if (!parsed.ok) throw new AppFailure('import_failed', parsed.error.message, parsed.error.detail);
        return commit(store, parsed.value.tasks, parsed.value.format, parsed.value.project);
      }
      const rest = session.chunks.join('');
      session.chunks = [];
      send(importId, session, rest, true);
      await Promise.all(session.reads);
      session.reads = [];
      failIfEnded(importId, session);
      if (session.problem) {
        const failure = canonicalProblemsFailure(session.problem, session.moreProblems);
        fail(importId, new AppFailure('import_failed', failure.ok ? '' : failure.error.message, failure.ok ? undefined : failure.error.detail));
      }
      stageWaiting(importId, session);
      failIfEnded(importId, session);
      const { pending } = session;
      if (session.rowsRead === 0 || !pending) return fail(importId, new AppFailure('import_failed', EMPTY_CANONICAL_FILE));
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
