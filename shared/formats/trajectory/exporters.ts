import type { Task, TrajectoryAnnotation, TrajectoryPayload, TrajectoryStep } from '../../domain';
import { effectivePatch, effectiveSteps, runIsEdited } from '../../trajectory/effectiveRun';
import { isRecord, type JsonRecord } from './common';

/**
 * Trajectory exports, pure functions of submitted work:
 * - the run in its source format: unedited runs byte for byte; edited SWE-agent .traj / mini-swe-agent /
 *   OpenHands runs rebuilt from the source record with the corrected steps and the final patch;
 * - SFT JSONL, one chat per run with OpenAI-style tool calls;
 * - step labels JSONL, one line per step of the original run;
 * - SWE-bench predictions JSONL (`instance_id`, `model_name_or_path`, `model_patch`).
 */

export interface TrajectoryItem {
  task: Task & { payload: TrajectoryPayload };
  annotation: TrajectoryAnnotation;
}

export const trajectoryItems = (items: ReadonlyArray<{ task: Task; annotation: { kind: string } }>): TrajectoryItem[] =>
  items.filter((i): i is TrajectoryItem => i.task.payload.kind === 'trajectory' && i.annotation.kind === 'trajectory');

/** The indentation the source document used (the first indented line), so rebuilt files look like it. */
const indentOf = (text: string): number | string => {
  const match = /\n([ \t]+)\S/.exec(text);
  if (!match?.[1]) return 0;
  return match[1].startsWith('\t') ? '\t' : match[1].length;
};

const asObject = (text: string): JsonRecord | unknown[] | null => {
  try {
    const value = JSON.parse(text) as unknown;
    return isRecord(value) || Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
};

const stepIndex = (step: TrajectoryStep): number | null => {
  const m = /^step-(\d+)$/.exec(step.id);
  return m ? Number(m[1]) - 1 : null;
};

const toolCallsJson = (step: TrajectoryStep) =>
  step.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } }));

const sweAgentTraj = (item: TrajectoryItem, source: string): string => {
  const doc = asObject(source);
  if (!isRecord(doc)) return source;
  const original = Array.isArray(doc.trajectory) ? doc.trajectory : [];
  const steps = effectiveSteps(item.task.payload, item.annotation);
  doc.trajectory = steps.map(({ step, origin }) => {
    const i = origin === 'new' ? null : stepIndex(step);
    const base = i !== null && isRecord(original[i]) ? (original[i] as JsonRecord) : {};
    if (origin === 'original') return base;
    return { ...base, action: step.action, observation: step.observation, response: step.thought, thought: step.thought, ...(step.elapsedSeconds !== null ? { execution_time: step.elapsedSeconds } : {}) };
  });
  const history = Array.isArray(doc.history) ? (doc.history as unknown[]) : [];
  const firstTurn = history.findIndex((m) => isRecord(m) && m.role === 'assistant' && m.is_demo !== true);
  const head = firstTurn >= 0 ? history.slice(0, firstTurn) : history;
  const agent = head.map((m) => (isRecord(m) ? m.agent : undefined)).find((a) => typeof a === 'string');
  doc.history = [
    ...head,
    ...steps.flatMap(({ step }) => [
      { role: 'assistant', content: step.thought, thought: step.thought, action: step.action, ...(agent ? { agent } : {}), ...(step.toolCalls.length > 0 ? { tool_calls: toolCallsJson(step) } : {}) },
      { role: step.toolCalls.length > 0 ? 'tool' : 'user', content: step.observation, ...(agent ? { agent } : {}), ...(step.toolCalls.length > 0 ? { tool_call_ids: step.toolCalls.map((c) => c.id) } : {}) },
    ]),
  ];
  doc.info = { ...(isRecord(doc.info) ? doc.info : {}), submission: effectivePatch(item.task.payload, item.annotation) };
  return JSON.stringify(doc, null, indentOf(source));
};

const miniSweAgent = (item: TrajectoryItem, source: string): string => {
  const doc = asObject(source);
  const messages = Array.isArray(doc) ? doc : isRecord(doc) && Array.isArray(doc.messages) ? doc.messages : null;
  if (messages === null) return source;
  const firstUser = messages.findIndex((m) => isRecord(m) && m.role === 'user');
  const rebuilt = [
    ...messages.slice(0, firstUser + 1),
    ...effectiveSteps(item.task.payload, item.annotation).flatMap(({ step }) => [
      { role: 'assistant', content: step.action === '' ? step.thought : `THOUGHT: ${step.thought}\n\n\`\`\`bash\n${step.action}\n\`\`\`` },
      { role: 'user', content: step.observation },
    ]),
  ];
  if (Array.isArray(doc)) return JSON.stringify(rebuilt, null, indentOf(source));
  const record = doc as JsonRecord;
  return JSON.stringify({ ...record, messages: rebuilt, info: { ...(isRecord(record.info) ? record.info : {}), submission: effectivePatch(item.task.payload, item.annotation) } }, null, indentOf(source));
};

const openHandsEvents = (item: TrajectoryItem, events: unknown[]): unknown[] => {
  const firstAgent = events.findIndex((e) => isRecord(e) && e.source === 'agent' && typeof e.action === 'string' && e.action !== 'change_agent_state');
  const head = firstAgent >= 0 ? events.slice(0, firstAgent) : events;
  let id = head.reduce<number>((max, e) => (isRecord(e) && typeof e.id === 'number' ? Math.max(max, e.id) : max), -1) + 1;
  const out = [...head];
  for (const { step } of effectiveSteps(item.task.payload, item.annotation)) {
    const actionId = id++;
    const call = step.toolCalls[0];
    out.push({ id: actionId, source: 'agent', message: step.action, action: step.action === '' ? 'message' : 'run', args: step.action === '' ? { content: step.thought } : { command: step.action, thought: step.thought }, ...(call ? { tool_call_metadata: { function_name: call.name, tool_call_id: call.id } } : {}) });
    if (step.action !== '') out.push({ id: id++, source: 'agent', cause: actionId, observation: 'run', content: step.observation, extras: {} });
  }
  return out;
};

/** The run in the format it came in; unedited runs are the source text itself. */
export const toSourceFormat = (item: TrajectoryItem): string => {
  const { payload } = item.task;
  const source = payload.source;
  if (source === null || source.omitted) return JSON.stringify({ task: item.task, annotation: item.annotation });
  if (!runIsEdited(payload, item.annotation)) return source.text;
  switch (source.format) {
    case 'swe-agent-traj':
      return sweAgentTraj(item, source.text);
    case 'mini-swe-agent':
      return miniSweAgent(item, source.text);
    case 'openhands-events': {
      const doc = asObject(source.text);
      return Array.isArray(doc) ? JSON.stringify(openHandsEvents(item, doc), null, indentOf(source.text)) : source.text;
    }
    case 'openhands-output': {
      const doc = asObject(source.text);
      if (!isRecord(doc) || !Array.isArray(doc.history)) return source.text;
      const patch = effectivePatch(payload, item.annotation);
      return JSON.stringify({ ...doc, history: openHandsEvents(item, doc.history), test_result: { ...(isRecord(doc.test_result) ? doc.test_result : {}), git_patch: patch } });
    }
    case 'swe-bench-instance':
      return source.text;
  }
};

/**
 * One file: a single run as its own document, several runs one per line (compact JSON). `asLines` forces the one
 * per line form, for a file written a page of runs at a time (a page may hold one run of many).
 */
export const toSourceFormatFile = (items: readonly TrajectoryItem[], asLines = false): string => {
  if (items.length === 1 && !asLines) return toSourceFormat(items[0] as TrajectoryItem);
  return items.map((i) => JSON.stringify(JSON.parse(toSourceFormat(i)) as unknown)).join('\n') + (items.length > 0 ? '\n' : '');
};

/** The corrected run as one chat: the problem as the user turn, each step an assistant turn with its tool call and the tool's answer. */
export const toSftChat = (item: TrajectoryItem): JsonRecord => {
  const { payload } = item.task;
  const messages: JsonRecord[] = [{ role: 'user', content: payload.problemStatement }];
  for (const { step, number } of effectiveSteps(payload, item.annotation)) {
    if (step.action === '' && step.toolCalls.length === 0) {
      messages.push({ role: 'assistant', content: step.thought });
      continue;
    }
    const calls = step.toolCalls.length > 0 ? toolCallsJson(step) : [{ id: `call_${number}`, type: 'function', function: { name: 'bash', arguments: JSON.stringify({ command: step.action }) } }];
    messages.push({ role: 'assistant', content: step.thought, tool_calls: calls });
    messages.push({ role: 'tool', tool_call_id: calls[0]?.id ?? `call_${number}`, content: step.observation });
  }
  return { messages, metadata: { task_id: item.task.id, instance_id: payload.instanceId || null, patch: effectivePatch(payload, item.annotation) } };
};

export const toSftJsonl = (items: readonly TrajectoryItem[]): string => items.map((i) => `${JSON.stringify(toSftChat(i))}\n`).join('');

/** One line per step of the corrected run: its label, comment, and whether it is the first wrong step. */
export const toStepLabelsJsonl = (items: readonly TrajectoryItem[]): string =>
  items
    .flatMap((item) =>
      effectiveSteps(item.task.payload, item.annotation).map(({ step, number, origin }) =>
        JSON.stringify({
          task_id: item.task.id,
          instance_id: item.task.payload.instanceId || null,
          step: number,
          step_id: step.id,
          origin,
          label: item.annotation.stepLabels[step.id] ?? null,
          first_wrong: item.annotation.firstWrongStepId === step.id,
          comment: item.annotation.stepComments[step.id] ?? '',
        }),
      ),
    )
    .map((line) => `${line}\n`)
    .join('');

export const toSweBenchPredictionsJsonl = (items: readonly TrajectoryItem[], modelName = 'assay-expert'): string =>
  items
    .map((item) => `${JSON.stringify({ instance_id: item.task.payload.instanceId || item.task.id, model_name_or_path: modelName, model_patch: effectivePatch(item.task.payload, item.annotation) })}\n`)
    .join('');
