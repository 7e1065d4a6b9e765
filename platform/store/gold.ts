import { annotationSchema, type Annotation } from '../../shared/domain';
import { formatFieldPath } from '../../shared/formats/describeIssue';
import { isoAt } from './context';
import { PlatformError } from './errors';
import type { Db } from './sqlite';

/**
 * Gold tasks: a task with the judgement it is expected to get. Nothing about it reaches experts (their task,
 * changes and snapshot are untouched); reviewers see each expert's score on it (shared/review/goldScore).
 */
export const createGoldRepository = (db: Db, now: () => number) => {
  const taskKind = db.prepare<[string], string>('SELECT kind FROM tasks WHERE id = ?').pluck();
  const upsert = db.prepare(`INSERT INTO gold_tasks (task_id, expected_json, marked_at) VALUES (?, ?, ?)
    ON CONFLICT (task_id) DO UPDATE SET expected_json = excluded.expected_json, marked_at = excluded.marked_at`);
  const remove = db.prepare<[string]>('DELETE FROM gold_tasks WHERE task_id = ?');
  const expected = db.prepare<[string], string>('SELECT expected_json FROM gold_tasks WHERE task_id = ?').pluck();
  const ofProject = db.prepare<[string], { task_id: string; expected_json: string }>(
    'SELECT g.task_id, g.expected_json FROM gold_tasks g JOIN tasks t ON t.id = g.task_id WHERE t.project = ? ORDER BY g.task_id',
  );

  return {
    /** Marks `taskId` gold with the judgement `value` (an annotation of the task's kind), or replaces its expected judgement. */
    mark(taskId: string, value: unknown): Annotation {
      const kind = taskKind.get(taskId);
      if (kind === undefined) throw new PlatformError('not_found', `No task ${taskId}`, 'task');
      const parsed = annotationSchema.safeParse(value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue ? formatFieldPath(issue.path) : '';
        throw new PlatformError('invalid', `The expected judgement is not an annotation${field === '' ? '' : ` at ${field}`}: ${issue?.message ?? 'invalid'}`, field || 'expected');
      }
      if (parsed.data.kind !== kind) throw new PlatformError('invalid', `Task ${taskId} is a ${kind} task; the expected judgement is for ${parsed.data.kind}`, 'kind');
      upsert.run(taskId, JSON.stringify(parsed.data), isoAt(now()));
      return parsed.data;
    },

    /** Makes a gold task an ordinary one again; false when it was not gold. */
    clear: (taskId: string): boolean => remove.run(taskId).changes > 0,

    expected(taskId: string): Annotation | null {
      const json = expected.get(taskId);
      return json === undefined ? null : annotationSchema.parse(JSON.parse(json));
    },

    ofProject: (project: string): Map<string, Annotation> => new Map(ofProject.all(project).map((r) => [r.task_id, annotationSchema.parse(JSON.parse(r.expected_json))])),
  };
};
export type GoldRepository = ReturnType<typeof createGoldRepository>;
