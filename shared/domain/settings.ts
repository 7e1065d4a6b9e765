import { z } from 'zod';

export const themePreferenceSchema = z.enum(['system', 'light', 'dark']);
export const settingsSchema = z.object({
  theme: themePreferenceSchema.default('system'),
  /** Display name shown on submissions made offline before the platform knows who this is. */
  displayName: z.string().max(200).default(''),
  /** Seconds without input after which the active-time clock stops. */
  idleAfterSeconds: z.number().int().min(10).max(3600).default(60),
});
export type Settings = z.infer<typeof settingsSchema>;
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});
