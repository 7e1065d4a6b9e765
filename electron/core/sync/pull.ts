import type { Store } from '../store/store';
import { applyChanges, emptyOutcome, type ApplyOutcome } from './applyChanges';
import { isPlatformError, type PlatformClient } from './platformClient';

export interface PullOptions {
  store: Store;
  client: PlatformClient;
  pageSize?: number;
  now?: () => Date;
  /** Checked between pages: a stopped engine must not write after the store may have closed. */
  isStopped?: () => boolean;
}

export interface PullOutcome extends ApplyOutcome {
  pages: number;
  snapshots: number;
}

/** Per page unless the platform's limits (from /v1/me) are lower. */
export const DEFAULT_PAGE_SIZE = 200;

class Stopped extends Error {}

/** A 400 whose detail names the stored token (`page` or `cursor`): the server will never take that one again. */
const refusedToken = (error: unknown, field: 'page' | 'cursor'): boolean =>
  isPlatformError(error, 'rejected') && error.status === 400 && error.protocolError?.detail === field;

/**
 * A full snapshot, page by page. Each page and the progress token land in one transaction, so an
 * interrupted snapshot resumes at the page it stopped at; the cursor is stored with the last page. It only
 * upserts and revokes: drafts, revisions and the outbox are never touched, and local tasks the snapshot does
 * not mention are left alone (no mass deletion on a server's say-so).
 */
const resnapshot = async (opts: Required<Omit<PullOptions, 'isStopped'>> & Pick<PullOptions, 'isStopped'>, out: PullOutcome): Promise<void> => {
  const { store, client } = opts;
  out.snapshots += 1;
  let progress = store.sync.get('snapshot') ?? { cursor: null, nextPage: null };
  if (store.sync.get('snapshot') === null) store.transaction(() => store.sync.set('snapshot', progress));
  let restarted = false;
  for (;;) {
    let page;
    try {
      page = await client.snapshot(progress.nextPage, opts.pageSize);
    } catch (error) {
      // A stored page token the server refuses (another server version, a restore, a corrupt value) is
      // refused forever: start this snapshot over from its first page, once. Only progress is dropped.
      if (refusedToken(error, 'page') && progress.nextPage !== null && !restarted && !opts.isStopped?.()) {
        restarted = true;
        progress = { cursor: null, nextPage: null };
        const fresh = progress;
        store.transaction(() => store.sync.set('snapshot', fresh));
        continue;
      }
      throw error;
    }
    if (opts.isStopped?.()) throw new Stopped('stopped');
    out.pages += 1;
    // A snapshot restarted by the server answers another cursor: then the saved page token is stale too.
    const cursor = progress.cursor ?? page.cursor;
    const at = opts.now().toISOString();
    store.transaction(() => {
      applyChanges(store, page.changes, at, out);
      if (page.nextPage === null) {
        store.sync.set('cursor', cursor);
        store.sync.set('snapshot', null);
      } else {
        store.sync.set('snapshot', { cursor, nextPage: page.nextPage });
      }
    });
    if (page.nextPage === null) return;
    progress = { cursor, nextPage: page.nextPage };
  }
};

/**
 * Pulls the change feed from the stored cursor until the server has no more. Each page is applied in one
 * local transaction together with its new cursor, so an interrupted pull resumes without duplicates. No
 * cursor yet, or an unfinished snapshot, means a snapshot first; 410 cursor_expired, or a stored cursor
 * refused with 400 (detail "cursor"), means a new snapshot (at most one per pull; a second is thrown for the
 * engine to retry later). A stored snapshot page token refused with 400 (detail "page") restarts that snapshot.
 */
export const pull = (options: PullOptions): Promise<PullOutcome> =>
  // One WAL checkpoint for the whole pull instead of one every few pages: each page is still its own synced transaction.
  options.store.withBatchedCheckpoints(() => pullPages(options));

const pullPages = async (options: PullOptions): Promise<PullOutcome> => {
  const opts = { pageSize: DEFAULT_PAGE_SIZE, now: () => new Date(), ...options };
  const { store, client } = opts;
  const out: PullOutcome = { ...emptyOutcome(), pages: 0, snapshots: 0 };
  if (store.sync.get('cursor') === null || store.sync.get('snapshot') !== null) await resnapshot(opts, out);
  for (;;) {
    const cursor = store.sync.get('cursor');
    let page;
    try {
      page = await client.changes(cursor, opts.pageSize);
    } catch (error) {
      // 410, or a stored cursor refused with 400 (detail "cursor"): either way the cursor is useless; a full
      // snapshot gives a new one. Drafts and the outbox are untouched.
      if ((isPlatformError(error, 'cursor_expired') || refusedToken(error, 'cursor')) && out.snapshots === 0 && !opts.isStopped?.()) {
        store.transaction(() => {
          store.sync.set('cursor', null);
          store.sync.set('snapshot', { cursor: null, nextPage: null });
        });
        await resnapshot(opts, out);
        continue;
      }
      throw error;
    }
    if (opts.isStopped?.()) throw new Stopped('stopped');
    out.pages += 1;
    const at = opts.now().toISOString();
    store.transaction(() => {
      applyChanges(store, page.changes, at, out);
      store.sync.set('cursor', page.cursor);
    });
    if (!page.hasMore) return out;
  }
};
