import { z } from 'zod';
import { fail, ok, type CandidateResponse, type Message, type Result, type Task } from '../../domain';
import { tooLargeFailure } from '../limits';
import { isBlank, splitLines, stripBom } from '../text';
import {
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
 * Open-Assistant message trees (e.g. oasst-en-trees / 2023-04-12_oasst_ready.trees.jsonl): one tree per line,
 * `{message_tree_id, tree_state, prompt: Node}` with `Node.replies: Node[]`. Every prompter message with 2 or
 * more (non-deleted) assistant replies becomes one N-way ranking task: the conversation is the path from the
 * root to that prompter message, the replies are the responses (ids = OASST message ids, order derived from
 * a hash). OASST's own human ranks (0 best) are returned as a `SourcePreference`, never put in the task.
 */

export const OASST_DEFAULT_PROJECT = 'oasst';
export const MAX_RESPONSES = 16;

interface OasstNode {
  message_id: string;
  text: string;
  role: 'prompter' | 'assistant';
  deleted?: boolean | undefined;
  rank?: number | null | undefined;
  model_name?: string | null | undefined;
  replies: OasstNode[];
}

const nodeSchema: z.ZodType<OasstNode> = z.object({
  message_id: z.string().min(1).max(200),
  text: z.string(),
  role: z.enum(['prompter', 'assistant']),
  deleted: z.boolean().optional(),
  rank: z.number().int().min(0).nullable().optional(),
  model_name: z.string().nullable().optional(),
  get replies(): z.ZodDefault<z.ZodArray<z.ZodType<OasstNode>>> {
    return z.array(nodeSchema).default([]);
  },
});

const treeSchema = z.object({ message_tree_id: z.string().optional(), prompt: nodeSchema });

export const isOasstTreeRecord = (record: JsonRecord): boolean => isJsonRecord(record.prompt) && typeof record.prompt.message_id === 'string' && Array.isArray(record.prompt.replies);

export const detectOasstTrees = (text: string): boolean => {
  const record = sampleRecord(text);
  return record !== null && isOasstTreeRecord(record);
};

const ROLE: Record<OasstNode['role'], Message['role']> = { prompter: 'user', assistant: 'assistant' };

interface Found {
  path: OasstNode[];
  replies: OasstNode[];
}

/** Prompter messages with 2+ live assistant replies, depth first in file order; deleted messages and their subtrees are skipped. */
const rankablePrompts = (root: OasstNode): Found[] => {
  const found: Found[] = [];
  const stack: { node: OasstNode; path: OasstNode[] }[] = [{ node: root, path: [root] }];
  while (stack.length > 0) {
    const next = stack.pop();
    if (next === undefined) break;
    const { node, path } = next;
    const live = node.replies.filter((r) => r.deleted !== true);
    if (node.role === 'prompter') {
      const replies = live.filter((r) => r.role === 'assistant');
      if (replies.length >= 2) found.push({ path, replies });
    }
    for (const reply of [...live].reverse()) stack.push({ node: reply, path: [...path, reply] });
  }
  return found;
};

const byRank = (a: OasstNode, b: OasstNode): number => (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY);

const readLine = (lineNumber: number, line: string, project: string, taskLines: Map<string, number>): PreferenceImportItem[] | Problem => {
  const place = `line ${lineNumber}`;
  const parsed = parseJson(line);
  if ('error' in parsed) return { place, field: '', what: `not valid JSON: ${parsed.error}` };
  if (!isJsonRecord(parsed.value)) return { place, field: '', what: 'expected a JSON object (one message tree per line)' };
  const tree = treeSchema.safeParse(parsed.value);
  if (!tree.success) return zodProblem(place, tree.error, parsed.value);
  const items: PreferenceImportItem[] = [];
  for (const { path, replies } of rankablePrompts(tree.data.prompt)) {
    const prompter = path.at(-1);
    if (prompter === undefined) continue;
    const taskId = `oasst-${prompter.message_id}`;
    const seenOn = taskLines.get(taskId);
    if (seenOn !== undefined) return { place, field: 'message_id', what: `message ${JSON.stringify(prompter.message_id)} already appears on line ${seenOn}` };
    taskLines.set(taskId, lineNumber);
    // More than 16 replies is beyond what a task holds: keep the 16 OASST ranked best.
    const kept = replies.length > MAX_RESPONSES ? [...replies].sort(byRank).slice(0, MAX_RESPONSES) : replies;
    const ordered = unbiasedOrder(taskId, kept.map((node) => ({ key: node.message_id, node })));
    const responses: CandidateResponse[] = ordered.map(({ node }) =>
      typeof node.model_name === 'string' && node.model_name !== '' ? { id: node.message_id, content: node.text, model: node.model_name } : { id: node.message_id, content: node.text },
    );
    const conversation: Message[] = path.map((node) => ({ role: ROLE[node.role], content: node.text }));
    const built = buildTask({ id: taskId, project, title: titleFor(conversation, `OASST ${taskId}`), conversation, responses });
    if (!('task' in built)) return { place, field: built.field, what: `(message ${prompter.message_id}) ${built.what}` };
    const allRanked = kept.every((node) => typeof node.rank === 'number');
    const reference = allRanked
      ? { taskId, source: 'oasst' as const, ranks: Object.fromEntries(kept.map((node) => [node.message_id, (node.rank ?? 0) + 1])), annotator: null }
      : null;
    items.push({ task: built.task, reference });
  }
  return items;
};

export const parseOasstTrees = (rawText: string, options?: PreferenceImportOptions): Result<PreferenceImportItem[]> => {
  const { project, limits } = resolveOptions(options, OASST_DEFAULT_PROJECT);
  if (rawText.length > limits.maxChars) return tooLargeFailure(rawText.length, limits.maxChars);
  const items: PreferenceImportItem[] = [];
  const problems: Problem[] = [];
  const taskLines = new Map<string, number>();
  for (const { lineNumber, text } of splitLines(stripBom(rawText))) {
    if (isBlank(text)) continue;
    const result = readLine(lineNumber, text, project, taskLines);
    if (!Array.isArray(result)) {
      problems.push(result);
      continue;
    }
    items.push(...result);
    if (items.length > limits.maxTasks) return taskLimitFailure(limits.maxTasks, `line ${lineNumber}`);
  }
  if (problems.length > 0) return failWithProblems(problems, 'line');
  if (items.length === 0) {
    return fail('import_failed', 'No ranking task in this file: no prompter message has 2 or more assistant replies to rank');
  }
  return ok(items);
};

export const importOasstTrees = (text: string, options?: PreferenceImportOptions): Result<Task[]> => tasksOnly(parseOasstTrees(text, options));
