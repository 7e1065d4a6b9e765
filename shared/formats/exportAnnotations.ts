import { z } from 'zod';
import { ok, type Result } from '../domain';
import { toCanonicalAnnotationJsonl, toDpoJsonl, toHhRlhfJsonl, type AnnotatedTask } from './preference';
import { trajectoryExport, TRAJECTORY_EXPORT_FORMATS, type TrajectoryExportFormat } from './trajectory/exportFormats';

export const exportFormatSchema = z.enum(['dpo-jsonl', 'hh-rlhf-jsonl', 'canonical-annotations-jsonl', ...TRAJECTORY_EXPORT_FORMATS]);
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
};

/**
 * Writes submitted work as a training or interchange file. Preference formats take ranking tasks only;
 * the canonical annotation file takes every kind and round-trips losslessly.
 */
export function exportAnnotations(items: readonly AnnotatedTask[], format: ExportFormat, stamp: string): Result<ExportedFile> {
  if (format !== 'dpo-jsonl' && format !== 'hh-rlhf-jsonl' && format !== 'canonical-annotations-jsonl') return ok(trajectoryExport(items, format, stamp));
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
