import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '@shared/domain';
import type { Db } from './database';

type SettingKey = keyof Settings;
const settingKeys = Object.keys(settingsSchema.shape) as SettingKey[];

/** One row per setting, so adding a setting later needs no migration and a bad value spoils only itself. */
export const createSettingsRepository = (db: Db) => {
  const selectAll = db.prepare<[], { key: string; value_json: string }>('SELECT key, value_json FROM settings');
  const upsertRow = db.prepare<[string, string]>(
    'INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json',
  );

  const get = (): Settings => {
    const stored = new Map(selectAll.all().map((r) => [r.key, r.value_json]));
    const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const key of settingKeys) {
      const json = stored.get(key);
      if (json === undefined) continue;
      try {
        const parsed = settingsSchema.shape[key].safeParse(JSON.parse(json));
        if (parsed.success) merged[key] = parsed.data;
      } catch {
        // An unreadable value falls back to its default rather than blocking the app.
      }
    }
    return settingsSchema.parse(merged);
  };

  return {
    get,
    update(changes: Partial<Settings>): Settings {
      // Field by field, not settingsSchema.partial(): that would fill every absent key with its default.
      const present = settingKeys.filter((key) => changes[key] !== undefined);
      const values = present.map((key) => [key, settingsSchema.shape[key].parse(changes[key])] as const);
      db.transaction(() => {
        for (const [key, value] of values) upsertRow.run(key, JSON.stringify(value));
      }).immediate();
      return get();
    },
  };
};
export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
