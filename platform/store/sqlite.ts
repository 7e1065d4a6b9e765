// The package's "exports" map hides its index.d.ts from moduleResolution "Bundler", so the types are taken
// by path and put on the runtime import (the same approach as electron/core/store/sqliteDriver.ts).
// @ts-expect-error TS7016: no declaration file reachable through the package's "exports".
import untypedDatabase from 'better-sqlite3-multiple-ciphers';
import type DatabaseConstructor from '../../node_modules/better-sqlite3-multiple-ciphers/index';

export const Database = untypedDatabase as typeof DatabaseConstructor;
export type Db = DatabaseConstructor.Database;

/** The platform's store is not encrypted (no key is ever set); it runs on the lab's server. */
export const openDatabase = (path: string): Db => {
  const db = new Database(path);
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
};
