import { parseAppVersion } from '../../shared/sync/appVersion';
import type { StoreContext } from './context';
import { PlatformError } from './errors';

const KEY = 'min_app_version';

/** The oldest app version allowed to sync, kept in the store's meta table (none: every version syncs). */
export const createMinAppVersionSetting = (ctx: StoreContext) => {
  const read = ctx.db.prepare<[string], string>('SELECT value FROM meta WHERE key = ?').pluck();
  const write = ctx.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const remove = ctx.db.prepare('DELETE FROM meta WHERE key = ?');
  return {
    get: (): string | null => read.get(KEY) ?? null,
    set(version: string): string {
      const trimmed = version.trim();
      if (parseAppVersion(trimmed) === null) throw new PlatformError('invalid', `${JSON.stringify(version)} is not a version such as 0.2.0 or 0.3.0-beta.1`);
      write.run(KEY, trimmed);
      return trimmed;
    },
    clear: (): void => void remove.run(KEY),
  };
};
export type MinAppVersionSetting = ReturnType<typeof createMinAppVersionSetting>;
