import { fail, ok, taskSchema, type Result, type Task } from '../domain';
import { describeIssue, formatFieldPath } from './describeIssue';
import { DEFAULT_IMPORT_LIMITS, tooLargeFailure, type ImportLimits } from './limits';
import { isBlank, splitLines, stripBom } from './text';

/**
 * The canonical Assay task file: JSON Lines, one `taskSchema` object per line, blank lines ignored.
 * Parsing is all or nothing: one bad line and no task is imported.
 */

const MAX_JSON_ERROR_CHARS = 160;

export interface LineProblem {
  lineNumber: number;
  message: string;
  detail: string;
}

const jsonErrorText = (error: unknown): string => {
  // V8 counts lines inside the one line it was given; only the column means anything to the reader.
  const text = (error instanceof Error ? error.message : String(error)).replace(/at position \d+ \(line 1 column (\d+)\)/, 'at column $1');
  return text.length > MAX_JSON_ERROR_CHARS ? `${text.slice(0, MAX_JSON_ERROR_CHARS - 3)}...` : text;
};

const checkLine = (lineNumber: number, line: string): { task: Task } | LineProblem => {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { lineNumber, message: `Line ${lineNumber} is not valid JSON: ${jsonErrorText(error)}`, detail: `line ${lineNumber}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { lineNumber, message: `Line ${lineNumber}: expected a JSON object (one task per line)`, detail: `line ${lineNumber}` };
  }
  const parsed = taskSchema.safeParse(value);
  if (parsed.success) return { task: parsed.data };
  const [issue] = parsed.error.issues;
  const field = issue === undefined ? '' : formatFieldPath(issue.path);
  const what = issue === undefined ? 'invalid task' : describeIssue(issue, value);
  return {
    lineNumber,
    message: field === '' ? `Line ${lineNumber}: ${what}` : `Line ${lineNumber}: ${field}: ${what}`,
    detail: field === '' ? `line ${lineNumber}` : `line ${lineNumber}, field ${field}`,
  };
};

const failWith = (problems: readonly LineProblem[], more = problems.length - 1): Result<never> => {
  const [first] = problems;
  if (first === undefined) return fail('import_failed', 'The file holds no tasks');
  const suffix = more === 0 ? '' : ` (and ${more} more ${more === 1 ? 'line' : 'lines'} with problems; nothing was imported)`;
  return fail('import_failed', `${first.message}${suffix}`, first.detail);
};

/**
 * Reads canonical task lines one at a time, remembering what it needs across them (ids already seen, how many
 * tasks), so a whole file and a file streamed in chunks are judged alike. `read` answers the task, the line's
 * problem, or null for a blank line; past maxTasks it answers a failure that ends the import.
 */
export const createCanonicalLineReader = (limits: ImportLimits = DEFAULT_IMPORT_LIMITS) => {
  const firstLineOfId = new Map<string, number>();
  let counted = 0;
  return {
    read(lineNumber: number, line: string): { task: Task } | LineProblem | { tooMany: Result<never> } | null {
      if (isBlank(line)) return null;
      if (counted >= limits.maxTasks) {
        return {
          tooMany: fail(
            'import_failed',
            `The file holds more than ${limits.maxTasks} tasks (line ${lineNumber} is past the limit). Split it into smaller files.`,
            `line ${lineNumber}`,
          ),
        };
      }
      counted += 1;
      const checked = checkLine(lineNumber, line);
      if (!('task' in checked)) return checked;
      const { id } = checked.task;
      const seenOn = firstLineOfId.get(id);
      if (seenOn !== undefined) {
        return {
          lineNumber,
          message: `Line ${lineNumber}: id: duplicate task id ${JSON.stringify(id)} (already used on line ${seenOn})`,
          detail: `line ${lineNumber}, field id`,
        };
      }
      firstLineOfId.set(id, lineNumber);
      return checked;
    },
  };
};
export type CanonicalLineReader = ReturnType<typeof createCanonicalLineReader>;

/** The import's verdict on the problems found: the first one, and how many more lines had one. */
export const canonicalProblemsFailure = (first: LineProblem, more: number): Result<never> => failWith([first], more);

export const EMPTY_CANONICAL_FILE = 'The file is empty: expected one task per line as canonical Assay JSONL';

export const parseCanonicalTasks = (text: string, limits: ImportLimits = DEFAULT_IMPORT_LIMITS): Result<Task[]> => {
  if (text.length > limits.maxChars) {
    return tooLargeFailure(text.length, limits.maxChars);
  }
  const reader = createCanonicalLineReader(limits);
  const tasks: Task[] = [];
  const problems: LineProblem[] = [];
  for (const { lineNumber, text: line } of splitLines(stripBom(text))) {
    const read = reader.read(lineNumber, line);
    if (read === null) continue;
    if ('tooMany' in read) return read.tooMany;
    if ('task' in read) tasks.push(read.task);
    else problems.push(read);
  }
  if (problems.length > 0) return failWith(problems);
  if (tasks.length === 0) return fail('import_failed', EMPTY_CANONICAL_FILE);
  return ok(tasks);
};

/** One task per line, LF endings, trailing newline; `parseCanonicalTasks` gives back equal tasks. */
export const serializeCanonicalTasks = (tasks: readonly Task[]): string =>
  tasks.length === 0 ? '' : `${tasks.map((task) => JSON.stringify(task)).join('\n')}\n`;
