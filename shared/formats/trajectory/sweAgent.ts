import { ok, type Result, type Task, type ToolCall, type TrajectoryStepInput } from '../../domain';
import {
  NO_PROBLEM_STATEMENT,
  buildRunTask,
  contentText,
  expected,
  isRecord,
  num,
  parseDocument,
  repoNameFromUrl,
  runId,
  str,
  titleOf,
  toolCallsOf,
  type JsonRecord,
} from './common';

/**
 * SWE-agent `.traj`: one JSON document `{trajectory: [{response, thought, action, observation, state,
 * execution_time?}], history: [{role, content, thought?, action?, tool_calls?, is_demo?}], info: {submission,
 * exit_status, ...}, replay_config?}`. Steps come from `trajectory[]`; the structured tool calls of the
 * function-calling agents live only in `history`, on the assistant message whose `action` is the step's.
 * The whole text is kept as the source so an unedited run exports byte for byte.
 */

export const SWE_AGENT_DEFAULT_PROJECT = 'swe-agent';
const EXPECTED = 'a SWE-agent .traj: one JSON object with a "trajectory" list of {thought, action, observation} steps';

export const isSweAgentTraj = (record: JsonRecord): boolean => Array.isArray(record.trajectory) && (Array.isArray(record.history) || isRecord(record.info));

const asRecord = (value: unknown): JsonRecord | null => {
  if (isRecord(value)) return value;
  if (typeof value === 'string' && value.trimStart().startsWith('{')) {
    try {
      const parsed = JSON.parse(value) as unknown;
      return isRecord(parsed) ? parsed : null;
    } catch {
      return null;
    }
  }
  return null;
};

const isDemo = (m: JsonRecord): boolean => m.is_demo === true || contentText(m.content).includes('--- DEMONSTRATION ---');

/** The issue text: the replay config's, else the part of the first real user turn between ISSUE: and INSTRUCTIONS:. */
const problemOf = (doc: JsonRecord, history: JsonRecord[]): string => {
  const config = asRecord(doc.replay_config);
  const statement = config && isRecord(config.problem_statement) ? str(config.problem_statement.text) : '';
  if (statement.trim() !== '') return statement;
  const firstUser = history.find((m) => m.role === 'user' && !isDemo(m));
  const text = firstUser ? contentText(firstUser.content) : '';
  const issue = /ISSUE:\n([\s\S]*?)(?:\n\nINSTRUCTIONS:|$)/.exec(text);
  const problem = (issue?.[1] ?? text).trim();
  return problem === '' ? NO_PROBLEM_STATEMENT : problem;
};

const repositoryOf = (doc: JsonRecord, firstState: JsonRecord | null): { name: string; baseCommit: string } => {
  const config = asRecord(doc.replay_config);
  const env = config && isRecord(config.env) ? config.env : null;
  const repo = env && isRecord(env.repo) ? env.repo : null;
  const url = repo ? str(repo.github_url) || str(repo.repo_name) || str(repo.path) : '';
  const baseCommit = repo ? str(repo.base_commit) : '';
  if (url !== '') return { name: repoNameFromUrl(url), baseCommit };
  const dir = firstState ? str(firstState.working_dir) : '';
  const name = dir.replace(/^\/+/, '') || 'unknown repository';
  return { name, baseCommit };
};

/** Tool calls per step: the i-th real assistant turn in history that carries the step's action. */
const toolCallsByStep = (steps: JsonRecord[], history: JsonRecord[]): ToolCall[][] => {
  const turns = history.filter((m) => m.role === 'assistant' && !isDemo(m));
  let cursor = 0;
  return steps.map((step) => {
    const action = str(step.action).trim();
    for (let i = cursor; i < turns.length; i++) {
      const turn = turns[i] as JsonRecord;
      if (str(turn.action).trim() === action) {
        cursor = i + 1;
        return toolCallsOf(turn.tool_calls);
      }
    }
    return [];
  });
};

export const importSweAgentTraj = (text: string, parsed?: unknown, project = SWE_AGENT_DEFAULT_PROJECT): Result<Task[]> => {
  const doc = parseDocument(text, parsed);
  if ('error' in doc) return expected(EXPECTED, `The file is not valid JSON (${doc.error})`);
  if (!isRecord(doc.value) || !Array.isArray(doc.value.trajectory)) return expected(EXPECTED, 'The file has no "trajectory" list');
  const root = doc.value;
  const raw = root.trajectory as unknown[];
  const bad = raw.findIndex((s) => !isRecord(s));
  if (bad >= 0) return expected(EXPECTED, `trajectory[${bad}] is not an object`);
  const steps = raw as JsonRecord[];
  const history = Array.isArray(root.history) ? root.history.filter(isRecord) : [];
  const calls = toolCallsByStep(steps, history);
  const info = isRecord(root.info) ? root.info : {};
  const problemStatement = problemOf(root, history);
  const firstState = steps.length > 0 ? asRecord(steps[0]?.state) : null;
  const repository = repositoryOf(root, firstState);
  const stepInputs: TrajectoryStepInput[] = steps.map((s, i) => ({
    id: `step-${i + 1}`,
    thought: str(s.thought) || str(s.response),
    action: str(s.action),
    toolCalls: calls[i] ?? [],
    observation: str(s.observation),
    elapsedSeconds: num(s.execution_time),
  }));
  const patch = str(info.submission);
  const config = asRecord(root.replay_config);
  const instanceId = config && isRecord(config.problem_statement) ? str(config.problem_statement.id) : '';
  const task = buildRunTask(
    {
      id: runId('swe-agent', problemStatement, patch, String(steps.length), str(steps[0]?.action)),
      project,
      title: titleOf(problemStatement, 'SWE-agent run'),
      payload: {
        problemStatement,
        repository: { ...repository, files: [] },
        steps: stepInputs,
        patch,
        exitStatus: str(info.exit_status),
        instanceId,
        source: { format: 'swe-agent-traj', text },
      },
    },
    'The run',
  );
  return task.ok ? ok([task.value]) : task;
};
