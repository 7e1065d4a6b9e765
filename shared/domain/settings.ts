import { z } from 'zod';
import { idSchema } from './common';

export const themePreferenceSchema = z.enum(['system', 'light', 'dark']);
const settingFields = {
  theme: themePreferenceSchema,
  /** Display name shown on submissions made offline before the platform knows who this is. */
  displayName: z.string().max(200),
  /** Seconds without input after which the active-time clock stops. */
  idleAfterSeconds: z.number().int().min(10).max(3600),
  /** The task that was open when the app last closed (null: it closed on another screen); reopened at start. */
  reopenTaskId: idSchema.nullable(),
};

export const settingsSchema = z.object({
  theme: settingFields.theme.default('system'),
  displayName: settingFields.displayName.default(''),
  idleAfterSeconds: settingFields.idleAfterSeconds.default(60),
  reopenTaskId: settingFields.reopenTaskId.default(null),
});
/** A change to some settings: no defaults, so the keys left out stay as they are. */
export const settingsPatchSchema = z.object(settingFields).partial().strict();
export type Settings = z.infer<typeof settingsSchema>;
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});
