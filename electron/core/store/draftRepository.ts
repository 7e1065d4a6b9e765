import { annotationSchema, type Annotation, type Draft, type DraftHistoryEntry } from '@shared/domain';
import { auditJsonl, GENESIS_HASH, verifyChain, type ChainCheck, type ChainedRevision } from '@shared/review/historyChain';
import { nativeRevisionHash } from './chainHash';
import type { Db } from './database';

interface DraftRow {
  task_id: string;
  revision: number;
  annotation_json: string;
  active_seconds: number;
  saved_at: string;
  task_version: number | null;
}

interface RevisionRow extends DraftRow {
  author: string | null;
  chain_hash: string | null;
}

const chained = (row: RevisionRow): ChainedRevision => ({
  content: {
    taskId: row.task_id,
    revision: row.revision,
    taskVersion: row.task_version,
    activeSeconds: row.active_seconds,
    savedAt: row.saved_at,
    author: row.author,
    annotation: JSON.parse(row.annotation_json) as unknown,
  },
  hash: row.chain_hash,
});

const toDraft = (row: DraftRow): Draft => ({
  taskId: row.task_id,
  revision: row.revision,
  annotation: annotationSchema.parse(JSON.parse(row.annotation_json)),
  activeSeconds: row.active_seconds,
  savedAt: row.saved_at,
  ...(row.task_version === null ? {} : { taskVersion: row.task_version }),
});

/** The expert's current annotation per task, every revision of it, and the task version each was made against. */
export const createDraftRepository = (db: Db) => {
  const selectDraft = db.prepare<[string], DraftRow>('SELECT * FROM drafts WHERE task_id = ?');
  const lastRevision = db.prepare<[string], { revision: number; chain_hash: string | null }>(
    'SELECT revision, chain_hash FROM draft_revisions WHERE task_id = ? ORDER BY revision DESC LIMIT 1',
  );
  const insertRevision = db.prepare(
    'INSERT INTO draft_revisions (task_id, revision, annotation_json, active_seconds, saved_at, task_version, author, chain_hash) VALUES (@taskId, @revision, @json, @activeSeconds, @savedAt, @taskVersion, @author, @hash)',
  );
  const selectChain = db.prepare<[string], RevisionRow>('SELECT * FROM draft_revisions WHERE task_id = ? ORDER BY revision');
  const upsertDraft = db.prepare(`
    INSERT INTO drafts (task_id, revision, annotation_json, active_seconds, saved_at, task_version)
    VALUES (@taskId, @revision, @json, @activeSeconds, @savedAt, @taskVersion)
    ON CONFLICT (task_id) DO UPDATE SET revision = excluded.revision, annotation_json = excluded.annotation_json,
      active_seconds = excluded.active_seconds, saved_at = excluded.saved_at, task_version = excluded.task_version,
      kept_through_version = CASE WHEN drafts.task_version IS excluded.task_version THEN drafts.kept_through_version END`);
  const selectRevisions = db.prepare<[string], DraftRow>('SELECT * FROM draft_revisions WHERE task_id = ? ORDER BY revision');
  const selectRevision = db.prepare<[string, number], DraftRow>('SELECT * FROM draft_revisions WHERE task_id = ? AND revision = ?');
  // The last revision made against each version (SQLite takes the bare columns from the row holding the max).
  const selectHistory = db.prepare<[string], { task_version: number; revision: number; saved_at: string }>(`
    SELECT task_version, max(revision) AS revision, saved_at FROM draft_revisions
    WHERE task_id = ? AND task_version IS NOT NULL GROUP BY task_version ORDER BY revision DESC`);
  const deleteDraft = db.prepare<[string]>('DELETE FROM drafts WHERE task_id = ?');
  const selectVersion = db.prepare<[string], number | null>('SELECT task_version FROM drafts WHERE task_id = ?').pluck();
  const selectKept = db.prepare<[string], number | null>('SELECT kept_through_version FROM drafts WHERE task_id = ?').pluck();
  const updateKept = db.prepare<[number, string]>('UPDATE drafts SET kept_through_version = ? WHERE task_id = ?');

  const saveRevision = (
    taskId: string,
    annotation: Annotation,
    activeSeconds: number,
    savedAt: string,
    taskVersion: number,
    author: string | null = null,
  ): { draft: Draft; annotationJson: string } => {
    const last = lastRevision.get(taskId);
    const revision = (last?.revision ?? 0) + 1;
    const json = JSON.stringify(annotation);
    const content = { taskId, revision, taskVersion, activeSeconds, savedAt, author, annotation: JSON.parse(json) as unknown };
    const hash = nativeRevisionHash(last?.chain_hash ?? GENESIS_HASH, content);
    const row = { taskId, revision, json, activeSeconds, savedAt, taskVersion, author, hash };
    insertRevision.run(row);
    upsertDraft.run(row);
    return { draft: { taskId, revision, annotation, activeSeconds, savedAt, taskVersion }, annotationJson: json };
  };

  return {
    get(taskId: string): Draft | null {
      const row = selectDraft.get(taskId);
      return row ? toDraft(row) : null;
    },

    /**
     * Writes the next revision, made against `taskVersion`, and makes it current. Revisions are numbered per task
     * for good, so a fresh start after an earlier draft continues the count. Call inside a transaction.
     */
    save: (taskId: string, annotation: Annotation, activeSeconds: number, savedAt: string, taskVersion: number, author: string | null = null): Draft =>
      saveRevision(taskId, annotation, activeSeconds, savedAt, taskVersion, author).draft,

    /** save(), also answering the annotation's JSON as stored, so the caller can reuse it (the outbox payload). */
    saveRevision,

    /** The task version the current draft was made against, without reading the draft; null when there is none. */
    versionOf: (taskId: string): number | null => selectVersion.get(taskId) ?? null,

    revisions: (taskId: string): Draft[] => selectRevisions.all(taskId).map(toDraft),

    /** Recomputes the task's revision chain: intact, or the first revision that does not follow. */
    verifyHistory: (taskId: string): ChainCheck => verifyChain(selectChain.all(taskId).map(chained)),

    /** The chain as JSONL, one revision a line with its previous hash and hash, oldest first. */
    auditExport: (taskId: string): string => auditJsonl(selectChain.all(taskId).map(chained)),

    revision(taskId: string, revision: number): Draft | null {
      const row = selectRevision.get(taskId, revision);
      return row ? toDraft(row) : null;
    },

    /** Earlier drafts: the last revision per task version other than `currentVersion`, newest first. */
    history(taskId: string, currentVersion: number | null): DraftHistoryEntry[] {
      return selectHistory
        .all(taskId)
        .filter((r) => r.task_version !== currentVersion)
        .map((r) => ({ taskVersion: r.task_version, revision: r.revision, savedAt: r.saved_at }));
    },

    /** Sets the current draft aside: its revisions stay, read-only history; the next save starts a new one. */
    setAside(taskId: string): void {
      deleteDraft.run(taskId);
    },

    keptThrough: (taskId: string): number | null => selectKept.get(taskId) ?? null,
    keepThrough(taskId: string, version: number): void {
      updateKept.run(version, taskId);
    },
  };
};
export type DraftRepository = ReturnType<typeof createDraftRepository>;
