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
  taskSchema,
  taskSummarySchema,
  statusCountsSchema,
  idSchema,
  isoTimeSchema,
} from '../domain';
import { commentReplyOperations } from './commentReplies';
import { exportFileOperations } from './exportFile';
import { reviewOperations } from './review';
import { reviewQualityOperations } from './reviewQuality';
import { updateOperations } from './updates';

const operation = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });
const noInput = z.object({}).strict();

export const importFormatSchema = z.enum([
  'canonical-jsonl',
  'hh-rlhf',
  'oasst-tree',
  'alpaca-eval',
  'prm800k',
  'gsm8k',
  'math',
  'reasoning-model-solutions',
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

/** The most text one appendImport call carries (the renderer sends 4 MB chunks). */
export const IMPORT_CHUNK_MAX_CHARS = 16 * 1024 * 1024;

/** The most rows one listTasks call returns: the inbox asks for windows of this size as it scrolls. */
export const INBOX_WINDOW_MAX = 200;

export const listTasksInputSchema = z
  .object({
    kind: taskKindSchema.optional(),
    project: z.string().max(200).optional(),
    status: taskStatusSchema.optional(),
    query: z.string().max(500).optional(),
    /** The window: from this row of the matching ones, or right after the row whose `cursor` this is. */
    offset: z.number().int().min(0).optional(),
    after: z.string().max(400).optional(),
    limit: z.number().int().min(1).max(INBOX_WINDOW_MAX).default(INBOX_WINDOW_MAX),
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
    z.object({
      tasks: z.array(taskSummarySchema),
      /** Where tasks[0] stands among the matching rows. */
      offset: z.number().int().min(0),
      /** Rows the filters match, and of them how many have each status. */
      matching: z.number().int().min(0),
      counts: statusCountsSchema,
      projects: z.array(z.string()),
      /** Every task on this computer, whatever the filters. */
      total: z.number().int(),
      /** Tasks a large import landed that search does not find yet: the core is indexing them (a searchIndex event follows). */
      searchPending: z.number().int().min(0),
    }),
  ),
  /** The rows a tasksChanged event named, to refresh them in place. */
  getTaskSummaries: operation(
    z.object({ ids: z.array(idSchema).max(1000) }).strict(),
    z.object({ tasks: z.array(taskSummarySchema) }),
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
        /** The version of the task the workspace shows; a save is refused when the draft would go with another. */
        taskVersion: z.number().int().min(1).optional(),
      })
      .strict(),
    draftSchema,
  ),
  submitTask: operation(z.object({ taskId: idSchema }).strict(), submissionSchema),
  /** A newer version of the task arrived: keep working on the draft's version, or start over on the newest. */
  resolveTaskVersion: operation(z.object({ taskId: idSchema, choice: z.enum(['keep', 'start_over']) }).strict(), openTaskSchema),
  /** One revision of an earlier draft, read-only, with the version of the task it was made against. */
  openDraftRevision: operation(z.object({ taskId: idSchema, revision: z.number().int().min(1) }).strict(), z.object({ task: taskSchema, draft: draftSchema })),
  loadDemo: operation(noInput, z.object({ imported: z.number().int() })),
  importTasks: operation(
    z.object({ fileName: z.string().max(1000), text: z.string().max(512 * 1024 * 1024) }).strict(),
    z.object({ format: importFormatSchema, imported: z.number().int(), project: z.string().nullable() }),
  ),
  /** A file read in chunks, with progress: begin, append each chunk in order, then finish (or cancel). */
  beginImport: operation(
    z.object({ fileName: z.string().max(1000), size: z.number().int().min(0) }).strict(),
    z.object({ importId: z.string() }),
  ),
  appendImport: operation(
    z.object({ importId: z.string().max(100), text: z.string().max(IMPORT_CHUNK_MAX_CHARS) }).strict(),
    z.object({ tasksRead: z.number().int().min(0) }),
  ),
  finishImport: operation(
    z.object({ importId: z.string().max(100) }).strict(),
    z.object({ format: importFormatSchema, imported: z.number().int(), project: z.string().nullable() }),
  ),
  cancelImport: operation(z.object({ importId: z.string().max(100) }).strict(), z.object({ cancelled: z.boolean() })),
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
  /** An export written a page of tasks at a time (see electron/core/export/chunkedExport.ts): begin, read until done, or cancel. */
  beginExport: operation(
    z.object({ format: exportFormatSchema, project: z.string().max(200).optional() }).strict(),
    z.object({ exportId: z.string(), fileName: z.string(), total: z.number().int().min(0) }),
  ),
  readExport: operation(
    z.object({ exportId: z.string().max(100) }).strict(),
    z.object({ text: z.string(), considered: z.number().int().min(0), exported: z.number().int().min(0), done: z.boolean() }),
  ),
  cancelExport: operation(z.object({ exportId: z.string().max(100) }).strict(), z.object({ cancelled: z.boolean() })),
  ...exportFileOperations,
  ...reviewOperations,
  ...reviewQualityOperations,
  ...updateOperations,
  ...commentReplyOperations,
} as const;

export type Contract = typeof contract;
export type OperationName = keyof Contract;
export type InputOf<N extends OperationName> = z.input<Contract[N]['input']>;
export type ParsedInputOf<N extends OperationName> = z.output<Contract[N]['input']>;
export type OutputOf<N extends OperationName> = z.output<Contract[N]['output']>;

export const operationNames = Object.keys(contract) as OperationName[];
export const isOperationName = (name: string): name is OperationName => Object.hasOwn(contract, name);
export const channelOf = (name: OperationName): string => `assay:${name}`;
