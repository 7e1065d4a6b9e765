import { z } from 'zod';
import { SCHEMA_VERSION, annotationSchema, fail, idSchema, ok, type Annotation, type Result } from '../../domain';
import { DEFAULT_IMPORT_LIMITS, tooLargeFailure, type ImportLimits } from '../limits';
import { isBlank, splitLines, stripBom } from '../text';
import { failWithProblems, isJsonRecord, parseJson, zodProblem, type JsonRecord, type Problem } from './common';

/**
 * The canonical annotation file: JSON Lines, one `{schemaVersion, taskId, annotation}` per line, the
 * annotation exactly as stored (any kind). Writing then parsing gives back equal values; one bad line and
 * nothing is read.
 */

export interface TaskAnnotation {
  taskId: string;
  annotation: Annotation;
}

const lineSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION).default(SCHEMA_VERSION),
  taskId: idSchema,
  annotation: annotationSchema,
});

export const isCanonicalAnnotationRecord = (record: JsonRecord): boolean => typeof record.taskId === 'string' && isJsonRecord(record.annotation);

export const toCanonicalAnnotationJsonl = (items: readonly TaskAnnotation[]): string =>
  items.length === 0 ? '' : `${items.map(({ taskId, annotation }) => JSON.stringify({ schemaVersion: SCHEMA_VERSION, taskId, annotation })).join('\n')}\n`;

export const parseCanonicalAnnotationJsonl = (rawText: string, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): Result<TaskAnnotation[]> => {
  if (rawText.length > limits.maxChars) return tooLargeFailure(rawText.length, limits.maxChars);
  const items: TaskAnnotation[] = [];
  const problems: Problem[] = [];
  const lineOfTask = new Map<string, number>();
  for (const { lineNumber, text } of splitLines(stripBom(rawText))) {
    if (isBlank(text)) continue;
    const place = `line ${lineNumber}`;
    if (items.length + problems.length >= limits.maxTasks) {
      return fail('import_failed', `The file holds more than ${limits.maxTasks} annotations (${place} is past the limit). Split it into smaller files.`, place);
    }
    const parsed = parseJson(text);
    if ('error' in parsed) {
      problems.push({ place, field: '', what: `not valid JSON: ${parsed.error}` });
      continue;
    }
    const checked = lineSchema.safeParse(parsed.value);
    if (!checked.success) {
      problems.push(zodProblem(place, checked.error, parsed.value));
      continue;
    }
    const { taskId, annotation } = checked.data;
    const seenOn = lineOfTask.get(taskId);
    if (seenOn !== undefined) {
      problems.push({ place, field: 'taskId', what: `a second annotation for task ${JSON.stringify(taskId)} (the first is on line ${seenOn})` });
      continue;
    }
    lineOfTask.set(taskId, lineNumber);
    items.push({ taskId, annotation });
  }
  if (problems.length > 0) return failWithProblems(problems, 'line');
  return ok(items);
};
