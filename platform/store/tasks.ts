import { rubricSchema, taskSchema, type Rubric, type Task } from '../../shared/domain';
import { sql } from 'kysely';
import { isoAt, type StoreContext } from './context';
import { one, run, transaction, type Executor } from './database';
import { PlatformError } from './errors';

interface TaskRow {
  id: string;
  project: string;
  version: number;
  task_json: string;
}

export interface ProjectSettings {
  guidelines?: string;
  rubric?: Rubric;
  /** Updated tasks no longer accept submissions made against their older versions. */
  retireOlder?: boolean;
}

export interface ImportSummary {
  project: string;
  created: number;
  updated: number;
  unchanged: number;
}

/** The stored form of a task: as defined, never with a lease (leases live on assignments). */
export const parseStoredTask = (json: string): Task => taskSchema.parse(JSON.parse(json));

/**
 * Project guidelines and rubric are baked into each task as it is imported, so what a client holds is
 * exactly what the server serves; a later change of the project's settings applies to later imports.
 */
const withProjectDefaults = (task: Task, project: string, guidelines: string, rubric: Rubric | null): Task => {
  const payload = task.payload.kind === 'ranking' && rubric !== null && task.payload.rubric.criteria.length === 0 ? { ...task.payload, rubric } : task.payload;
  return { ...task, project, guidelines: task.guidelines === '' ? guidelines : task.guidelines, lease: null, payload };
};

const sameContent = (a: Task, b: Task): boolean => JSON.stringify({ ...a, version: 0 }) === JSON.stringify({ ...b, version: 0 });

export const createTaskRepository = ({ db, now }: StoreContext, onTaskUpdated: (tx: Executor, task: Task) => Promise<void>) => {
  const selectTask = (ex: Executor, id: string) => one<TaskRow>(ex, sql`SELECT id, project, version, task_json FROM tasks WHERE id = ${id}`);
  const selectProject = (ex: Executor, name: string) => one<{ guidelines: string; rubric_json: string | null }>(ex, sql`SELECT guidelines, rubric_json FROM projects WHERE name = ${name}`);
  const insertVersion = (tx: Executor, id: string, version: number, json: string, at: string) =>
    run(
      tx,
      sql`INSERT INTO task_versions (task_id, version, task_json, created_at) VALUES (${id}, ${version}, ${json}, ${at})
        ON CONFLICT (task_id, version) DO UPDATE SET task_json = excluded.task_json, created_at = excluded.created_at`,
    );

  const ensureProject = async (tx: Executor, name: string, settings: ProjectSettings): Promise<{ guidelines: string; rubric: Rubric | null }> => {
    const rubricJson = settings.rubric === undefined ? null : JSON.stringify(rubricSchema.parse(settings.rubric));
    if ((await selectProject(tx, name)) === undefined) {
      await run(tx, sql`INSERT INTO projects (name, guidelines, rubric_json, created_at) VALUES (${name}, ${settings.guidelines ?? ''}, ${rubricJson}, ${isoAt(now())})`);
    } else {
      await run(tx, sql`UPDATE projects SET guidelines = coalesce(${settings.guidelines ?? null}, guidelines), rubric_json = coalesce(${rubricJson}, rubric_json) WHERE name = ${name}`);
    }
    const row = await selectProject(tx, name);
    if (!row) throw new Error(`project ${name} vanished`);
    return { guidelines: row.guidelines, rubric: row.rubric_json === null ? null : rubricSchema.parse(JSON.parse(row.rubric_json)) };
  };

  return {
    async get(id: string): Promise<Task | null> {
      const row = await selectTask(db.kysely, id);
      return row ? parseStoredTask(row.task_json) : null;
    },

    /** The task as it was at `version` (every version is kept); null when it never had that version. */
    async atVersion(id: string, version: number): Promise<Task | null> {
      const row = await one<{ task_json: string }>(db.kysely, sql`SELECT task_json FROM task_versions WHERE task_id = ${id} AND version = ${version}`);
      return row === undefined ? null : parseStoredTask(row.task_json);
    },

    /** The latest version and the oldest one submissions may still be made against. */
    async acceptedVersions(id: string): Promise<{ latest: number; oldest: number } | null> {
      const row = await one<{ version: number; min_accepted_version: number }>(db.kysely, sql`SELECT version, min_accepted_version FROM tasks WHERE id = ${id}`);
      return row ? { latest: Number(row.version), oldest: Number(row.min_accepted_version) } : null;
    },

    /**
     * Adds the tasks to `project` (their own project field is replaced). A task id already on the server
     * in the same project is updated when its content differs: its version goes up and whoever holds it
     * gets a task_updated change. Its kind may change only while nobody has a draft or submission of it. All
     * or nothing.
     */
    async importTasks(project: string, tasks: readonly Task[], settings: ProjectSettings = {}): Promise<ImportSummary> {
      if (project.trim() === '' || project.length > 200) throw new PlatformError('invalid', 'A project name is 1-200 characters');
      return transaction(db, async (tx) => {
        const defaults = await ensureProject(tx, project, settings);
        const summary: ImportSummary = { project, created: 0, updated: 0, unchanged: 0 };
        const at = isoAt(now());
        for (const incoming of tasks) {
          const task = withProjectDefaults(incoming, project, defaults.guidelines, defaults.rubric);
          const existing = await selectTask(tx, task.id);
          if (!existing) {
            const json = JSON.stringify(task);
            await run(tx, sql`INSERT INTO tasks (id, project, kind, version, task_json, imported_at, updated_at) VALUES (${task.id}, ${project}, ${task.payload.kind}, ${task.version}, ${json}, ${at}, ${at})`);
            await insertVersion(tx, task.id, task.version, json, at);
            summary.created += 1;
            continue;
          }
          if (existing.project !== project) {
            throw new PlatformError('conflict', `Task ${task.id} already exists in project ${existing.project}; task ids are unique on a platform`);
          }
          const stored = parseStoredTask(existing.task_json);
          if (sameContent(stored, task)) {
            summary.unchanged += 1;
            continue;
          }
          if (stored.payload.kind !== task.payload.kind) {
            const work = await one<{ v: number }>(
              tx,
              sql`SELECT CASE WHEN EXISTS (SELECT 1 FROM submissions WHERE task_id = ${task.id})
                OR EXISTS (SELECT 1 FROM drafts d JOIN assignments a ON a.id = d.assignment_id WHERE a.task_id = ${task.id}) THEN 1 ELSE 0 END AS v`,
            );
            if (Number(work?.v) === 1) {
              // Drafts and submissions of the old kind would no longer fit the task: refuse rather than orphan them.
              throw new PlatformError(
                'conflict',
                `Task ${task.id} is a ${stored.payload.kind} task with drafts or submissions already; it cannot become a ${task.payload.kind} task. Import it under a new id.`,
              );
            }
          }
          const next: Task = { ...task, version: Math.max(stored.version + 1, task.version) };
          const json = JSON.stringify(next);
          // kind is written with task_json: the mutation check reads the column, the client reads the JSON.
          await run(tx, sql`UPDATE tasks SET kind = ${next.payload.kind}, version = ${next.version}, task_json = ${json}, updated_at = ${at} WHERE id = ${next.id}`);
          await insertVersion(tx, next.id, next.version, json, at);
          if (settings.retireOlder === true) await run(tx, sql`UPDATE tasks SET min_accepted_version = ${next.version} WHERE id = ${next.id}`);
          await onTaskUpdated(tx, next);
          summary.updated += 1;
        }
        return summary;
      });
    },
  };
};
export type TaskRepository = ReturnType<typeof createTaskRepository>;
