import { z } from 'zod';
import { fail, ok, type Result, type Task } from '../../domain';
import { tooLargeFailure } from '../limits';
import { stripBom } from '../text';
import {
  IdMaker,
  buildTask,
  failWithProblems,
  isJsonRecord,
  parseJson,
  resolveOptions,
  sampleRecord,
  taskLimitFailure,
  tasksOnly,
  titleFor,
  unbiasedOrder,
  zodProblem,
  type JsonRecord,
  type PreferenceImportItem,
  type PreferenceImportOptions,
  type Problem,
} from './common';

/**
 * AlpacaEval-style pairwise annotations: a JSON array (not JSONL) of
 * `{instruction, input?, output_1, generator_1?, output_2, generator_2?, preference?, annotator?}`.
 * The instruction (and `input`, when there is one) is the user turn; the outputs are the 2 responses, ids
 * `<taskId>-r1`/`-r2` in an order derived from a hash; the generators go into `model`, which the workspace hides
 * while blinded. `preference` (1 or 2 = that output is better, 0 or 1.5 = tie; AlpacaEval 2 also writes
 * fractions between 1 and 2) is returned as a `SourcePreference`. Items are numbered from 1 in messages.
 */

export const ALPACA_EVAL_DEFAULT_PROJECT = 'alpaca-eval';

const itemSchema = z.object({
  instruction: z.string().min(1),
  input: z.string().nullable().optional(),
  output_1: z.string(),
  output_2: z.string(),
  generator_1: z.string().nullable().optional(),
  generator_2: z.string().nullable().optional(),
  preference: z.number().nullable().optional(),
  annotator: z.string().nullable().optional(),
});
type AlpacaItem = z.infer<typeof itemSchema>;

export const isAlpacaEvalRecord = (record: JsonRecord): boolean =>
  typeof record.instruction === 'string' && typeof record.output_1 === 'string' && typeof record.output_2 === 'string';

export const detectAlpacaEval = (text: string): boolean => {
  const record = sampleRecord(text);
  return record !== null && isAlpacaEvalRecord(record);
};

/** Which output the source preferred: 1, 2, 'tie', or null when it says nothing usable. */
const preferred = (preference: number | null | undefined): 1 | 2 | 'tie' | null => {
  if (preference === null || preference === undefined) return null;
  if (preference === 0 || preference === 1.5) return 'tie';
  if (preference >= 1 && preference < 1.5) return 1;
  if (preference > 1.5 && preference <= 2) return 2;
  return null;
};

const readItem = (index: number, value: unknown, project: string, ids: IdMaker): PreferenceImportItem | Problem => {
  const place = `item ${index + 1}`;
  if (!isJsonRecord(value)) return { place, field: '', what: 'expected an object with instruction, output_1 and output_2' };
  const parsed = itemSchema.safeParse(value);
  if (!parsed.success) return zodProblem(place, parsed.error, value);
  const item: AlpacaItem = parsed.data;
  const input = item.input ?? '';
  const prompt = input.trim() === '' ? item.instruction : `${item.instruction}\n\n${input}`;
  const conversation = [{ role: 'user' as const, content: prompt }];
  const taskId = ids.next(`${prompt}\u0000${item.output_1}\u0000${item.output_2}`);
  const outputs = [
    { key: `1\u0000${item.output_1}`, content: item.output_1, model: item.generator_1 ?? null, output: 1 as const },
    { key: `2\u0000${item.output_2}`, content: item.output_2, model: item.generator_2 ?? null, output: 2 as const },
  ];
  const ordered = unbiasedOrder(taskId, outputs);
  const idOf = (output: 1 | 2): string => `${taskId}-r${ordered.findIndex((o) => o.output === output) + 1}`;
  const responses = ordered.map((o) => (o.model === null || o.model === '' ? { id: idOf(o.output), content: o.content } : { id: idOf(o.output), content: o.content, model: o.model }));
  const built = buildTask({ id: taskId, project, title: titleFor(conversation, `AlpacaEval ${place}`), conversation, responses });
  if (!('task' in built)) return { place, field: built.field, what: built.what };
  const winner = preferred(item.preference);
  const ranks =
    winner === null ? null : winner === 'tie' ? { [idOf(1)]: 1, [idOf(2)]: 1 } : { [idOf(winner)]: 1, [idOf(winner === 1 ? 2 : 1)]: 2 };
  return { task: built.task, reference: ranks === null ? null : { taskId, source: 'alpaca-eval', ranks, annotator: item.annotator ?? null } };
};

export const parseAlpacaEval = (rawText: string, options?: PreferenceImportOptions): Result<PreferenceImportItem[]> => {
  const { project, limits } = resolveOptions(options, ALPACA_EVAL_DEFAULT_PROJECT);
  if (rawText.length > limits.maxChars) return tooLargeFailure(rawText.length, limits.maxChars);
  const parsed = parseJson(stripBom(rawText));
  if ('error' in parsed) return fail('import_failed', `The file is not valid JSON: ${parsed.error}`);
  if (!Array.isArray(parsed.value)) return fail('import_failed', 'Expected a JSON array of AlpacaEval items ({instruction, output_1, output_2, ...})');
  const values = parsed.value as unknown[];
  if (values.length === 0) return fail('import_failed', 'The file holds an empty list: no AlpacaEval items to import');
  if (values.length > limits.maxTasks) return taskLimitFailure(limits.maxTasks, `item ${limits.maxTasks + 1}`);
  const ids = new IdMaker('alpaca-eval');
  const items: PreferenceImportItem[] = [];
  const problems: Problem[] = [];
  values.forEach((value, index) => {
    const result = readItem(index, value, project, ids);
    if ('task' in result) items.push(result);
    else problems.push(result);
  });
  if (problems.length > 0) return failWithProblems(problems, 'item');
  return ok(items);
};

export const importAlpacaEval = (text: string, options?: PreferenceImportOptions): Result<Task[]> => tasksOnly(parseAlpacaEval(text, options));
