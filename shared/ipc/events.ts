import { z } from 'zod';
import { idSchema } from '../domain';
import { syncStatusSchema } from './contract';

/** Everything the core tells the renderer unasked travels on this one channel. */
export const EVENT_CHANNEL = 'assay:event';

export const appEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('tasksChanged'), taskIds: z.array(idSchema) }),
  z.object({ type: z.literal('syncStatus'), status: syncStatusSchema }),
]);
export type AppEvent = z.infer<typeof appEventSchema>;
