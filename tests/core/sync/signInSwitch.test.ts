import { describe, expect, it } from 'vitest';
import { createAppEvents } from '../../../electron/core/events';
import { PlatformRequestError, type PlatformClient } from '../../../electron/core/sync/platformClient';
import { createSyncEngine, type ClientFactory } from '../../../electron/core/sync/syncEngine';
import { openTestStore } from '../../support/testStore';
import { useTempDirs } from '../../support/tempDir';

const tempDir = useTempDirs();

const meFor = (id: string) => ({
  protocolVersion: 1 as const,
  user: { id, name: id, role: 'expert' as const },
  serverTime: new Date().toISOString(),
  leaseSeconds: 3600,
  limits: { maxPageSize: 200, maxMutationsPerPush: 100, maxJsonBodyBytes: 1_000_000, maxBlobBytes: 1_000_000 },
});

/**
 * Token "a-token": a platform whose snapshot never answers (until the request is aborted). Token "b-token":
 * an empty account at cursor "b-cursor".
 */
const fakePlatform = () => {
  const signals: AbortSignal[] = [];
  const factory: ClientFactory = (credentials, signal) => {
    const user = credentials.token === 'a-token' ? 'user-a' : 'user-b';
    const client: PlatformClient = {
      baseUrl: credentials.platformUrl,
      me: () => Promise.resolve(meFor(user)),
      push: () => Promise.resolve({ results: [], lastMutationId: 0 }),
      snapshot: () => {
        if (user === 'user-b') return Promise.resolve({ changes: [], cursor: 'b-cursor', nextPage: null });
        signals.push(signal);
        return new Promise((_, reject) => {
          const fail = () => reject(new PlatformRequestError('network', 'Could not reach the platform: aborted'));
          if (signal.aborted) fail();
          else signal.addEventListener('abort', fail, { once: true });
        });
      },
      changes: () => Promise.resolve({ changes: [], cursor: 'b-cursor', hasMore: false }),
      reviewQueue: () => Promise.resolve({ items: [] }),
      postReview: () => Promise.reject(new Error('not used')),
      postCommentReply: () => Promise.reject(new Error('not used')),
    };
    return client;
  };
  return { factory, signals };
};

describe('signIn while a sync is running', () => {
  it('aborts the running sync and waits for it to end before storing the new account', async () => {
    const { store } = openTestStore(tempDir());
    const platform = fakePlatform();
    const engine = createSyncEngine({ store, events: createAppEvents(), createClient: platform.factory, autoSync: false });
    try {
      await engine.signIn('http://127.0.0.1:9', 'a-token');
      const order: string[] = [];
      const running = engine.syncOnce().then(() => order.push('old sync ended'));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(platform.signals).toHaveLength(1);
      expect(engine.status().state).toBe('syncing');

      await engine.signIn('http://127.0.0.1:9', 'b-token');
      order.push('signed in');
      await running;

      expect(platform.signals[0]?.aborted).toBe(true);
      expect(order).toEqual(['old sync ended', 'signed in']);
      // Nothing of the old account's sync is left over the new one: no stale error, snapshot progress or cursor.
      expect(store.sync.get('account')?.userId).toBe('user-b');
      expect(store.sync.get('lastError')).toBeNull();
      expect(store.sync.get('snapshot')).toBeNull();
      expect(store.sync.get('cursor')).toBeNull();

      const status = await engine.syncOnce();
      expect(status).toMatchObject({ state: 'online', lastError: null });
      expect(store.sync.get('cursor')).toBe('b-cursor');
    } finally {
      engine.stop();
      store.close();
    }
  });
});
