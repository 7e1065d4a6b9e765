import { annotationSchema, type Annotation } from '../../shared/domain';
import { serializeCanonicalTasks } from '../../shared/formats/canonicalJsonl';
import type { ReviewRecord } from '../../shared/sync/protocol';
import { sql } from 'kysely';
import type { StoreContext } from './context';
import { all, insertOrder, one, transaction } from './database';
import { parseStoredTask } from './tasks';

export const TASK_STATES = ['unassigned', 'assigned', 'submitted', 'returned', 'accepted'] as const;
export type TaskState = (typeof TASK_STATES)[number];

export interface ProjectStatus {
  project: string;
  total: number;
  byState: Record<TaskState, number>;
}

export interface PlatformStatus {
  projects: ProjectStatus[];
  submissions: number;
  quarantined: number;
  users: number;
}

/** One line of submissions-jsonl: a submission with who made it and the verdict on it, if any. */
export interface SubmissionExport {
  submissionId: string;
  taskId: string;
  project: string;
  expert: string;
  revision: number;
  /** The version of the task the work was made against. */
  taskVersion: number | null;
  annotation: Annotation;
  activeSeconds: number;
  clientTime: string;
  submittedAt: string;
  review: Pick<ReviewRecord, 'verdict' | 'reviewer' | 'reviewedAt' | 'comments' | 'fixedAnnotation'> | null;
}

export type ExportFormat = 'canonical-jsonl' | 'submissions-jsonl';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['canonical-jsonl', 'submissions-jsonl'];

interface SubmissionRow {
  id: string;
  task_id: string;
  project: string;
  expert: string;
  revision: number;
  annotation_json: string;
  active_seconds: number;
  client_time: string;
  submitted_at: string;
  task_version: number | null;
}

export const createReports = ({ db }: StoreContext) => {
  return {
    status(): Promise<PlatformStatus> {
      return transaction(
        db,
        async (tx) => {
          const projects = new Map<string, ProjectStatus>();
          const rows = await all<{ project: string; state: TaskState; n: number }>(
            tx,
            sql`SELECT t.project, coalesce(a.state, 'unassigned') AS state, count(*) AS n
              FROM tasks t LEFT JOIN assignments a ON a.task_id = t.id AND a.ended_at IS NULL
              GROUP BY t.project, coalesce(a.state, 'unassigned') ORDER BY t.project`,
          );
          for (const row of rows) {
            const entry = projects.get(row.project) ?? { project: row.project, total: 0, byState: { unassigned: 0, assigned: 0, submitted: 0, returned: 0, accepted: 0 } };
            entry.byState[row.state] += Number(row.n);
            projects.set(row.project, entry);
          }
          // With overlap a task has several live assignments: the total counts tasks, the states count assignments.
          for (const row of await all<{ project: string; n: number }>(tx, sql`SELECT project, count(*) AS n FROM tasks GROUP BY project`)) {
            const entry = projects.get(row.project);
            if (entry) entry.total = Number(row.n);
          }
          const count = async (table: 'submissions' | 'quarantine' | 'users'): Promise<number> => Number((await one<{ n: number }>(tx, sql`SELECT count(*) AS n FROM ${sql.table(table)}`))?.n ?? 0);
          return {
            projects: [...projects.values()],
            submissions: await count('submissions'),
            quarantined: await count('quarantine'),
            users: await count('users'),
          };
        },
        'read',
      );
    },

    exportText(format: ExportFormat, project?: string): Promise<string> {
      const p = project ?? null;
      return transaction(
        db,
        async (tx) => {
          if (format === 'canonical-jsonl') {
            const tasks = await all<{ task_json: string }>(tx, sql`SELECT task_json FROM tasks WHERE (CAST(${p} AS TEXT) IS NULL OR project = ${p}) ORDER BY project, imported_at, id`);
            return serializeCanonicalTasks(tasks.map((t) => parseStoredTask(t.task_json)));
          }
          const rows = await all<SubmissionRow>(
            tx,
            sql`SELECT s.id, s.task_id, t.project, u.name AS expert, s.revision, s.task_version, s.annotation_json, s.active_seconds, s.client_time, s.submitted_at
              FROM submissions s JOIN tasks t ON t.id = s.task_id JOIN users u ON u.id = s.user_id
              WHERE (CAST(${p} AS TEXT) IS NULL OR t.project = ${p}) ORDER BY s.submitted_at, ${insertOrder(db, 's')}`,
          );
          const lines: string[] = [];
          for (const row of rows) {
            const reviewRow = await one<{ record_json: string }>(
              tx,
              sql`SELECT record_json FROM reviews WHERE submission_id = ${row.id} ORDER BY reviewed_at DESC, ${insertOrder(db, 'reviews')} DESC LIMIT 1`,
            );
            const review = reviewRow === undefined ? null : (JSON.parse(reviewRow.record_json) as ReviewRecord);
            const line: SubmissionExport = {
              submissionId: row.id,
              taskId: row.task_id,
              project: row.project,
              expert: row.expert,
              revision: row.revision,
              taskVersion: row.task_version,
              annotation: annotationSchema.parse(JSON.parse(row.annotation_json)),
              activeSeconds: row.active_seconds,
              clientTime: row.client_time,
              submittedAt: row.submitted_at,
              review: review && { verdict: review.verdict, reviewer: review.reviewer, reviewedAt: review.reviewedAt, comments: review.comments, fixedAnnotation: review.fixedAnnotation },
            };
            lines.push(JSON.stringify(line));
          }
          return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
        },
        'read',
      );
    },
  };
};
export type Reports = ReturnType<typeof createReports>;
