import { z } from 'zod';
import { ok, type Result } from '../domain';
import { toCanonicalAnnotationJsonl, toDpoJsonl, toHhRlhfJsonl, type AnnotatedTask } from './preference';
import { toPrm800kJsonl, toReasoningDpoJsonl, toSftChatJsonl, toTrlStepwiseJsonl } from './reasoning/exporters';
import { trajectoryExport, TRAJECTORY_EXPORT_FORMATS, type TrajectoryExportFormat } from './trajectory/exportFormats';

export const exportFormatSchema = z.enum([
  'dpo-jsonl',
  'hh-rlhf-jsonl',
  'canonical-annotations-jsonl',
  'prm800k-jsonl',
  'trl-stepwise-jsonl',
  'sft-chat-jsonl',
  'reasoning-dpo-jsonl',
  ...TRAJECTORY_EXPORT_FORMATS,
]);
export type ExportFormat = z.infer<typeof exportFormatSchema>;

export interface ExportedFile {
  fileName: string;
  text: string;
  /** Annotated tasks that went into the file. */
  tasks: number;
}

const FILE_STEM: Record<Exclude<ExportFormat, TrajectoryExportFormat>, string> = {
  'dpo-jsonl': 'preferences.dpo',
  'hh-rlhf-jsonl': 'preferences.hh-rlhf',
  'canonical-annotations-jsonl': 'annotations.assay',
  'prm800k-jsonl': 'reasoning.prm800k',
  'trl-stepwise-jsonl': 'reasoning.trl-stepwise',
  'sft-chat-jsonl': 'reasoning.sft',
  'reasoning-dpo-jsonl': 'reasoning.dpo',
};

const REASONING_EXPORTERS: Partial<Record<ExportFormat, (items: readonly AnnotatedTask[]) => Result<string>>> = {
  'prm800k-jsonl': (items) => toPrm800kJsonl(items),
  'trl-stepwise-jsonl': (items) => toTrlStepwiseJsonl(items),
  'sft-chat-jsonl': toSftChatJsonl,
  'reasoning-dpo-jsonl': toReasoningDpoJsonl,
};

/**
 * Writes submitted work as a training or interchange file. Preference formats take ranking tasks only, the
 * reasoning formats (PRM800K, TRL stepwise, SFT chat, reasoning DPO) reasoning tasks only, the trajectory formats
 * (source format, SFT with tool calls, step labels, SWE-bench predictions) trajectory tasks only;
 * the canonical annotation file takes every kind and round-trips losslessly.
 */
const isTrajectoryFormat = (format: ExportFormat): format is TrajectoryExportFormat => (TRAJECTORY_EXPORT_FORMATS as readonly string[]).includes(format);

/**
 * Every format is one or more lines per task, so a file can be written a page of tasks at a time (see
 * electron/core/export/chunkedExport.ts): `asLines` keeps a single trajectory in the one-per-line form of a
 * longer file.
 */
export function exportAnnotations(items: readonly AnnotatedTask[], format: ExportFormat, stamp: string, asLines = false): Result<ExportedFile> {
  if (isTrajectoryFormat(format)) return ok(trajectoryExport(items, format, stamp, asLines));
  const reasoningExporter = REASONING_EXPORTERS[format];
  if (reasoningExporter) {
    const reasoningOnly = items.filter((i) => i.task.payload.kind === 'reasoning' && i.annotation.kind === 'reasoning');
    const written = reasoningExporter(reasoningOnly);
    if (!written.ok) return written;
    return ok({ fileName: `${FILE_STEM[format]}.${stamp}.jsonl`, text: written.value, tasks: reasoningOnly.length });
  }
  const rankingOnly = items.filter((i) => i.task.payload.kind === 'ranking' && i.annotation.kind === 'ranking');
  const text: Result<string> =
    format === 'dpo-jsonl'
      ? toDpoJsonl(rankingOnly)
      : format === 'hh-rlhf-jsonl'
        ? toHhRlhfJsonl(rankingOnly)
        : ok(toCanonicalAnnotationJsonl(items.map((i) => ({ taskId: i.task.id, annotation: i.annotation }))));
  if (!text.ok) return text;
  const count = format === 'canonical-annotations-jsonl' ? items.length : rankingOnly.length;
  return ok({ fileName: `${FILE_STEM[format]}.${stamp}.jsonl`, text: text.value, tasks: count });
}
