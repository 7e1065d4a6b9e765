import { fail, ok, taskSchema, type Result, type Task, type TrajectoryPayloadInput, type TrajectoryStepInput, type ToolCall } from '../../domain';
import { hashHex } from '../../ranking/hash';
import { describeIssue, formatFieldPath } from '../describeIssue';

export type JsonRecord = Record<string, unknown>;
export const isRecord = (value: unknown): value is JsonRecord => value !== null && typeof value === 'object' && !Array.isArray(value);
export const str = (value: unknown): string => (typeof value === 'string' ? value : '');
export const strOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);
export const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null);

/** Message content as text: a plain string, or the text parts of an OpenAI-style content list. */
export const contentText = (content: unknown): string => {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => (typeof part === 'string' ? part : isRecord(part) ? str(part.text) : ''))
      .filter((t) => t !== '')
      .join('\n');
  }
  return '';
};

/** OpenAI-style `tool_calls` (`{id, function: {name, arguments}}`) as tool calls; anything else is skipped. */
export const toolCallsOf = (value: unknown): ToolCall[] => {
  if (!Array.isArray(value)) return [];
  const calls: ToolCall[] = [];
  for (const call of value) {
    if (!isRecord(call)) continue;
    const fn = isRecord(call.function) ? call.function : call;
    const name = str(fn.name);
    if (name === '') continue;
    const args = fn.arguments;
    calls.push({ id: str(call.id), name, arguments: typeof args === 'string' ? args : JSON.stringify(args ?? {}) });
  }
  return calls;
};

export const parseDocument = (text: string, parsed: unknown): { value: unknown } | { error: string } => {
  if (parsed !== undefined) return { value: parsed };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { error: message.length > 160 ? `${message.slice(0, 157)}...` : message };
  }
};

const MAX_TITLE_CHARS = 100;
/** The first non-blank line of the problem, without markdown heading marks, shortened. */
export const titleOf = (problem: string, fallback: string): string => {
  const line = problem.split('\n').map((l) => l.replace(/^#+\s*/, '').trim()).find((l) => l !== '') ?? '';
  if (line === '') return fallback;
  const chars = [...line];
  return chars.length > MAX_TITLE_CHARS ? `${chars.slice(0, MAX_TITLE_CHARS - 1).join('')}…` : line;
};

export const NO_PROBLEM_STATEMENT = '(The run does not include its problem statement.)';

/** A stable id from what identifies the run, cheap even for a 50 MB file (no hash of the whole text). */
export const runId = (prefix: string, ...parts: string[]): string => `${prefix}-${hashHex(parts.map((p) => (p.length > 65_536 ? `${p.slice(0, 65_536)}${p.length}` : p)).join('\u0000'))}`;

export const stepIds = (steps: TrajectoryStepInput[]): TrajectoryStepInput[] => steps.map((s, i) => ({ ...s, id: `step-${i + 1}` }));

export interface RunDraft {
  id: string;
  project: string;
  title: string;
  payload: Omit<TrajectoryPayloadInput, 'kind'>;
}

/** Validates one imported run; a failure names the place and field, and nothing is imported. */
export const buildRunTask = (draft: RunDraft, place: string): Result<Task> => {
  const input = { id: draft.id, project: draft.project, title: draft.title, payload: { kind: 'trajectory', ...draft.payload } };
  const parsed = taskSchema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const [issue] = parsed.error.issues;
  const field = issue === undefined ? '' : formatFieldPath(issue.path);
  const what = issue === undefined ? 'invalid run' : describeIssue(issue, input);
  return fail('import_failed', `${place}: ${field === '' ? '' : `${field}: `}${what}. Nothing was imported.`, field === '' ? place : `${place}, field ${field}`);
};

export const expected = (what: string, found: string): Result<never> =>
  fail('import_failed', `${found}. Expected ${what}. Nothing was imported.`);

/** `owner/name` from a GitHub URL, or the URL itself. */
export const repoNameFromUrl = (url: string): string => {
  const match = /github\.com\/([^/\s]+\/[^/\s#?]+?)(?:\.git)?(?:\/|$|[#?])/.exec(url);
  return match?.[1] ?? url;
};
