import { annotationSchema, type Annotation, type Draft } from '@shared/domain';
import type { Db } from './database';

interface DraftRow {
  task_id: string;
  revision: number;
  annotation_json: string;
  active_seconds: number;
  saved_at: string;
}

const toDraft = (row: DraftRow): Draft => ({
  taskId: row.task_id,
  revision: row.revision,
  annotation: annotationSchema.parse(JSON.parse(row.annotation_json)),
  activeSeconds: row.active_seconds,
  savedAt: row.saved_at,
});

/** The expert's current annotation per task and every revision of it. */
export const createDraftRepository = (db: Db) => {
  const selectDraft = db.prepare<[string], DraftRow>('SELECT * FROM drafts WHERE task_id = ?');
  const insertRevision = db.prepare(
    'INSERT INTO draft_revisions (task_id, revision, annotation_json, active_seconds, saved_at) VALUES (@taskId, @revision, @json, @activeSeconds, @savedAt)',
  );
  const upsertDraft = db.prepare(`
    INSERT INTO drafts (task_id, revision, annotation_json, active_seconds, saved_at)
    VALUES (@taskId, @revision, @json, @activeSeconds, @savedAt)
    ON CONFLICT (task_id) DO UPDATE SET revision = excluded.revision, annotation_json = excluded.annotation_json,
      active_seconds = excluded.active_seconds, saved_at = excluded.saved_at`);
  const selectRevisions = db.prepare<[string], DraftRow>('SELECT * FROM draft_revisions WHERE task_id = ? ORDER BY revision');

  return {
    get(taskId: string): Draft | null {
      const row = selectDraft.get(taskId);
      return row ? toDraft(row) : null;
    },

    /** Writes the next revision and makes it current. Call inside a transaction. */
    save(taskId: string, annotation: Annotation, activeSeconds: number, savedAt: string): Draft {
      const revision = (selectDraft.get(taskId)?.revision ?? 0) + 1;
      const row = { taskId, revision, json: JSON.stringify(annotation), activeSeconds, savedAt };
      insertRevision.run(row);
      upsertDraft.run(row);
      return { taskId, revision, annotation, activeSeconds, savedAt };
    },

    revisions: (taskId: string): Draft[] => selectRevisions.all(taskId).map(toDraft),
  };
};
export type DraftRepository = ReturnType<typeof createDraftRepository>;
