import { randomBytes } from 'node:crypto';
import type { Database, PostgresOptions } from './database';

export const DEFAULT_LEASE_SECONDS = 14 * 24 * 60 * 60;
export const DEFAULT_CURSOR_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

export interface StoreOptions {
  /** Milliseconds since the epoch; tests pass a controllable clock. */
  now?: () => number;
  leaseSeconds?: number;
  /** Changes older than this are pruned, and a cursor pointing before a pruned change gets 410. */
  cursorRetentionMs?: number;
  /** Pool size and statement timeout, when the store is on PostgreSQL. */
  postgres?: PostgresOptions;
}

/** What every repository of the store shares. */
export interface StoreContext {
  db: Database;
  now: () => number;
  leaseMs: number;
  cursorRetentionMs: number;
}

export const isoAt = (ms: number): string => new Date(ms).toISOString();

/** A short random id with a readable prefix: `sub_3kq...`. */
export const newId = (prefix: string): string => `${prefix}_${randomBytes(12).toString('base64url')}`;
