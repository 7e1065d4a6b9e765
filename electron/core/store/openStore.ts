import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { accountFileStem } from '../vault/keyFiles';
import { isUnreadableDatabaseError, openEncryptedDatabase, quickCheck, type Db } from './database';
import { migrate } from './migrations';
import { moveDatabaseAside } from './moveAside';
import { createStore, type Store } from './store';

export interface OpenedStore {
  store: Store;
  path: string;
  /** Set when the old database had to be moved aside: what happened and what to do, in plain words. */
  notice: string | null;
}

class DamagedStoreError extends Error {
  constructor(readonly problems: string[]) {
    super(`The database failed its integrity check: ${problems.slice(0, 3).join('; ')}`);
    this.name = 'DamagedStoreError';
  }
}

export const storePathFor = (dataDir: string, accountId: string): string => join(dataDir, `${accountFileStem(accountId)}.assay.db`);

/**
 * Checks an existing file through a read-only connection first: a read-write connection to a file it
 * cannot read may still discard a WAL it doesn't recognise when it closes, and that WAL may hold work.
 */
const checkExisting = (path: string, key: Buffer): void => {
  if (!existsSync(path) || statSync(path).size === 0) return;
  const probe = openEncryptedDatabase(path, key, { readonly: true });
  try {
    const problems = quickCheck(probe);
    if (problems.length !== 1 || problems[0] !== 'ok') throw new DamagedStoreError(problems);
  } finally {
    probe.close();
  }
};

const openChecked = (path: string, key: Buffer): Db => {
  checkExisting(path, key);
  const db = openEncryptedDatabase(path, key);
  try {
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
};

const noticeFor = (error: unknown, movedTo: string): string => {
  const what =
    error instanceof DamagedStoreError
      ? 'its database file is damaged'
      : 'its database file is damaged or was locked with a different key than the one on this computer';
  return (
    `Assay could not open your saved work because ${what}. Nothing was deleted: the old file was moved to ` +
    `${movedTo}, and Assay started with an empty database. Keep that file and contact support; ` +
    'work already synced to the platform will come back when you sync.'
  );
};

/**
 * Opens the account's store. A file that is damaged or can't be read with this key is never deleted:
 * it is moved aside and a fresh store starts, with a notice for the person. Any other failure (a newer
 * schema, a locked or unwritable folder) is thrown, because starting empty would hide their work.
 */
export const openStore = (path: string, key: Buffer, now: () => Date = () => new Date()): OpenedStore => {
  mkdirSync(dirname(path), { recursive: true });
  try {
    return { store: createStore(openChecked(path, key)), path, notice: null };
  } catch (error) {
    if (!(error instanceof DamagedStoreError) && !isUnreadableDatabaseError(error)) throw error;
    const movedTo = moveDatabaseAside(path, now());
    return { store: createStore(openChecked(path, key)), path, notice: noticeFor(error, movedTo) };
  }
};
