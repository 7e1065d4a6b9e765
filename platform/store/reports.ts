import { annotationSchema, type Annotation } from '../../shared/domain';
import { serializeCanonicalTasks } from '../../shared/formats/canonicalJsonl';
import type { ReviewRecord } from '../../shared/sync/protocol';
import type { StoreContext } from './context';
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

export const createReports = ({ db }: StoreContext) => {
  const stateCounts = db.prepare<[], { project: string; state: TaskState; n: number }>(`
    SELECT t.project, coalesce(a.state, 'unassigned') AS state, count(*) AS n
    FROM tasks t LEFT JOIN assignments a ON a.task_id = t.id AND a.ended_at IS NULL
    GROUP BY t.project, state ORDER BY t.project`);
  // With overlap a task has several live assignments: the total counts tasks, the states count assignments.
  const taskTotals = db.prepare<[], { project: string; n: number }>('SELECT project, count(*) AS n FROM tasks GROUP BY project');
  const count = (table: 'submissions' | 'quarantine' | 'users') => db.prepare<[], number>(`SELECT count(*) FROM ${table}`).pluck();
  const counts = { submissions: count('submissions'), quarantine: count('quarantine'), users: count('users') };
  const tasks = db.prepare<[string | null, string | null], string>('SELECT task_json FROM tasks WHERE (? IS NULL OR project = ?) ORDER BY project, imported_at, id').pluck();
  const submissions = db.prepare<
    [string | null, string | null],
    { id: string; task_id: string; project: string; expert: string; revision: number; annotation_json: string; active_seconds: number; client_time: string; submitted_at: string; task_version: number | null }
  >(`
    SELECT s.id, s.task_id, t.project, u.name AS expert, s.revision, s.task_version, s.annotation_json, s.active_seconds, s.client_time, s.submitted_at
    FROM submissions s JOIN tasks t ON t.id = s.task_id JOIN users u ON u.id = s.user_id
    WHERE (? IS NULL OR t.project = ?) ORDER BY s.submitted_at, s.rowid`);
  const reviewOf = db.prepare<[string], string>('SELECT record_json FROM reviews WHERE submission_id = ? ORDER BY reviewed_at DESC, rowid DESC LIMIT 1').pluck();

  return {
    status(): PlatformStatus {
      const projects = new Map<string, ProjectStatus>();
      for (const row of stateCounts.all()) {
        const entry = projects.get(row.project) ?? { project: row.project, total: 0, byState: { unassigned: 0, assigned: 0, submitted: 0, returned: 0, accepted: 0 } };
        entry.byState[row.state] += row.n;
        projects.set(row.project, entry);
      }
      for (const row of taskTotals.all()) {
        const entry = projects.get(row.project);
        if (entry) entry.total = row.n;
      }
      return {
        projects: [...projects.values()],
        submissions: counts.submissions.get() ?? 0,
        quarantined: counts.quarantine.get() ?? 0,
        users: counts.users.get() ?? 0,
      };
    },

    exportText(format: ExportFormat, project?: string): string {
      const p = project ?? null;
      if (format === 'canonical-jsonl') return serializeCanonicalTasks(tasks.all(p, p).map(parseStoredTask));
      const lines = submissions.all(p, p).map((row): string => {
        const reviewJson = reviewOf.get(row.id);
        const review = reviewJson === undefined ? null : (JSON.parse(reviewJson) as ReviewRecord);
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
        return JSON.stringify(line);
      });
      return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
    },
  };
};
export type Reports = ReturnType<typeof createReports>;
