import { z } from 'zod';
import { exportFormatSchema } from '../formats/exportAnnotations';
import {
  annotationSchema,
  draftSchema,
  openTaskSchema,
  settingsPatchSchema,
  settingsSchema,
  submissionSchema,
  taskKindSchema,
  taskStatusSchema,
  taskSummarySchema,
  idSchema,
  isoTimeSchema,
} from '../domain';

const operation = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });
const noInput = z.object({}).strict();

export const importFormatSchema = z.enum([
  'canonical-jsonl',
  'hh-rlhf',
  'oasst-tree',
  'alpaca-eval',
  'swe-agent-traj',
  'mini-swe-agent',
  'openhands-events',
  'openhands-output',
  'swe-bench-instance',
]);

export const appInfoSchema = z.object({
  version: z.string(),
  /** 'electron' in the desktop app, 'harness' in the browser harness. */
  shell: z.enum(['electron', 'harness', 'test']),
  dataDir: z.string(),
  /** Seeds the per-annotator blind order of responses. */
  annotatorId: z.string(),
  taskCount: z.number().int(),
  /** Set when the store had to be moved aside at startup: what happened and what to do, in plain words. */
  storeNotice: z.string().nullable(),
});

export const listTasksInputSchema = z
  .object({
    kind: taskKindSchema.optional(),
    project: z.string().max(200).optional(),
    status: taskStatusSchema.optional(),
    query: z.string().max(500).optional(),
  })
  .strict();

export const syncStatusSchema = z.object({
  state: z.enum(['online', 'offline', 'syncing', 'local']),
  pending: z.number().int().min(0),
  lastSyncAt: isoTimeSchema.nullable(),
  lastError: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

/** The platform account the app syncs with, as the renderer sees it (the token never leaves the core). */
export const syncAccountSchema = z.object({
  platformUrl: z.string(),
  userName: z.string(),
  role: z.enum(['expert', 'reviewer', 'admin']),
  signedInAt: isoTimeSchema,
});
export type SyncAccountInfo = z.infer<typeof syncAccountSchema>;

/** One row of the sync panel: a change waiting or failed, or something set aside in quarantine. */
export const syncItemSchema = z.object({
  /** `outbox:<n>` or `quarantine:<n>`; what retrySyncItem takes. */
  id: z.string(),
  kind: z.enum(['pending', 'failed', 'quarantined']),
  /** Empty when the platform sent something too broken to name its task. */
  taskId: z.string(),
  taskTitle: z.string().nullable(),
  what: z.enum(['save_draft', 'submit', 'task']),
  /** Why it failed or waits, in words a person can act on. */
  message: z.string().nullable(),
  createdAt: isoTimeSchema,
  attempts: z.number().int().min(0),
  canRetry: z.boolean(),
});
export type SyncItem = z.infer<typeof syncItemSchema>;

export const syncItemListSchema = z.object({
  items: z.array(syncItemSchema),
  counts: z.object({ pending: z.number().int().min(0), failed: z.number().int().min(0), quarantined: z.number().int().min(0) }),
});

/** Whether the encrypted store is open, or waits for the passphrase (Linux without a keyring). */
export const vaultStateSchema = z.object({
  state: z.enum(['ready', 'needs_passphrase', 'new_passphrase']),
});
export const MIN_PASSPHRASE_LENGTH = 12;

/** Every operation the renderer may ask of the core, declared once. */
export const contract = {
  getVaultState: operation(noInput, vaultStateSchema),
  unlockVault: operation(z.object({ passphrase: z.string().min(1).max(1024) }).strict(), vaultStateSchema),
  getAppInfo: operation(noInput, appInfoSchema),
  listTasks: operation(
    listTasksInputSchema,
    z.object({ tasks: z.array(taskSummarySchema), projects: z.array(z.string()), total: z.number().int() }),
  ),
  openTask: operation(z.object({ id: idSchema }).strict(), openTaskSchema),
  /** The whole observation of a trajectory step (openTask carries only the head of a long one). */
  getStepObservation: operation(z.object({ taskId: idSchema, stepId: idSchema }).strict(), z.object({ text: z.string() })),
  saveDraft: operation(
    z
      .object({
        taskId: idSchema,
        annotation: annotationSchema,
        activeSeconds: z.number().min(0).max(1e7),
      })
      .strict(),
    draftSchema,
  ),
  submitTask: operation(z.object({ taskId: idSchema }).strict(), submissionSchema),
  loadDemo: operation(noInput, z.object({ imported: z.number().int() })),
  importTasks: operation(
    z.object({ fileName: z.string().max(1000), text: z.string().max(512 * 1024 * 1024) }).strict(),
    z.object({ format: importFormatSchema, imported: z.number().int(), project: z.string().nullable() }),
  ),
  getSettings: operation(noInput, settingsSchema),
  updateSettings: operation(settingsPatchSchema, settingsSchema),
  getSyncStatus: operation(noInput, syncStatusSchema),
  openExternal: operation(z.object({ url: z.string().max(4096) }).strict(), z.object({ opened: z.boolean() })),
  getSyncAccount: operation(noInput, z.object({ account: syncAccountSchema.nullable(), workOffline: z.boolean() })),
  signIn: operation(
    z.object({ platformUrl: z.string().min(1).max(2048), token: z.string().min(1).max(1024) }).strict(),
    z.object({ account: syncAccountSchema }),
  ),
  signOut: operation(noInput, syncStatusSchema),
  syncNow: operation(noInput, syncStatusSchema),
  setWorkOffline: operation(z.object({ offline: z.boolean() }).strict(), syncStatusSchema),
  /** The OS says the network went away or came back: pause, or retry at once with a fresh backoff. */
  setNetworkAvailable: operation(z.object({ available: z.boolean() }).strict(), syncStatusSchema),
  listSyncItems: operation(noInput, syncItemListSchema),
  retrySyncItem: operation(z.object({ id: z.string().min(1).max(100) }).strict(), syncStatusSchema),
  exportAnnotations: operation(
    z.object({ format: exportFormatSchema, project: z.string().max(200).optional() }).strict(),
    z.object({ fileName: z.string(), text: z.string(), tasks: z.number().int().min(0) }),
  ),
} as const;

export type Contract = typeof contract;
export type OperationName = keyof Contract;
export type InputOf<N extends OperationName> = z.input<Contract[N]['input']>;
export type ParsedInputOf<N extends OperationName> = z.output<Contract[N]['input']>;
export type OutputOf<N extends OperationName> = z.output<Contract[N]['output']>;

export const operationNames = Object.keys(contract) as OperationName[];
export const isOperationName = (name: string): name is OperationName => Object.hasOwn(contract, name);
export const channelOf = (name: OperationName): string => `assay:${name}`;
