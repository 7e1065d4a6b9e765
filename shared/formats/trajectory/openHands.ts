import { fail, ok, type Result, type Task, type ToolCall, type TrajectoryStepInput } from '../../domain';
import { firstNonBlankLine } from '../text';
import { NO_PROBLEM_STATEMENT, buildRunTask, expected, isRecord, runId, str, strOrNull, titleOf, toolCallsOf, type JsonRecord } from './common';

/**
 * OpenHands. An event stream is a JSON list of events: actions `{id, timestamp, source, action, args,
 * tool_call_metadata?}` and observations `{id, cause, observation, content, extras}`; an observation answers
 * the action whose id is its `cause`. Every agent action (not state changes) is a step; its thought is
 * `args.thought` (or the text of a message), its action the command, code or editor call, its tool call the
 * one in `tool_call_metadata.model_response` with the same id. The evaluation `output.jsonl` has one run per
 * line: `{instance_id, instruction, instance: {problem_statement, repo, base_commit}, history: [events] or
 * [[action, observation], ...], test_result: {git_patch}}`.
 */

export const OPENHANDS_DEFAULT_PROJECT = 'openhands';
const EXPECTED_EVENTS = 'an OpenHands event stream: a JSON list of events, each with "source" and "action" or "observation"';
const EXPECTED_OUTPUT = 'OpenHands evaluation output JSONL: one object per line with "instance_id" and a "history" list';

export const isOpenHandsEvent = (record: JsonRecord): boolean =>
  typeof record.source === 'string' && (typeof record.action === 'string' || typeof record.observation === 'string');
export const isOpenHandsOutput = (record: JsonRecord): boolean => typeof record.instance_id === 'string' && Array.isArray(record.history);

/** Bookkeeping events, not the agent's work: state changes, memory recalls and condensations, the system prompt. */
const NOT_STEPS = new Set(['change_agent_state', 'recall', 'system', 'null', 'condensation', 'condensation_request']);

const argsOf = (event: JsonRecord): JsonRecord => (isRecord(event.args) ? event.args : {});

const actionText = (event: JsonRecord): string => {
  const args = argsOf(event);
  const kind = str(event.action);
  switch (kind) {
    case 'run':
      return str(args.command);
    case 'run_ipython':
      return str(args.code);
    case 'message':
    case 'think':
    case 'finish':
      return '';
    case 'browse':
      return `browse ${str(args.url)}`;
    case 'browse_interactive':
      return str(args.browser_actions);
    case 'read':
      return `read ${str(args.path)}`;
    case 'edit': {
      const command = str(args.command);
      return command !== '' ? `${command} ${str(args.path)}` : `edit ${str(args.path)}`;
    }
    default: {
      const { thought: _thought, ...rest } = args;
      return `${kind} ${JSON.stringify(rest)}`;
    }
  }
};

const thoughtOf = (event: JsonRecord): string => {
  const args = argsOf(event);
  const kind = str(event.action);
  if (kind === 'message') return str(args.content) || str(event.message);
  if (kind === 'finish') return str(args.final_thought) || str(args.thought) || str(event.message);
  return str(args.thought);
};

/** The model's own tool call for this action, else one built from the action's name and arguments. */
const toolCallOf = (event: JsonRecord): ToolCall[] => {
  const meta = isRecord(event.tool_call_metadata) ? event.tool_call_metadata : null;
  if (meta === null) return [];
  const id = str(meta.tool_call_id);
  const response = isRecord(meta.model_response) ? meta.model_response : {};
  const choices = Array.isArray(response.choices) ? response.choices : [];
  for (const choice of choices) {
    const message = isRecord(choice) && isRecord(choice.message) ? choice.message : null;
    const match = toolCallsOf(message?.tool_calls).find((c) => c.id === id);
    if (match) return [match];
  }
  const name = str(meta.function_name);
  if (name === '') return [];
  const { thought: _thought, ...rest } = argsOf(event);
  return [{ id, name, arguments: JSON.stringify(rest) }];
};

const seconds = (from: unknown, to: unknown): number | null => {
  const a = Date.parse(str(from));
  const b = Date.parse(str(to));
  return Number.isFinite(a) && Number.isFinite(b) && b >= a ? (b - a) / 1000 : null;
};

const observationText = (event: JsonRecord): string => {
  if (str(event.observation) === 'null') return '';
  return str(event.content) || (typeof event.content === 'undefined' ? str(event.message) : '');
};

/** Flattens `[[action, observation], ...]` (older output.jsonl) into one event list. */
const flatten = (history: unknown[]): JsonRecord[] => {
  const events: JsonRecord[] = [];
  for (const item of history) {
    if (isRecord(item)) events.push(item);
    else if (Array.isArray(item)) {
      const [action, observation] = item as unknown[];
      if (isRecord(action) && isRecord(observation)) {
        const id = `pair-${events.length}`;
        events.push({ ...action, id }, { ...observation, cause: id });
      }
    }
  }
  return events;
};

export interface RunParts {
  problemStatement: string;
  steps: TrajectoryStepInput[];
}

export const stepsFromEvents = (events: JsonRecord[]): RunParts => {
  const observations = new Map<unknown, JsonRecord[]>();
  for (const e of events) {
    if (typeof e.observation === 'string' && e.cause !== undefined && e.cause !== null) {
      const list = observations.get(e.cause) ?? [];
      list.push(e);
      observations.set(e.cause, list);
    }
  }
  const firstUser = events.find((e) => e.source === 'user' && e.action === 'message');
  const problemStatement = firstUser ? str(argsOf(firstUser).content) || str(firstUser.message) : '';
  const steps: TrajectoryStepInput[] = [];
  for (const e of events) {
    if (typeof e.action !== 'string' || e.source !== 'agent' || NOT_STEPS.has(e.action)) continue;
    const answers = observations.get(e.id) ?? [];
    const last = answers.at(-1);
    steps.push({
      id: `step-${steps.length + 1}`,
      thought: thoughtOf(e),
      action: actionText(e),
      toolCalls: toolCallOf(e),
      observation: answers.map(observationText).filter((t) => t !== '').join('\n'),
      elapsedSeconds: last ? seconds(e.timestamp, last.timestamp) : null,
      startedAt: strOrNull(e.timestamp),
    });
  }
  return { problemStatement: problemStatement.trim() === '' ? NO_PROBLEM_STATEMENT : problemStatement, steps };
};

export const importOpenHandsEvents = (text: string, parsed?: unknown, project = OPENHANDS_DEFAULT_PROJECT): Result<Task[]> => {
  let value = parsed;
  if (value === undefined) {
    try {
      value = JSON.parse(text) as unknown;
    } catch (error) {
      return expected(EXPECTED_EVENTS, `The file is not valid JSON (${error instanceof Error ? error.message.slice(0, 160) : 'parse error'})`);
    }
  }
  const list = Array.isArray(value) ? value : isRecord(value) && Array.isArray(value.events) ? value.events : null;
  if (list === null) return expected(EXPECTED_EVENTS, 'The file is not a list of events');
  const bad = list.findIndex((e) => !isRecord(e));
  if (bad >= 0) return expected(EXPECTED_EVENTS, `Event ${bad + 1} is not an object`);
  const { problemStatement, steps } = stepsFromEvents(list as JsonRecord[]);
  const task = buildRunTask(
    {
      id: runId('openhands', problemStatement, String(steps.length), str(steps[0]?.action)),
      project,
      title: titleOf(problemStatement, 'OpenHands run'),
      payload: { problemStatement, repository: { name: 'workspace', baseCommit: '', files: [] }, steps, source: { format: 'openhands-events', text } },
    },
    'The run',
  );
  return task.ok ? ok([task.value]) : task;
};

export const importOpenHandsOutput = (text: string, project = OPENHANDS_DEFAULT_PROJECT, maxTasks = 100_000): Result<Task[]> => {
  const tasks: Task[] = [];
  const lines = text.split('\n');
  if (firstNonBlankLine(text) === null) return expected(EXPECTED_OUTPUT, 'The file is empty');
  for (let n = 0; n < lines.length; n++) {
    const line = (lines[n] as string).replace(/\r$/, '');
    if (line.trim() === '') continue;
    const place = `Line ${n + 1}`;
    let record: unknown;
    try {
      record = JSON.parse(line) as unknown;
    } catch (error) {
      return fail('import_failed', `${place}: not valid JSON (${error instanceof Error ? error.message.slice(0, 160) : 'parse error'}). Nothing was imported.`, place);
    }
    if (!isRecord(record) || !isOpenHandsOutput(record)) {
      return fail('import_failed', `${place}: expected an object with "instance_id" and a "history" list. Nothing was imported.`, place);
    }
    const instance = isRecord(record.instance) ? record.instance : {};
    const run = stepsFromEvents(flatten(record.history as unknown[]));
    const problem = str(instance.problem_statement) || str(record.instruction) || run.problemStatement;
    const testResult = isRecord(record.test_result) ? record.test_result : {};
    const patch = str(testResult.git_patch) || str(record.git_patch);
    const instanceId = str(record.instance_id);
    const task = buildRunTask(
      {
        id: runId('openhands', instanceId, problem, patch, String(run.steps.length)),
        project,
        title: `${instanceId}: ${titleOf(problem, 'OpenHands run')}`.slice(0, 200),
        payload: {
          problemStatement: problem,
          repository: { name: str(instance.repo) || 'unknown repository', baseCommit: str(instance.base_commit), files: [] },
          steps: run.steps,
          patch,
          exitStatus: record.error ? `error: ${str(record.error)}` : '',
          instanceId,
          source: { format: 'openhands-output', text: line },
        },
      },
      place,
    );
    if (!task.ok) return task;
    tasks.push(task.value);
    if (tasks.length > maxTasks) return fail('import_failed', `The file holds more than ${maxTasks} runs. Split it into smaller files.`, place);
  }
  return ok(tasks);
};
