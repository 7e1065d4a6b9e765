import { fail, ok, type Result, type Task } from '../domain';
import { parseCanonicalTasks } from './canonicalJsonl';
import { detectFormat } from './detectFormat';
import type { FormatId } from './detectors';
import { DEFAULT_IMPORT_LIMITS, tooLargeFailure, type ImportLimits } from './limits';
import { preferenceImporters } from './preference';
import { reasoningImporters } from './reasoning/importers';
import { trajectoryImporters } from './trajectory/importers';
import { firstNonBlankLine, stripBom } from './text';

/** The formats Assay can import today; keep in step with `importFormatSchema` in shared/ipc/contract.ts. */
export type ImportFormat = Extract<
  FormatId,
  | 'canonical-jsonl'
  | 'hh-rlhf'
  | 'oasst-tree'
  | 'alpaca-eval'
  | 'prm800k'
  | 'gsm8k'
  | 'math'
  | 'reasoning-model-solutions'
  | 'swe-agent-traj'
  | 'mini-swe-agent'
  | 'openhands-events'
  | 'openhands-output'
  | 'swe-bench-instance'
>;

export interface ImportedTasks {
  format: ImportFormat;
  tasks: Task[];
  /** The one project every task belongs to, or null when the file mixes projects. */
  project: string | null;
}

/** `parsed` is the whole document when detection already parsed it (so a large run is parsed once). */
type Importer = (text: string, limits: ImportLimits, parsed?: unknown) => Result<Task[]>;

const importers: Record<ImportFormat, Importer> = {
  'canonical-jsonl': parseCanonicalTasks,
  ...preferenceImporters,
  ...reasoningImporters,
  ...trajectoryImporters,
};

const isImportFormat = (format: FormatId): format is ImportFormat => Object.hasOwn(importers, format);

const EXPECTED =
  'Assay imports canonical Assay task JSONL (one JSON task object per line, each with a payload.kind), hh-rlhf JSONL, OASST message trees, AlpacaEval pairwise JSON, ' +
  'PRM800K labels, GSM8K, MATH / MATH-500 and model solutions to them, ' +
  'SWE-agent .traj, mini-swe-agent message lists, OpenHands event streams and evaluation output.jsonl, and SWE-bench instance JSONL';

const singleProject = (tasks: readonly Task[]): string | null => {
  const projects = new Set(tasks.map((t) => t.project));
  return projects.size === 1 ? (projects.values().next().value ?? null) : null;
};

/**
 * Which importer reads this text, or the failure to report. A file no detector recognises still goes to
 * the canonical parser when it looks like JSON Lines, so a broken line is reported by number instead of
 * the whole file being called unrecognisable.
 */
const chooseFormat = (fileName: string, text: string): Result<{ format: ImportFormat; document?: unknown }> => {
  const detection = detectFormat(text);
  if (detection.kind === 'known') {
    const { format, label } = detection.detector;
    if (isImportFormat(format)) return ok({ format, document: detection.document });
    return fail('import_failed', `This looks like ${label}; that format is not supported yet. ${EXPECTED}.`);
  }
  const namedJsonl = /\.(jsonl|ndjson)$/i.test(fileName.trim());
  const startsLikeObject = (firstNonBlankLine(text) ?? '').trimStart().startsWith('{');
  if (namedJsonl || (detection.kind === 'not-json' && startsLikeObject)) return ok({ format: 'canonical-jsonl' });
  const what = detection.kind === 'not-json' ? 'This file is not JSON' : 'Unrecognised format';
  return fail('import_failed', `${what}. ${EXPECTED}.`);
};

export const importTasksFromText = (fileName: string, rawText: string, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): Result<ImportedTasks> => {
  if (rawText.length > limits.maxChars) {
    return tooLargeFailure(rawText.length, limits.maxChars);
  }
  const text = stripBom(rawText);
  if (text.trim() === '') return fail('import_failed', `The file is empty. ${EXPECTED}.`);
  const format = chooseFormat(fileName, text);
  if (!format.ok) return format;
  const tasks = importers[format.value.format](text, limits, format.value.document);
  if (!tasks.ok) return tasks;
  return ok({ format: format.value.format, tasks: tasks.value, project: singleProject(tasks.value) });
};
