import { fail, ok, type Message, type Result, type Task } from '../../domain';
import { tooLargeFailure } from '../limits';
import { isBlank, splitLines, stripBom } from '../text';
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
  type JsonRecord,
  type PreferenceImportItem,
  type PreferenceImportOptions,
  type Problem,
} from './common';

/**
 * Anthropic hh-rlhf JSONL: `{"chosen": dialogue, "rejected": dialogue}` per line, each dialogue
 * "\n\nHuman: ...\n\nAssistant: ..." and the two identical up to the last Assistant turn. The shared turns
 * become the conversation, the two last Assistant turns the two responses (ids `<taskId>-r1`/`-r2`, in an
 * order derived from a hash, so neither the id nor the position says which was chosen). The source's choice
 * is returned as a separate `SourcePreference`, never stored in the task.
 */

export const HH_RLHF_DEFAULT_PROJECT = 'hh-rlhf';

type Speaker = 'Human' | 'Assistant';
const SPEAKER_ROLE: Record<Speaker, Message['role']> = { Human: 'user', Assistant: 'assistant' };
const ROLE_SPEAKER: Partial<Record<Message['role'], Speaker>> = { user: 'Human', assistant: 'Assistant' };

const TURN_SEPARATOR = /\n\n(Human|Assistant): ?/;

/** A dialogue string as messages, or why it is not one. */
export const parseHhDialogue = (dialogue: string): { messages: Message[] } | { error: string } => {
  const parts = dialogue.split(new RegExp(TURN_SEPARATOR.source, 'g'));
  const [before, ...rest] = parts;
  if (before === undefined || before.trim() !== '' || rest.length === 0) {
    return { error: 'expected a dialogue starting with "\\n\\nHuman: "' };
  }
  const messages: Message[] = [];
  for (let i = 0; i < rest.length; i += 2) {
    const speaker = rest[i] as Speaker;
    messages.push({ role: SPEAKER_ROLE[speaker], content: rest[i + 1] ?? '' });
  }
  return { messages };
};

/** The inverse of `parseHhDialogue` for user and assistant turns; null when a turn has another role. */
export const formatHhDialogue = (messages: readonly Message[]): string | null => {
  let text = '';
  for (const message of messages) {
    const speaker = ROLE_SPEAKER[message.role];
    if (speaker === undefined) return null;
    text += `\n\n${speaker}: ${message.content}`;
  }
  return text;
};

export const isHhRlhfRecord = (record: JsonRecord): boolean =>
  typeof record.chosen === 'string' && typeof record.rejected === 'string' && record.chosen.includes('Assistant:');

export const detectHhRlhf = (text: string): boolean => {
  const record = sampleRecord(text);
  return record !== null && isHhRlhfRecord(record);
};

const sameMessage = (a: Message | undefined, b: Message | undefined): boolean => a !== undefined && b !== undefined && a.role === b.role && a.content === b.content;

const readLine = (lineNumber: number, line: string, project: string, ids: IdMaker): PreferenceImportItem | Problem => {
  const place = `line ${lineNumber}`;
  const parsed = parseJson(line);
  if ('error' in parsed) return { place, field: '', what: `not valid JSON: ${parsed.error}` };
  const record = parsed.value;
  if (!isJsonRecord(record)) return { place, field: '', what: 'expected a JSON object with "chosen" and "rejected"' };
  const dialogues: Partial<Record<'chosen' | 'rejected', Message[]>> = {};
  for (const field of ['chosen', 'rejected'] as const) {
    const value = record[field];
    if (typeof value !== 'string') return { place, field, what: value === undefined ? 'required field is missing' : 'expected text (a "\\n\\nHuman: ... \\n\\nAssistant: ..." dialogue)' };
    const dialogue = parseHhDialogue(value);
    if ('error' in dialogue) return { place, field, what: dialogue.error };
    const last = dialogue.messages.at(-1);
    if (last?.role !== 'assistant') return { place, field, what: 'the dialogue must end with an "Assistant:" turn' };
    if (dialogue.messages.length < 2) return { place, field, what: 'the dialogue needs a "Human:" turn before the last "Assistant:" turn' };
    dialogues[field] = dialogue.messages;
  }
  const chosen = dialogues.chosen ?? [];
  const rejected = dialogues.rejected ?? [];
  const conversation = chosen.slice(0, -1);
  const differsAt = conversation.findIndex((message, index) => !sameMessage(message, rejected[index]));
  if (rejected.length !== chosen.length || differsAt !== -1) {
    const turn = differsAt === -1 ? Math.min(chosen.length, rejected.length) : differsAt + 1;
    return { place, field: 'rejected', what: `differs from "chosen" before the last Assistant turn (turn ${turn}); only the last turn may differ` };
  }
  const chosenContent = chosen.at(-1)?.content ?? '';
  const rejectedContent = rejected.at(-1)?.content ?? '';
  const taskId = ids.next(`${String(record.chosen)}\u0000${String(record.rejected)}`);
  const ordered = unbiasedOrder(taskId, [
    { key: chosenContent, content: chosenContent, chosen: true },
    { key: `\u0001${rejectedContent}`, content: rejectedContent, chosen: false },
  ]);
  const responses = ordered.map((r, index) => ({ id: `${taskId}-r${index + 1}`, content: r.content }));
  const built = buildTask({ id: taskId, project, title: titleFor(conversation, `hh-rlhf ${place}`), conversation, responses });
  if (!('task' in built)) return { place, field: built.field, what: built.what };
  const ranks = Object.fromEntries(ordered.map((r, index) => [`${taskId}-r${index + 1}`, r.chosen ? 1 : 2]));
  return { task: built.task, reference: { taskId, source: 'hh-rlhf', ranks, annotator: null } };
};

export const parseHhRlhf = (rawText: string, options?: PreferenceImportOptions): Result<PreferenceImportItem[]> => {
  const { project, limits } = resolveOptions(options, HH_RLHF_DEFAULT_PROJECT);
  if (rawText.length > limits.maxChars) return tooLargeFailure(rawText.length, limits.maxChars);
  const ids = new IdMaker('hh-rlhf');
  const items: PreferenceImportItem[] = [];
  const problems: Problem[] = [];
  for (const { lineNumber, text } of splitLines(stripBom(rawText))) {
    if (isBlank(text)) continue;
    if (items.length + problems.length >= limits.maxTasks) return taskLimitFailure(limits.maxTasks, `line ${lineNumber}`);
    const result = readLine(lineNumber, text, project, ids);
    if ('task' in result) items.push(result);
    else problems.push(result);
  }
  if (problems.length > 0) return failWithProblems(problems, 'line');
  if (items.length === 0) return fail('import_failed', 'The file is empty: expected hh-rlhf JSONL, one {"chosen", "rejected"} object per line');
  return ok(items);
};

export const importHhRlhfTasks = (text: string, options?: PreferenceImportOptions): Result<Task[]> => tasksOnly(parseHhRlhf(text, options));
