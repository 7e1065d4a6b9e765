import { fail, ok, taskSchema, type CandidateResponse, type Message, type Result, type Task } from '../../domain';
import { hashHex } from '../../ranking/hash';
import { describeIssue, formatFieldPath } from '../describeIssue';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from '../limits';
import { firstNonBlankLine, stripBom } from '../text';
import type { z } from 'zod';

export type PreferenceSource = 'hh-rlhf' | 'oasst' | 'alpaca-eval';

/**
 * The judgement the source data already holds (hh-rlhf's chosen side, OASST's human ranks, AlpacaEval's judge).
 * It is kept OUT of the task on purpose: the task is what the expert sees, and any trace of the source
 * preference in it (response ids, order, guidelines) would unblind them. Callers that want to measure agreement
 * with the source keep these references beside the tasks; task ids are derived from the content, so
 * re-importing the same file finds the same ids.
 */
export interface SourcePreference {
  taskId: string;
  source: PreferenceSource;
  /** Response id -> rank (1 best, equal = tie), in the same form as an annotation's ranks. */
  ranks: Record<string, number>;
  /** Who judged, when the source says (AlpacaEval's annotator, e.g. an LLM judge); null otherwise. */
  annotator: string | null;
}

export interface PreferenceImportItem {
  task: Task;
  reference: SourcePreference | null;
}

export interface PreferenceImportOptions {
  /** The project every imported task belongs to; each format has a default. */
  project?: string;
  limits?: ImportLimits;
}

export const resolveOptions = (options: PreferenceImportOptions | undefined, defaultProject: string): { project: string; limits: ImportLimits } => ({
  project: options?.project ?? defaultProject,
  limits: options?.limits ?? DEFAULT_IMPORT_LIMITS,
});

/** One problem in a source file: where ("line 3" / "item 2") and, when known, which field. */
export interface Problem {
  place: string;
  field: string;
  what: string;
}

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** Fails with the first problem, naming its place and field, and says nothing was imported. */
export const failWithProblems = (problems: readonly Problem[], unit: 'line' | 'item'): Result<never> => {
  const [first] = problems;
  if (first === undefined) return fail('import_failed', 'The file holds no tasks');
  const more = problems.length - 1;
  const suffix = more === 0 ? '' : ` (and ${more} more ${more === 1 ? unit : `${unit}s`} with problems; nothing was imported)`;
  const where = capitalized(first.place);
  const message = first.field === '' ? `${where}: ${first.what}` : `${where}: ${first.field}: ${first.what}`;
  return fail('import_failed', `${message}${suffix}`, first.field === '' ? first.place : `${first.place}, field ${first.field}`);
};

export const zodProblem = (place: string, error: z.ZodError, input: unknown, prefix = ''): Problem => {
  const [issue] = error.issues;
  if (issue === undefined) return { place, field: prefix, what: 'invalid record' };
  const path = formatFieldPath(issue.path);
  const field = prefix === '' ? path : path === '' ? prefix : path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
  return { place, field, what: describeIssue(issue, input) };
};

const MAX_JSON_ERROR_CHARS = 160;
export const jsonErrorText = (error: unknown): string => {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > MAX_JSON_ERROR_CHARS ? `${text.slice(0, MAX_JSON_ERROR_CHARS - 3)}...` : text;
};

export const parseJson = (text: string): { value: unknown } | { error: string } => {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { error: jsonErrorText(error) };
  }
};

export type JsonRecord = Record<string, unknown>;
export const isJsonRecord = (value: unknown): value is JsonRecord => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The record a text-level detector judges: the first JSON Lines record, or the first element of a JSON array document. */
export const sampleRecord = (rawText: string): JsonRecord | null => {
  const text = stripBom(rawText);
  const line = firstNonBlankLine(text);
  if (line === null) return null;
  let parsed = parseJson(line);
  if ('error' in parsed && /^\s*\[/.test(line)) parsed = parseJson(text);
  if ('error' in parsed) return null;
  const sample = Array.isArray(parsed.value) ? (parsed.value as unknown[])[0] : parsed.value;
  return isJsonRecord(sample) ? sample : null;
};

const MAX_TITLE_CHARS = 100;

/** The first line of the last user turn, shortened: what an expert recognises in the inbox. */
export const titleFor = (conversation: readonly Message[], fallback: string): string => {
  const lastUser = [...conversation].reverse().find((m) => m.role === 'user') ?? conversation[0];
  const line = (lastUser?.content ?? '').split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
  if (line === '') return fallback;
  const chars = [...line];
  return chars.length > MAX_TITLE_CHARS ? `${chars.slice(0, MAX_TITLE_CHARS - 1).join('')}…` : line;
};

/**
 * Deterministic ids from the content; a record that repeats earlier in the same file gets `-2`, `-3`... so
 * every id in a file is unique and re-importing the file gives the same ids.
 */
export class IdMaker {
  private readonly seen = new Map<string, number>();

  constructor(private readonly prefix: string) {}

  next(content: string): string {
    const base = `${this.prefix}-${hashHex(content)}`;
    const count = (this.seen.get(base) ?? 0) + 1;
    this.seen.set(base, count);
    return count === 1 ? base : `${base}-${count}`;
  }
}

/**
 * Orders responses by a hash of their content, so the stored order tells nothing about which one the source
 * preferred (the annotator's blind order is shuffled again on top of this).
 */
export const unbiasedOrder = <T extends { key: string }>(taskId: string, items: readonly T[]): T[] =>
  items
    .map((item) => ({ item, sortKey: hashHex(`${taskId}\u0000${item.key}`) }))
    .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0))
    .map(({ item }) => item);

export interface TaskDraft {
  id: string;
  project: string;
  title: string;
  conversation: Message[];
  responses: CandidateResponse[];
}

/** Builds and validates the task; a failure names the task field, which the caller places on its line or item. */
export const buildTask = (draft: TaskDraft): { task: Task } | { field: string; what: string } => {
  const input = {
    id: draft.id,
    project: draft.project,
    title: draft.title,
    payload: { kind: 'ranking', conversation: draft.conversation, responses: draft.responses },
  };
  const parsed = taskSchema.safeParse(input);
  if (parsed.success) return { task: parsed.data };
  const [issue] = parsed.error.issues;
  return issue === undefined ? { field: '', what: 'invalid task' } : { field: formatFieldPath(issue.path), what: describeIssue(issue, input) };
};

export const taskLimitFailure = (maxTasks: number, place: string): Result<never> =>
  fail('import_failed', `The file holds more than ${maxTasks} tasks (${place} is past the limit). Split it into smaller files.`, place);

export const tasksOnly = (result: Result<PreferenceImportItem[]>): Result<Task[]> => (result.ok ? ok(result.value.map((item) => item.task)) : result);
