import { z } from 'zod';
import { idSchema } from '../domain';
import { syncStatusSchema } from './contract';
import { updateStatusSchema } from './updates';

/** Everything the core tells the renderer unasked travels on this one channel. */
export const EVENT_CHANNEL = 'assay:event';

export const appEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('tasksChanged'),
    taskIds: z.array(idSchema),
    /** Of those, the tasks a pull from the platform changed (a new version may have arrived), as opposed to local work. */
    pulled: z.array(idSchema).optional(),
  }),
  z.object({ type: z.literal('syncStatus'), status: syncStatusSchema }),
  /** A reviewer's queue was pulled afresh from the platform. */
  z.object({ type: z.literal('reviewQueueChanged') }),
  /** The app's update moved on (checking, downloading n%, ready, error). */
  z.object({ type: z.literal('updateStatus'), status: updateStatusSchema }),
  /** Indexing for search moved on: this many tasks are still not searchable (0: search covers every task again). */
  z.object({ type: z.literal('searchIndex'), pending: z.number().int().min(0) }),
]);
export type AppEvent = z.infer<typeof appEventSchema>;
