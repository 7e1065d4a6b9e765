import { Database } from './sqliteDriver';

export type Db = Database;

/** SQLite error codes that mean "these bytes are not a readable database with this key". */
const UNREADABLE_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_SEQUENCE']);

export const sqliteCodeOf = (error: unknown): string | null =>
  error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : null;

export const isUnreadableDatabaseError = (error: unknown): boolean => {
  const code = sqliteCodeOf(error);
  return code !== null && UNREADABLE_CODES.has(code);
};

/**
 * Opens (or creates) an SQLCipher-encrypted database. The key must be set before anything touches the
 * file, and reading sqlite_master is what proves it: a wrong key or garbage raises SQLITE_NOTADB here.
 */
export const openEncryptedDatabase = (path: string, key: Buffer, options: { readonly?: boolean } = {}): Db => {
  if (key.length !== 32) throw new Error(`A database key must be 32 bytes, got ${key.length}.`);
  const readonly = options.readonly ?? false;
  const db = new Database(path, { readonly, fileMustExist: readonly });
  try {
    db.pragma("cipher='sqlcipher'");
    db.pragma(`key="x'${key.toString('hex')}'"`);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    db.pragma('busy_timeout = 5000');
    if (readonly) return db;
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    // No checkpoint inside a commit: the core checkpoints when the store is idle (idleCheckpointer.ts).
    db.pragma('wal_autocheckpoint = 0');
    // A checkpoint after a large import leaves a WAL as large as the import; the next one to reset it cuts it back.
    db.pragma('journal_size_limit = 67108864');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
};

/** PRAGMA quick_check answers 'ok' or a list of problems. */
export const quickCheck = (db: Db): string[] => db.prepare<[], string>('PRAGMA quick_check').pluck().all();
