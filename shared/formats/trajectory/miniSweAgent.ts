import { ok, type Result, type Task, type TrajectoryStepInput } from '../../domain';
import { NO_PROBLEM_STATEMENT, buildRunTask, contentText, expected, isRecord, parseDocument, runId, str, strOrNull, titleOf, toolCallsOf, type JsonRecord } from './common';

/**
 * mini-swe-agent: a bare JSON list of chat messages `[{role, content}]`, or `{info: {exit_status,
 * submission, ...}, messages: [...], trajectory_format?}` as `mini` saves it. Each assistant message is a step:
 * its one fenced code block (```bash or ```mswea_bash_command) is the action, the prose around it the thought;
 * tool calls are taken when the message carries OpenAI-style `tool_calls`; the user/tool messages that follow,
 * up to the next assistant message, are the observation. The first user message holds the task.
 */

export const MINI_SWE_AGENT_DEFAULT_PROJECT = 'mini-swe-agent';
const EXPECTED = 'a mini-swe-agent trajectory: a JSON list of {role, content} messages, or an object with "info" and a "messages" list';

const isMessage = (value: unknown): value is JsonRecord => isRecord(value) && typeof value.role === 'string' && 'content' in value;

export const isMiniSweAgentRecord = (record: JsonRecord): boolean =>
  (Array.isArray(record.messages) && isRecord(record.info) && !Array.isArray(record.trajectory)) ||
  (typeof record.role === 'string' && (typeof record.content === 'string' || Array.isArray(record.content)) && !('payload' in record));

const FENCE = /```[^\n`]*\n([\s\S]*?)\n?```/;

/** Splits an assistant turn into the prose (thought) and the first fenced block (action). */
export const splitThoughtAndAction = (content: string): { thought: string; action: string } => {
  const match = FENCE.exec(content);
  if (!match) return { thought: content.trim(), action: '' };
  const thought = `${content.slice(0, match.index)}${content.slice(match.index + match[0].length)}`.replace(/^\s*THOUGHT:\s*/i, '').trim();
  return { thought, action: match[1] ?? '' };
};

const problemOf = (messages: JsonRecord[]): string => {
  const first = messages.find((m) => m.role === 'user');
  const text = first ? contentText(first.content) : '';
  const issue = /Please solve this issue:\s*([\s\S]*?)(?:\n\nYou can execute|$)/.exec(text);
  const problem = (issue?.[1] ?? text).trim();
  return problem === '' ? NO_PROBLEM_STATEMENT : problem;
};

export const importMiniSweAgent = (text: string, parsed?: unknown, project = MINI_SWE_AGENT_DEFAULT_PROJECT): Result<Task[]> => {
  const doc = parseDocument(text, parsed);
  if ('error' in doc) return expected(EXPECTED, `The file is not valid JSON (${doc.error})`);
  const root = doc.value;
  const list = Array.isArray(root) ? root : isRecord(root) && Array.isArray(root.messages) ? root.messages : null;
  if (list === null) return expected(EXPECTED, 'The file holds neither a list of messages nor a "messages" list');
  const bad = list.findIndex((m) => !isMessage(m));
  if (bad >= 0) return expected(EXPECTED, `Message ${bad + 1} has no "role" and "content"`);
  const messages = list as JsonRecord[];
  const info = isRecord(root) && isRecord(root.info) ? root.info : {};
  const firstUser = messages.findIndex((m) => m.role === 'user');
  const steps: TrajectoryStepInput[] = [];
  for (let i = firstUser + 1; i < messages.length; i++) {
    const m = messages[i] as JsonRecord;
    if (m.role !== 'assistant') continue;
    const { thought, action } = splitThoughtAndAction(contentText(m.content));
    const observations: string[] = [];
    while (i + 1 < messages.length && (messages[i + 1] as JsonRecord).role !== 'assistant') {
      i += 1;
      const next = messages[i] as JsonRecord;
      if (next.role !== 'exit') observations.push(contentText(next.content));
    }
    const extra = isRecord(m.extra) ? m.extra : {};
    steps.push({
      id: `step-${steps.length + 1}`,
      thought,
      action,
      toolCalls: toolCallsOf(m.tool_calls),
      observation: observations.join('\n'),
      startedAt: strOrNull(m.timestamp) ?? strOrNull(extra.timestamp),
    });
  }
  const problemStatement = problemOf(messages);
  const patch = str(info.submission);
  const task = buildRunTask(
    {
      id: runId('mini-swe-agent', problemStatement, patch, String(steps.length), str(steps[0]?.action)),
      project,
      title: titleOf(problemStatement, 'mini-swe-agent run'),
      payload: {
        problemStatement,
        repository: { name: str(info.repo) || str(info.instance_id) || 'unknown repository', baseCommit: str(info.base_commit), files: [] },
        steps,
        patch,
        exitStatus: str(info.exit_status),
        instanceId: str(info.instance_id),
        source: { format: 'mini-swe-agent', text },
      },
    },
    'The run',
  );
  return task.ok ? ok([task.value]) : task;
};
