import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../electron/core/store/store';
import { useTempDirs } from '../../support/tempDir';
import { openTestStore } from '../../support/testStore';

const tempDir = useTempDirs();
let store: Store;
afterEach(() => store.close());

describe('settings repository', () => {
  it('answers defaults, then changes only the settings given', () => {
    store = openTestStore(tempDir()).store;
    expect(store.settings.get()).toEqual({ theme: 'system', displayName: '', idleAfterSeconds: 60, reopenTaskId: null });
    store.settings.update({ displayName: 'Ada' });
    expect(store.settings.update({ theme: 'dark' })).toEqual({ theme: 'dark', displayName: 'Ada', idleAfterSeconds: 60, reopenTaskId: null });
  });

  it('falls back to the default for a stored value that no longer parses, keeping the rest', () => {
    store = openTestStore(tempDir()).store;
    store.settings.update({ displayName: 'Ada' });
    store.db.prepare("INSERT INTO settings (key, value_json) VALUES ('theme', '\"sepia\"'), ('idleAfterSeconds', 'not json')").run();
    expect(store.settings.get()).toEqual({ theme: 'system', displayName: 'Ada', idleAfterSeconds: 60, reopenTaskId: null });
  });

  it('rejects an invalid value without writing anything', () => {
    store = openTestStore(tempDir()).store;
    expect(() => store.settings.update({ displayName: 'Ada', idleAfterSeconds: 5 })).toThrow();
    expect(store.settings.get().displayName).toBe('');
  });
});
