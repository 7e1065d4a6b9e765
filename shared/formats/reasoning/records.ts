import { fail, ok, taskSchema, type Result, type Task } from '../../domain';
import { describeIssue, formatFieldPath } from '../describeIssue';
import { tooLargeFailure, type ImportLimits } from '../limits';
import { failWithProblems, isJsonRecord, parseJson, taskLimitFailure, type JsonRecord, type Problem } from '../preference/common';
import { firstNonBlankLine, isBlank, splitLines, stripBom } from '../text';

/** One source record and where it is, for messages: "line 3" in JSON Lines, "item 2" in a JSON array, "the file" for one object. */
export interface SourceRecord {
  place: string;
  record: JsonRecord;
}

/**
 * Reads JSON Lines (one record a line, blank lines skipped) or one JSON document (an object, or an array of
 * objects, pretty-printed or not). All or nothing: the first problem fails the whole file.
 */
export const readRecords = (rawText: string, limits: ImportLimits): Result<{ records: SourceRecord[]; unit: 'line' | 'item' }> => {
  if (rawText.length > limits.maxChars) return tooLargeFailure(rawText.length, limits.maxChars);
  const text = stripBom(rawText);
  const first = firstNonBlankLine(text) ?? '';
  const firstParsed = parseJson(first);
  const jsonLines = !('error' in firstParsed) && isJsonRecord(firstParsed.value);
  if (!jsonLines) {
    const whole = parseJson(text);
    if ('error' in whole) return fail('import_failed', `The file is not valid JSON: ${whole.error}`, 'the file');
    const items = Array.isArray(whole.value) ? (whole.value as unknown[]) : [whole.value];
    if (items.length > limits.maxTasks) return taskLimitFailure(limits.maxTasks, `item ${limits.maxTasks + 1}`);
    const problems: Problem[] = [];
    const records: SourceRecord[] = [];
    items.forEach((value, i) => {
      const place = Array.isArray(whole.value) ? `item ${i + 1}` : 'the file';
      if (isJsonRecord(value)) records.push({ place, record: value });
      else problems.push({ place, field: '', what: 'expected a JSON object' });
    });
    if (problems.length > 0) return failWithProblems(problems, 'item');
    return ok({ records, unit: 'item' });
  }
  const records: SourceRecord[] = [];
  const problems: Problem[] = [];
  for (const { lineNumber, text: line } of splitLines(text)) {
    if (isBlank(line)) continue;
    const place = `line ${lineNumber}`;
    if (records.length + problems.length >= limits.maxTasks) return taskLimitFailure(limits.maxTasks, place);
    const parsed = parseJson(line);
    if ('error' in parsed) problems.push({ place, field: '', what: `not valid JSON: ${parsed.error}` });
    else if (!isJsonRecord(parsed.value)) problems.push({ place, field: '', what: 'expected a JSON object' });
    else records.push({ place, record: parsed.value });
  }
  if (problems.length > 0) return failWithProblems(problems, 'line');
  return ok({ records, unit: 'line' });
};

/** A required text field; its absence or wrong type is a problem at that field. */
export const textField = (r: SourceRecord, path: string, value: unknown, problems: Problem[], allowEmpty = false): string | null => {
  if (typeof value !== 'string') {
    problems.push({ place: r.place, field: path, what: value === undefined || value === null ? 'required field is missing' : `expected text, found ${Array.isArray(value) ? 'a list' : typeof value}` });
    return null;
  }
  if (!allowEmpty && value.trim() === '') {
    problems.push({ place: r.place, field: path, what: 'must not be empty' });
    return null;
  }
  return value;
};

export const optionalText = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/** Validates the built task; a failure names the task field at the record's place. */
export const checkTask = (r: SourceRecord, input: unknown, problems: Problem[]): Task | null => {
  const parsed = taskSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  problems.push({ place: r.place, field: issue ? formatFieldPath(issue.path) : '', what: issue ? describeIssue(issue, input) : 'invalid task' });
  return null;
};

const MAX_TITLE_CHARS = 100;

/** The first line of the problem as plain-ish text, shortened: what an expert recognises in the inbox. */
export const titleOf = (problem: string, fallback: string): string => {
  const line = problem.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
  if (line === '') return fallback;
  const chars = [...line];
  return chars.length > MAX_TITLE_CHARS ? `${chars.slice(0, MAX_TITLE_CHARS - 1).join('')}…` : line;
};

/**
 * A model's solution cut into steps where its author cut it: at blank lines when it has paragraphs, else at
 * line ends. Blank pieces are dropped; nothing else is changed.
 */
export const splitSolutionSteps = (text: string): string[] => {
  const normalized = text.replace(/\r\n/g, '\n').trim();
  if (normalized === '') return [];
  const pieces = /\n[ \t]*\n/.test(normalized) ? normalized.split(/\n[ \t]*\n+/) : normalized.split('\n');
  return pieces.map((p) => p.trim()).filter((p) => p !== '');
};

export const finish = (problems: readonly Problem[], unit: 'line' | 'item', tasks: Task[]): Result<Task[]> => {
  if (problems.length > 0) return failWithProblems(problems, unit);
  if (tasks.length === 0) return fail('import_failed', 'The file holds no tasks');
  return ok(tasks);
};
