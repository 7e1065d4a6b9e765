import { fail, ok, type Result, type Task } from '../../domain';
import { buildRunTask, isRecord, runId, str, titleOf, type JsonRecord } from './common';

/**
 * SWE-bench task instances, JSON Lines: `{instance_id, repo, base_commit, problem_statement, patch,
 * test_patch, ...}`. Each becomes a trajectory task without steps, for writing a run from scratch. The gold
 * `patch` is NOT shown (it is the answer); the whole line is kept as the source record.
 */

export const SWE_BENCH_DEFAULT_PROJECT = 'swe-bench';

export const isSweBenchInstance = (record: JsonRecord): boolean => typeof record.instance_id === 'string' && typeof record.problem_statement === 'string';

export const importSweBenchInstances = (text: string, project = SWE_BENCH_DEFAULT_PROJECT, maxTasks = 100_000): Result<Task[]> => {
  const tasks: Task[] = [];
  const lines = text.split('\n');
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
    if (!isRecord(record)) return fail('import_failed', `${place}: expected a SWE-bench instance object. Nothing was imported.`, place);
    for (const field of ['instance_id', 'problem_statement', 'repo'] as const) {
      if (typeof record[field] !== 'string' || (record[field] as string).trim() === '') {
        return fail('import_failed', `${place}: ${field}: expected non-empty text (a SWE-bench instance has instance_id, repo, base_commit and problem_statement). Nothing was imported.`, `${place}, field ${field}`);
      }
    }
    const instanceId = str(record.instance_id);
    const problem = str(record.problem_statement);
    const task = buildRunTask(
      {
        id: runId('swe-bench', instanceId, problem),
        project,
        title: `${instanceId}: ${titleOf(problem, instanceId)}`.slice(0, 200),
        payload: {
          problemStatement: problem,
          repository: { name: str(record.repo), baseCommit: str(record.base_commit), files: [] },
          steps: [],
          instanceId,
          source: { format: 'swe-bench-instance', text: line },
        },
      },
      place,
    );
    if (!task.ok) return task;
    tasks.push(task.value);
    if (tasks.length > maxTasks) return fail('import_failed', `The file holds more than ${maxTasks} instances. Split it into smaller files.`, place);
  }
  return ok(tasks);
};
