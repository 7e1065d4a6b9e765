import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, sql, type RawBuilder, type Transaction } from 'kysely';
import pg from 'pg';
import { openDatabase } from './sqlite';

/**
 * The platform's two engines behind one query layer (Kysely): the embedded SQLite file (the default, nothing
 * to install) and PostgreSQL (several platform processes on one database). Repositories write SQL that both
 * accept through Kysely's `sql` tag; the few places where the engines differ ask `db.engine`.
 */
export type Engine = 'sqlite' | 'postgres';

/** Raw SQL only: Kysely's typed builder is not used, so the schema type is empty. */
export type Schema = Record<string, never>;
export type Executor = Kysely<Schema> | Transaction<Schema>;

export interface PostgresOptions {
  /** Connections per process (default 10). */
  poolSize?: number;
  /** Milliseconds before the server cancels a statement (default 30 s; 0 = none). */
  statementTimeoutMs?: number;
}

export interface Database {
  engine: Engine;
  kysely: Kysely<Schema>;
  /** Where the data is, for logs and `serve`'s banner: a path, or a URL without its password. */
  location: string;
  /** Raw SQL with `?` placeholders on either engine, for tests and tools. */
  query<T>(text: string, params?: readonly unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export const isPostgresUrl = (value: string): boolean => /^postgres(ql)?:\/\//i.test(value);

/** The URL as it may be printed: the password replaced by ***. */
export const redactUrl = (url: string): string => {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
};

const toPostgresPlaceholders = (text: string): string => {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
};

const wrap = (engine: Engine, kysely: Kysely<Schema>, location: string, close: () => Promise<void>): Database => ({
  engine,
  kysely,
  location,
  async query<T>(text: string, params: readonly unknown[] = []): Promise<T[]> {
    const compiled = CompiledQuery.raw(engine === 'postgres' ? toPostgresPlaceholders(text) : text, [...params]);
    return (await kysely.executeQuery<T>(compiled)).rows;
  },
  close,
});

/** `prepare` runs on the raw connection first (the SQLite migrations, which are multi-statement scripts). */
export const openSqliteDatabase = (path: string, prepare: (raw: ReturnType<typeof openDatabase>) => void = () => undefined): Database => {
  const raw = openDatabase(path);
  try {
    prepare(raw);
  } catch (error) {
    raw.close();
    throw error;
  }
  // Kysely prepares every query it runs; better-sqlite3's prepare costs more than the query itself, so the
  // statements are kept by their SQL text (they are few: the SQL is fixed, the values are parameters).
  const statements = new Map<string, ReturnType<typeof raw.prepare>>();
  const cached = {
    close: () => raw.close(),
    prepare: (text: string) => {
      let statement = statements.get(text);
      if (statement === undefined) {
        statement = raw.prepare(text);
        if (statements.size >= 500) statements.clear();
        statements.set(text, statement);
      }
      return statement;
    },
  };
  const kysely = new Kysely<Schema>({ dialect: new SqliteDialect({ database: cached }) });
  let closed = false;
  return wrap('sqlite', kysely, path, async () => {
    if (closed) return;
    closed = true;
    await kysely.destroy();
  });
};

const INT8_OID = 20;
/** bigint columns (sequences, milliseconds, counts) come back as numbers: every value here is below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export const openPostgresDatabase = (url: string, options: PostgresOptions = {}): Database => {
  const statementTimeout = options.statementTimeoutMs ?? 30_000;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    types,
    connectionTimeoutMillis: 5_000,
    ...(statementTimeout > 0 ? { statement_timeout: statementTimeout } : {}),
    application_name: 'assay-platform',
  });
  // A connection dropped while idle (a database restart) must not take the process down: the next query
  // opens a fresh one, and until the database is back requests answer 503.
  pool.on('error', () => undefined);
  const kysely = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return wrap('postgres', kysely, redactUrl(url), async () => {
    if (closed) return;
    closed = true;
    await kysely.destroy();
  });
};

const errorCode = (error: unknown): string | null =>
  error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : null;

/** Serialization failure, deadlock, or a unique key another transaction took first: run the whole transaction again. */
const RETRYABLE = new Set(['40001', '40P01', '23505']);

/** The database is not there (restarting, unreachable, overloaded): the request answers 503 and the client retries. */
export const isUnavailable = (error: unknown): boolean => {
  const code = errorCode(error);
  if (code !== null && (code.startsWith('08') || code.startsWith('57P') || code === '53300' || code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ETIMEDOUT' || code === 'EPIPE')) {
    return true;
  }
  return error instanceof Error && /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(error.message);
};

export const isBusy = (error: unknown): boolean => {
  const code = errorCode(error);
  return code !== null && (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code === 'SQLITE_BUSY_SNAPSHOT' || RETRYABLE.has(code) || code === '57014');
};

const MAX_ATTEMPTS = 12;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One transaction. On PostgreSQL a write runs SERIALIZABLE and is retried whole (with a jittered pause) when
 * the database reports a serialization failure, a deadlock or a unique violation, so every read inside it
 * is taken again: correctness comes from the database, never from a lock or cache in this process. A read
 * runs REPEATABLE READ READ ONLY: one snapshot for the whole page. On SQLite the one connection serializes
 * everything already.
 */
export const transaction = async <T>(db: Database, work: (tx: Transaction<Schema>) => Promise<T>, mode: 'write' | 'read' = 'write'): Promise<T> => {
  if (db.engine === 'sqlite') return db.kysely.transaction().execute(work);
  for (let attempt = 1; ; attempt++) {
    try {
      const builder = db.kysely.transaction();
      return await (mode === 'read' ? builder.setIsolationLevel('repeatable read').setAccessMode('read only') : builder.setIsolationLevel('serializable')).execute(work);
    } catch (error) {
      const code = errorCode(error);
      if (code === null || !RETRYABLE.has(code) || attempt >= MAX_ATTEMPTS) throw error;
      await pause(Math.random() * Math.min(200, 5 * 2 ** attempt));
    }
  }
};

export const all = async <T>(ex: Executor, query: RawBuilder<T>): Promise<T[]> => (await query.execute(ex)).rows;
export const one = async <T>(ex: Executor, query: RawBuilder<T>): Promise<T | undefined> => (await query.execute(ex)).rows[0];
export const run = async (ex: Executor, query: RawBuilder<unknown>): Promise<number> => Number((await query.execute(ex)).numAffectedRows ?? 0);

/**
 * Insertion order of a table's rows, for ties: SQLite's rowid; on PostgreSQL the identity column `row_seq`
 * that its schema adds to the tables that need one (submissions, reviews).
 */
export const insertOrderColumn = (db: Database, table: string): string => `${table}.${db.engine === 'sqlite' ? 'rowid' : 'row_seq'}`;
export const insertOrder = (db: Database, table: string) => sql.raw(insertOrderColumn(db, table));
