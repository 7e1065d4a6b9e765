import { z } from 'zod';
import { idSchema } from './common';

/** A repository-relative path: no absolute paths, no `..` segments, no backslashes, no NUL. */
export const repoPathSchema = z
  .string()
  .min(1)
  .max(1024)
  .refine((p) => !p.startsWith('/') && !/^[a-zA-Z]:/.test(p), 'path must be relative to the repository')
  .refine((p) => !p.includes('\\') && !p.includes('\0'), 'path must use / and contain no NUL')
  .refine((p) => p.split('/').every((seg) => seg !== '..' && seg !== ''), 'path must not contain .. or empty segments');

export const fileEditSchema = z.object({ path: repoPathSchema, before: z.string(), after: z.string() });
export type FileEdit = z.infer<typeof fileEditSchema>;

/** One structured tool call as the model emitted it: the tool's name and its arguments as JSON text, untouched. */
export const toolCallSchema = z.object({
  id: z.string().default(''),
  name: z.string(),
  /** The arguments exactly as the source wrote them (JSON text; may be invalid JSON in a broken run). */
  arguments: z.string().default('{}'),
});
export type ToolCall = z.infer<typeof toolCallSchema>;

/**
 * One step of an agent's run. Fields added after the first release default, so older drafts and tasks
 * (thought/action/observation/edits only) still parse: that is the migration.
 */
export const trajectoryStepSchema = z.object({
  id: idSchema,
  thought: z.string().default(''),
  /** The action as the agent wrote it (a command, code, or an editor call rendered as text). */
  action: z.string().default(''),
  toolCalls: z.array(toolCallSchema).default([]),
  observation: z.string().default(''),
  /** Set only in the copy a workspace opens: the observation there is the head, and this is the whole length. */
  observationChars: z.number().int().min(0).nullable().default(null),
  edits: z.array(fileEditSchema).default([]),
  /** Seconds the action took to run, when the source says. */
  elapsedSeconds: z.number().min(0).nullable().default(null),
  /** When the step started, as the source wrote it (ISO text), when it says. */
  startedAt: z.string().nullable().default(null),
});
export type TrajectoryStep = z.infer<typeof trajectoryStepSchema>;
export type TrajectoryStepInput = z.input<typeof trajectoryStepSchema>;

export const trajectorySourceFormatSchema = z.enum(['swe-agent-traj', 'mini-swe-agent', 'openhands-events', 'openhands-output', 'swe-bench-instance']);
export type TrajectorySourceFormat = z.infer<typeof trajectorySourceFormatSchema>;

/** The record the run was imported from, verbatim, so an unedited run exports byte for byte. */
export const trajectorySourceSchema = z.object({
  format: trajectorySourceFormatSchema,
  text: z.string(),
  /** True in the copy a workspace opens: the text stays in the store (exports read it there), not on screen. */
  omitted: z.boolean().default(false),
});
export type TrajectorySource = z.infer<typeof trajectorySourceSchema>;

export const trajectoryPayloadSchema = z.object({
  kind: z.literal('trajectory'),
  problemStatement: z.string().min(1),
  repository: z.object({
    name: z.string().min(1),
    baseCommit: z.string().default(''),
    files: z.array(z.object({ path: repoPathSchema, content: z.string() })).default([]),
  }),
  /** Empty for a task to write a trajectory from scratch (a SWE-bench instance). */
  steps: z.array(trajectoryStepSchema).default([]),
  /** The patch the run submitted (unified diff), or ''. */
  patch: z.string().default(''),
  /** How the run ended (`submitted`, `exit_cost`, ...), or ''. */
  exitStatus: z.string().default(''),
  /** Which instance of a benchmark this is (SWE-bench `instance_id`), or ''. */
  instanceId: z.string().default(''),
  source: trajectorySourceSchema.nullable().default(null),
});
export type TrajectoryPayload = z.infer<typeof trajectoryPayloadSchema>;
export type TrajectoryPayloadInput = z.input<typeof trajectoryPayloadSchema>;

export const stepLabelSchema = z.enum(['good', 'neutral', 'bad']);
export type StepLabel = z.infer<typeof stepLabelSchema>;

export const trajectoryAnnotationSchema = z.object({
  kind: z.literal('trajectory'),
  stepLabels: z.record(idSchema, stepLabelSchema).default({}),
  firstWrongStepId: idSchema.nullable().default(null),
  stepComments: z.record(idSchema, z.string()).default({}),
  editedSteps: z.record(idSchema, trajectoryStepSchema).default({}),
  /** Steps after this one are dropped and replaced by newSteps; null keeps the whole run. */
  truncateAfterStepId: idSchema.nullable().default(null),
  newSteps: z.array(trajectoryStepSchema).default([]),
  /** The expert's final patch. Older drafts wrote '' for "untouched": see `effectivePatch` in shared/trajectory. */
  finalPatch: z.string().default(''),
  /** True once the expert changed the patch (so an emptied patch stays empty). */
  finalPatchEdited: z.boolean().default(false),
});
export type TrajectoryAnnotation = z.infer<typeof trajectoryAnnotationSchema>;
