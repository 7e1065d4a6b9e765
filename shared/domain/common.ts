import { z } from 'zod';

export const SCHEMA_VERSION = 1 as const;

export const idSchema = z.string().min(1).max(200);
export const isoTimeSchema = z.iso.datetime({ offset: true });

export const messageSchema = z.object({
  role: z.enum(['system', 'user', 'assistant', 'tool']),
  content: z.string(),
});
export type Message = z.infer<typeof messageSchema>;
