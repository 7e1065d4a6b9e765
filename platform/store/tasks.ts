import { rubricSchema, taskSchema, type Rubric, type Task } from '../../shared/domain';
import { isoAt, type StoreContext } from './context';
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

export const createTaskRepository = ({ db, now }: StoreContext, onTaskUpdated: (task: Task) => void) => {
  const selectTask = db.prepare<[string], TaskRow>('SELECT id, project, version, task_json FROM tasks WHERE id = ?');
  const selectProject = db.prepare<[string], { guidelines: string; rubric_json: string | null }>('SELECT guidelines, rubric_json FROM projects WHERE name = ?');
  const insertProject = db.prepare('INSERT INTO projects (name, guidelines, rubric_json, created_at) VALUES (?, ?, ?, ?)');
  const updateProject = db.prepare('UPDATE projects SET guidelines = coalesce(?, guidelines), rubric_json = coalesce(?, rubric_json) WHERE name = ?');
  const insertTask = db.prepare('INSERT INTO tasks (id, project, kind, version, task_json, imported_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  // kind is written with task_json: the mutation check reads the column, the client reads the JSON.
  const updateTask = db.prepare('UPDATE tasks SET kind = ?, version = ?, task_json = ?, updated_at = ? WHERE id = ?');
  const insertVersion = db.prepare('INSERT OR REPLACE INTO task_versions (task_id, version, task_json, created_at) VALUES (?, ?, ?, ?)');
  const selectVersion = db.prepare<[string, number], string>('SELECT task_json FROM task_versions WHERE task_id = ? AND version = ?').pluck();
  const selectAccepted = db.prepare<[string], { version: number; min_accepted_version: number }>('SELECT version, min_accepted_version FROM tasks WHERE id = ?');
  const retireOlder = db.prepare<[number, string]>('UPDATE tasks SET min_accepted_version = ? WHERE id = ?');
  const hasWork = db.prepare<[string, string], number>(`
    SELECT EXISTS (SELECT 1 FROM submissions WHERE task_id = ?)
        OR EXISTS (SELECT 1 FROM drafts d JOIN assignments a ON a.id = d.assignment_id WHERE a.task_id = ?)`).pluck();

  const ensureProject = (name: string, settings: ProjectSettings): { guidelines: string; rubric: Rubric | null } => {
    const rubricJson = settings.rubric === undefined ? null : JSON.stringify(rubricSchema.parse(settings.rubric));
    if (selectProject.get(name) === undefined) insertProject.run(name, settings.guidelines ?? '', rubricJson, isoAt(now()));
    else updateProject.run(settings.guidelines ?? null, rubricJson, name);
    const row = selectProject.get(name);
    if (!row) throw new Error(`project ${name} vanished`);
    return { guidelines: row.guidelines, rubric: row.rubric_json === null ? null : rubricSchema.parse(JSON.parse(row.rubric_json)) };
  };

  return {
    get(id: string): Task | null {
      const row = selectTask.get(id);
      return row ? parseStoredTask(row.task_json) : null;
    },

    /** The task as it was at `version` (every version is kept); null when it never had that version. */
    atVersion(id: string, version: number): Task | null {
      const json = selectVersion.get(id, version);
      return json === undefined ? null : parseStoredTask(json);
    },

    /** The latest version and the oldest one submissions may still be made against. */
    acceptedVersions(id: string): { latest: number; oldest: number } | null {
      const row = selectAccepted.get(id);
      return row ? { latest: row.version, oldest: row.min_accepted_version } : null;
    },

    /**
     * Adds the tasks to `project` (their own project field is replaced). A task id already on the server
     * in the same project is updated when its content differs: its version goes up and whoever holds it
     * gets a task_updated change. Its kind may change only while nobody has a draft or submission of it. All
   * or nothing.
     */
    importTasks(project: string, tasks: readonly Task[], settings: ProjectSettings = {}): ImportSummary {
      if (project.trim() === '' || project.length > 200) throw new PlatformError('invalid', 'A project name is 1-200 characters');
      return db.transaction(() => {
        const defaults = ensureProject(project, settings);
        const summary: ImportSummary = { project, created: 0, updated: 0, unchanged: 0 };
        const at = isoAt(now());
        for (const incoming of tasks) {
          const task = withProjectDefaults(incoming, project, defaults.guidelines, defaults.rubric);
          const existing = selectTask.get(task.id);
          if (!existing) {
            insertTask.run(task.id, project, task.payload.kind, task.version, JSON.stringify(task), at, at);
            insertVersion.run(task.id, task.version, JSON.stringify(task), at);
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
          if (stored.payload.kind !== task.payload.kind && hasWork.get(task.id, task.id) === 1) {
            // Drafts and submissions of the old kind would no longer fit the task: refuse rather than orphan them.
            throw new PlatformError(
              'conflict',
              `Task ${task.id} is a ${stored.payload.kind} task with drafts or submissions already; it cannot become a ${task.payload.kind} task. Import it under a new id.`,
            );
          }
          const next: Task = { ...task, version: Math.max(stored.version + 1, task.version) };
          updateTask.run(next.payload.kind, next.version, JSON.stringify(next), at, next.id);
          insertVersion.run(next.id, next.version, JSON.stringify(next), at);
          if (settings.retireOlder === true) retireOlder.run(next.version, next.id);
          onTaskUpdated(next);
          summary.updated += 1;
        }
        return summary;
      })();
    },
  };
};
export type TaskRepository = ReturnType<typeof createTaskRepository>;
