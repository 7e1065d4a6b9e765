import { sql } from 'kysely';
import { annotationSchema, type Annotation } from '../../shared/domain';
import { formatFieldPath } from '../../shared/formats/describeIssue';
import { isoAt, type StoreContext } from './context';
import { all, one, run } from './database';
import { PlatformError } from './errors';

/**
 * Gold tasks: a task with the judgement it is expected to get. Nothing about it reaches experts (their task,
 * changes and snapshot are untouched); reviewers see each expert's score on it (shared/review/goldScore).
 */
export const createGoldRepository = ({ db, now }: StoreContext) => {
  return {
    /** Marks `taskId` gold with the judgement `value` (an annotation of the task's kind), or replaces its expected judgement. */
    async mark(taskId: string, value: unknown): Promise<Annotation> {
      const task = await one<{ kind: string }>(db.kysely, sql`SELECT kind FROM tasks WHERE id = ${taskId}`);
      if (task === undefined) throw new PlatformError('not_found', `No task ${taskId}`, 'task');
      const parsed = annotationSchema.safeParse(value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue ? formatFieldPath(issue.path) : '';
        throw new PlatformError('invalid', `The expected judgement is not an annotation${field === '' ? '' : ` at ${field}`}: ${issue?.message ?? 'invalid'}`, field || 'expected');
      }
      if (parsed.data.kind !== task.kind) throw new PlatformError('invalid', `Task ${taskId} is a ${task.kind} task; the expected judgement is for ${parsed.data.kind}`, 'kind');
      await run(
        db.kysely,
        sql`INSERT INTO gold_tasks (task_id, expected_json, marked_at) VALUES (${taskId}, ${JSON.stringify(parsed.data)}, ${isoAt(now())})
          ON CONFLICT (task_id) DO UPDATE SET expected_json = excluded.expected_json, marked_at = excluded.marked_at`,
      );
      return parsed.data;
    },

    /** Makes a gold task an ordinary one again; false when it was not gold. */
    clear: async (taskId: string): Promise<boolean> => (await run(db.kysely, sql`DELETE FROM gold_tasks WHERE task_id = ${taskId}`)) > 0,

    async expected(taskId: string): Promise<Annotation | null> {
      const row = await one<{ expected_json: string }>(db.kysely, sql`SELECT expected_json FROM gold_tasks WHERE task_id = ${taskId}`);
      return row === undefined ? null : annotationSchema.parse(JSON.parse(row.expected_json));
    },

    ofProject: async (project: string): Promise<Map<string, Annotation>> =>
      new Map(
        (
          await all<{ task_id: string; expected_json: string }>(
            db.kysely,
            sql`SELECT g.task_id, g.expected_json FROM gold_tasks g JOIN tasks t ON t.id = g.task_id WHERE t.project = ${project} ORDER BY g.task_id`,
          )
        ).map((r) => [r.task_id, annotationSchema.parse(JSON.parse(r.expected_json))]),
      ),
  };
};
export type GoldRepository = ReturnType<typeof createGoldRepository>;
