import { z } from 'zod';
import { isoTimeSchema } from '../domain';
import { updateChannelSchema } from '../updates/updatePolicy';

/** Where the app's update stands, as Settings shows it. */
export const updateStatusSchema = z.object({
  channel: updateChannelSchema,
  currentVersion: z.string(),
  state: z.enum([
    /** Not signed in to a platform (the feed is the platform's), or no updater in this shell. */
    'unavailable',
    'idle',
    'checking',
    'up_to_date',
    'downloading',
    /** Downloaded and its SHA-512 checked; waits for a restart. */
    'ready',
    'error',
  ]),
  availableVersion: z.string().nullable(),
  /** 0-100 while downloading. */
  percent: z.number().min(0).max(100).nullable(),
  /** Ready, and no save is being written: the restart button may be shown. */
  restartOffered: z.boolean(),
  /** Why it is unavailable, why an update is not taken yet (staged rollout), or what went wrong. */
  message: z.string().nullable(),
  lastCheckAt: isoTimeSchema.nullable(),
  /** Grows with every change the core announces: when an answer and an event cross, the newer one wins. */
  seq: z.number().int().min(0),
});
export type UpdateStatus = z.infer<typeof updateStatusSchema>;

export const updateOperations = {
  getUpdateStatus: { input: z.object({}).strict(), output: updateStatusSchema },
  /** Checks the channel's feed now, and downloads a newer release in the background. */
  checkForUpdates: { input: z.object({}).strict(), output: updateStatusSchema },
  setUpdateChannel: { input: z.object({ channel: updateChannelSchema }).strict(), output: updateStatusSchema },
  /** Quits and installs the downloaded update; refused while a save is being written. */
  restartToUpdate: { input: z.object({}).strict(), output: updateStatusSchema },
} as const;
