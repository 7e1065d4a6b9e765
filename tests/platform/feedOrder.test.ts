import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPlatformStore, type PlatformStore } from '../../platform';
import { transaction } from '../../platform/store/database';
import { createTestDatabase, describePostgres } from '../support/postgres/engines';

/**
 * The change feed across processes: while one process writes a long transaction of changes and another
 * commits short ones in between, a reader paging with its cursor from a third must end up with every change
 * (a bare sequence would let a short transaction's later seq commit first, the reader's cursor move to it,
 * and the long one's earlier seqs commit behind the cursor). Three stores, three connection pools: to the
 * database, three processes.
 */
describePostgres('the change feed with several writers', () => {
  let database: { url: string; drop(): Promise<void> };
  const stores: PlatformStore[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    for (let i = 0; i < 3; i++) stores.push(await openPlatformStore(database.url));
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
    await database?.drop();
  });

  it('a cursor never passes a change that commits later: the reader sees every change exactly once', async () => {
    const [long, short, reader] = stores as [PlatformStore, PlatformStore, PlatformStore];
    const { user } = await long.addUser('feed', 'expert');
    const { user: other } = await long.addUser('other', 'expert');
    const change = (taskId: string) => ({ type: 'task_revoked' as const, at: new Date().toISOString(), taskId, reason: 'revoked' as const });
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    let writing = true;
    const seen: string[] = [];
    let cursor = 0;
    const readOnce = async () => {
      const page = await reader.feed.page(user.id, cursor, 500);
      for (const c of page.changes) if (c.type === 'task_revoked') seen.push(c.taskId);
      cursor = Number(Buffer.from(page.cursor, 'base64url').toString('utf8').slice(3));
    };
    const readerLoop = (async () => {
      while (writing) await readOnce();
    })();
    // The long writer: transactions of 20 changes for `feed`, drawing their seqs over ~60 ms (an import
    // telling holders about updated tasks, a bulk assignment).
    const longWriter = (async () => {
      for (let batch = 0; batch < 5; batch++) {
        await transaction(long.db, async (tx) => {
          for (let i = 0; i < 20; i++) {
            await long.feed.append(tx, user.id, change(`long-${batch}-${i}`));
            await sleep(3);
          }
        });
      }
    })();
    // The short writer, in another process: one change of another user per transaction. Each commit moves
    // the global head, which is where a reader's cursor goes when its page is complete.
    const shortWriter = (async () => {
      for (let i = 0; i < 60; i++) {
        await transaction(short.db, (tx) => short.feed.append(tx, other.id, change(`short-${i}`)));
        await sleep(2);
      }
    })();
    await Promise.all([longWriter, shortWriter]);
    writing = false;
    await readerLoop;
    await readOnce();

    expect(seen).toHaveLength(100);
    expect(new Set(seen).size).toBe(100);
  }, 120_000);
});
