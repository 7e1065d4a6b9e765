import { sql } from 'kysely';
import { parseAppVersion } from '../../shared/sync/appVersion';
import type { StoreContext } from './context';
import { one, run } from './database';
import { PlatformError } from './errors';

const KEY = 'min_app_version';

/** The oldest app version allowed to sync, kept in the store's meta table (none: every version syncs). */
export const createMinAppVersionSetting = ({ db }: StoreContext) => {
  return {
    get: async (): Promise<string | null> => (await one<{ value: string }>(db.kysely, sql`SELECT value FROM meta WHERE key = ${KEY}`))?.value ?? null,
    async set(version: string): Promise<string> {
      const trimmed = version.trim();
      if (parseAppVersion(trimmed) === null) throw new PlatformError('invalid', `${JSON.stringify(version)} is not a version such as 0.2.0 or 0.3.0-beta.1`);
      await run(db.kysely, sql`INSERT INTO meta (key, value) VALUES (${KEY}, ${trimmed}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
      return trimmed;
    },
    clear: async (): Promise<void> => void (await run(db.kysely, sql`DELETE FROM meta WHERE key = ${KEY}`)),
  };
};
export type MinAppVersionSetting = ReturnType<typeof createMinAppVersionSetting>;
