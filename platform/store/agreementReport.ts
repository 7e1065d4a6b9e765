import { annotationSchema, type Annotation, type TaskKind } from '../../shared/domain';
import { agreementSummary, taskAgreement, type TaskJudgements } from '../../shared/review/agreementReport';
import { goldScore } from '../../shared/review/goldScore';
import type { AgreementReport, TaskJudgementsResponse } from '../../shared/sync/reviewQuality';
import { sql } from 'kysely';
import { isoAt, type StoreContext } from './context';
import { all, insertOrderColumn, one, type Database } from './database';
import { PlatformError } from './errors';
import type { GoldRepository } from './gold';
import type { RevisionChain } from './revisionChain';

interface LatestRow {
  id: string;
  task_id: string;
  user_id: string;
  expert: string;
  kind: TaskKind;
  revision: number;
  annotation_json: string;
  active_seconds: number;
  submitted_at: string;
}

/** Each expert's latest submission of each task: what agreement and gold scores are computed on. */
const latest = (db: Database) =>
  sql.raw(`
  SELECT s.id, s.task_id, s.user_id, u.name AS expert, t.kind, s.revision, s.annotation_json, s.active_seconds, s.submitted_at
  FROM submissions s JOIN users u ON u.id = s.user_id JOIN tasks t ON t.id = s.task_id
  WHERE ${insertOrderColumn(db, 's')} = (SELECT max(${insertOrderColumn(db, 's2')}) FROM submissions s2 WHERE s2.task_id = s.task_id AND s2.user_id = s.user_id)`);

const annotationOf = (row: LatestRow): Annotation => annotationSchema.parse(JSON.parse(row.annotation_json));

/** The reviewer's views of agreement: one task's judgements side by side, and a project's report. */
export const createAgreementReports = ({ db, now }: StoreContext, gold: GoldRepository, chain: RevisionChain) => {
  const LATEST = latest(db);
  return {
    /** Every expert's latest judgement of `taskId`, with its hash chain, gold score and the task's agreement figures. */
    async taskJudgements(taskId: string): Promise<TaskJudgementsResponse> {
      const info = await one<{ project: string; kind: TaskKind }>(db.kysely, sql`SELECT project, kind FROM tasks WHERE id = ${taskId}`);
      if (!info) throw new PlatformError('not_found', `No task ${taskId}`, 'taskId');
      const expected = await gold.expected(taskId);
      const rows = await all<LatestRow>(db.kysely, sql`${LATEST} AND s.task_id = ${taskId} ORDER BY u.name`);
      const judgements = [];
      for (const row of rows) {
        const annotation = annotationOf(row);
        judgements.push({
          expert: row.expert,
          submissionId: row.id,
          revision: row.revision,
          annotation,
          activeSeconds: row.active_seconds,
          submittedAt: row.submitted_at,
          goldScore: expected === null || expected.kind !== annotation.kind ? null : goldScore(expected, annotation),
          history: await chain.chain(taskId, row.user_id),
        });
      }
      const agreement = taskAgreement({ taskId, kind: info.kind, judgements, gold: expected });
      return { taskId, project: info.project, kind: info.kind, gold: expected, judgements, agreement };
    },

    /** The agreement report of `project`: figures per kind and per task judged by two experts or more, and gold scores. */
    async report(project: string): Promise<AgreementReport> {
      const count = Number((await one<{ n: number }>(db.kysely, sql`SELECT count(*) AS n FROM tasks WHERE project = ${project}`))?.n ?? 0);
      if (count === 0) throw new PlatformError('not_found', `No project ${project}`, 'project');
      const goldOf = await gold.ofProject(project);
      const byTask = new Map<string, TaskJudgements & { judgements: Array<{ expert: string; annotation: Annotation }> }>();
      for (const row of await all<LatestRow>(db.kysely, sql`${LATEST} AND t.project = ${project} ORDER BY s.task_id, u.name`)) {
        const entry = byTask.get(row.task_id) ?? { taskId: row.task_id, kind: row.kind, judgements: [], gold: goldOf.get(row.task_id) ?? null };
        entry.judgements.push({ expert: row.expert, annotation: annotationOf(row) });
        byTask.set(row.task_id, entry);
      }
      const summary = agreementSummary([...byTask.values()]);
      const experts = [...new Set([...byTask.values()].flatMap((t) => t.judgements.map((j) => j.expert)))].sort().map((expert) => {
        const scores = summary.gold.filter((g) => g.expert === expert && g.score !== null).map((g) => g.score!);
        return {
          expert,
          judged: [...byTask.values()].filter((t) => t.judgements.some((j) => j.expert === expert)).length,
          goldTasks: summary.gold.filter((g) => g.expert === expert).length,
          goldMean: scores.length === 0 ? null : scores.reduce((s, v) => s + v, 0) / scores.length,
        };
      });
      return { project, generatedAt: isoAt(now()), taskCount: count, kinds: summary.kinds, tasks: summary.tasks, gold: summary.gold, experts };
    },
  };
};
export type AgreementReports = ReturnType<typeof createAgreementReports>;

/** The report as CSV, one figure a row: scope (project, task, gold), kind, task, expert, measure, value, n. */
export const agreementCsv = (report: AgreementReport): string => {
  const cell = (v: string | number | null): string => {
    const text = v === null ? '' : typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(4)) : v;
    // Quoted when needed, and a leading = + - @ neutralised so a spreadsheet never runs a cell as a formula.
    const safe = /^[=+\-@\t\r]/.test(text) && typeof v === 'string' ? `'${text}` : text;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const rows: Array<Array<string | number | null>> = [['scope', 'project', 'kind', 'task', 'expert', 'measure', 'value', 'n']];
  for (const k of report.kinds) for (const f of k.figures) rows.push(['project', report.project, k.kind, '', '', f.measure, f.value, f.n]);
  for (const t of report.tasks) for (const f of t.figures) rows.push(['task', report.project, t.kind, t.taskId, t.experts.join(' '), f.measure, f.value, f.n]);
  for (const g of report.gold) rows.push(['gold', report.project, g.kind, g.taskId, g.expert, 'gold_score', g.score, g.of]);
  return rows.map((r) => r.map(cell).join(',')).join('\n') + '\n';
};
