import { canonicalJson } from '../../shared/review/canonicalJson';
import { GENESIS_HASH, revisionHash, verifyChain, type ChainCheck, type RevisionContent } from '../../shared/review/historyChain';
import type { ChainLink } from '../../shared/sync/reviewQuality';
import { sql } from 'kysely';
import { isoAt, type StoreContext } from './context';
import { all, insertOrder, one, run, transaction, type Executor } from './database';

type Source = 'submission' | 'fix';

interface LinkRow {
  task_id: string;
  expert_id: string;
  expert: string;
  revision: number;
  source: Source;
  source_id: string;
  previous_hash: string;
  hash: string;
}

interface SourceRow {
  task_id: string;
  expert_id: string;
  task_version: number | null;
  active_seconds: number;
  saved_at: string;
  author: string;
  /** The annotation as stored: a submission's annotation_json, or a fix's whole review record. */
  json: string;
}

/** A link whose content is gone or unreadable: it can never match its hash, so the chain breaks here. */
const missingContent = (taskId: string, revision: number): RevisionContent => ({ taskId, revision, taskVersion: null, activeSeconds: 0, savedAt: '', author: null, annotation: null });

const parse = (json: string): unknown => {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return { unreadable: json };
  }
};

/**
 * The hash chain of each expert's judgement of each task on the platform: every submission of theirs and
 * every fix a reviewer made of it is one revision, hashed as SHA-256(previous hash + canonical JSON of the
 * revision's content) with shared/review/historyChain. Only the link (position, source, hashes) is stored
 * here; the content is always read from the submission or review row itself, so altering that row, or
 * removing or reordering a link, breaks the chain at the revision concerned.
 */
export const createRevisionChain = ({ db, now }: StoreContext) => {
  const LINK = sql.raw(`SELECT j.task_id, j.expert_id, u.name AS expert, j.revision, j.source, j.source_id, j.previous_hash, j.hash
    FROM judgement_revisions j JOIN users u ON u.id = j.expert_id`);

  const sourceRow = (ex: Executor, source: Source, id: string): Promise<SourceRow | undefined> =>
    source === 'submission'
      ? one<SourceRow>(
          ex,
          sql`SELECT s.task_id, s.user_id AS expert_id, s.task_version, s.active_seconds, s.submitted_at AS saved_at, u.name AS author, s.annotation_json AS json
            FROM submissions s JOIN users u ON u.id = s.user_id WHERE s.id = ${id}`,
        )
      : one<SourceRow>(
          ex,
          sql`SELECT r.task_id, s.user_id AS expert_id, s.task_version, 0 AS active_seconds, r.reviewed_at AS saved_at, u.name AS author, r.record_json AS json
            FROM reviews r JOIN submissions s ON s.id = r.submission_id JOIN users u ON u.id = r.reviewer_id WHERE r.id = ${id} AND r.verdict = 'fixed'`,
        );

  const contentOf = async (ex: Executor, source: Source, id: string, taskId: string, revision: number): Promise<RevisionContent> => {
    const row = await sourceRow(ex, source, id);
    if (!row) return missingContent(taskId, revision);
    const stored = parse(row.json);
    const annotation = source === 'submission' ? stored : typeof stored === 'object' && stored !== null && 'fixedAnnotation' in stored ? stored.fixedAnnotation : null;
    return { taskId: row.task_id, revision, taskVersion: row.task_version, activeSeconds: row.active_seconds, savedAt: row.saved_at, author: row.author, annotation };
  };

  const toLink = async (ex: Executor, row: LinkRow): Promise<ChainLink> => ({
    content: await contentOf(ex, row.source, row.source_id, row.task_id, row.revision),
    hash: row.hash,
    source: row.source,
    sourceId: row.source_id,
  });

  const readLinks = async (ex: Executor, rows: readonly LinkRow[]): Promise<ChainLink[]> => {
    const out: ChainLink[] = [];
    for (const row of rows) out.push(await toLink(ex, row));
    return out;
  };

  const projectLinks = (ex: Executor, project: string | null) =>
    all<LinkRow>(ex, sql`${LINK} JOIN tasks t ON t.id = j.task_id WHERE (CAST(${project} AS TEXT) IS NULL OR t.project = ${project}) ORDER BY j.task_id, u.name, j.revision`);

  /** Adds the submission or fix `id` as the next revision of its expert's judgement. Call inside the transaction that wrote it. */
  const append = async (tx: Executor, source: Source, id: string): Promise<void> => {
    const row = await sourceRow(tx, source, id);
    if (!row) throw new Error(`${source} ${id} vanished before it was chained`);
    const previous = await one<{ revision: number; hash: string }>(
      tx,
      sql`SELECT revision, hash FROM judgement_revisions WHERE task_id = ${row.task_id} AND expert_id = ${row.expert_id} ORDER BY revision DESC LIMIT 1`,
    );
    const revision = Number(previous?.revision ?? 0) + 1;
    const previousHash = previous?.hash ?? GENESIS_HASH;
    const hash = revisionHash(previousHash, await contentOf(tx, source, id, row.task_id, revision));
    await run(
      tx,
      sql`INSERT INTO judgement_revisions (task_id, expert_id, revision, source, source_id, previous_hash, hash, created_at)
        VALUES (${row.task_id}, ${row.expert_id}, ${revision}, ${source}, ${id}, ${previousHash}, ${hash}, ${isoAt(now())})`,
    );
  };

  const unlinked = (ex: Executor) =>
    all<{ source: Source; id: string }>(
      ex,
      sql`SELECT source, id FROM (
        SELECT 'submission' AS source, s.id, s.submitted_at AS at, ${insertOrder(db, 's')} AS n FROM submissions s
        UNION ALL
        SELECT 'fix' AS source, r.id, r.reviewed_at AS at, ${insertOrder(db, 'r')} AS n FROM reviews r WHERE r.verdict = 'fixed'
      ) pending WHERE id NOT IN (SELECT source_id FROM judgement_revisions) ORDER BY at, source DESC, n`,
    );

  return {
    append,

    /**
     * Chains every submission and fix made before the chain existed (a store migrated to version 7), oldest
     * first, once: later ones are chained as they are written, so a marker in `meta` skips the scan after.
     * Several processes starting at once: the transaction that loses the race runs again and finds the marker.
     */
    async backfill(): Promise<number> {
      const done = async (ex: Executor) => (await one(ex, sql`SELECT value FROM meta WHERE key = 'judgement_chain_backfilled'`)) !== undefined;
      if (await done(db.kysely)) return 0;
      return transaction(db, async (tx) => {
        if (await done(tx)) return 0;
        const rows = await unlinked(tx);
        for (const row of rows) await append(tx, row.source, row.id);
        await run(tx, sql`INSERT INTO meta (key, value) VALUES ('judgement_chain_backfilled', '1') ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
        return rows.length;
      });
    },

    /** The chain of `expertId`'s judgement of `taskId`, oldest first, content read from the rows as they are now. */
    chain: async (taskId: string, expertId: string, ex: Executor = db.kysely): Promise<ChainLink[]> =>
      readLinks(ex, await all<LinkRow>(ex, sql`${LINK} WHERE j.task_id = ${taskId} AND j.expert_id = ${expertId} ORDER BY j.revision`)),

    /** Every chain of a project (all projects when null), each checked with verifyChain. */
    async verifyProject(project: string | null): Promise<Array<{ taskId: string; expert: string; check: ChainCheck; sourceId: string | null }>> {
      const groups = new Map<string, LinkRow[]>();
      for (const row of await projectLinks(db.kysely, project)) {
        const key = JSON.stringify([row.task_id, row.expert]);
        const group = groups.get(key);
        if (group) group.push(row);
        else groups.set(key, [row]);
      }
      const out: Array<{ taskId: string; expert: string; check: ChainCheck; sourceId: string | null }> = [];
      for (const rows of groups.values()) {
        const chain = await readLinks(db.kysely, rows);
        const check = verifyChain(chain);
        const broken = check.intact ? null : (chain.find((l) => l.content.revision === check.brokenAt)?.sourceId ?? null);
        out.push({ taskId: rows[0]!.task_id, expert: rows[0]!.expert, check, sourceId: broken });
      }
      return out;
    },

    /**
     * The audit export: one canonical JSON line per revision, ordered by task, expert and revision:
     * {content, expert, hash, previousHash, source, sourceId}. docs/audit.md gives the check a lab runs on it.
     */
    async auditJsonl(project: string | null): Promise<string> {
      let text = '';
      for (const row of await projectLinks(db.kysely, project)) {
        const link = await toLink(db.kysely, row);
        text += `${canonicalJson({ expert: row.expert, source: row.source, sourceId: row.source_id, content: link.content, previousHash: row.previous_hash, hash: row.hash })}\n`;
      }
      return text;
    },
  };
};
export type RevisionChain = ReturnType<typeof createRevisionChain>;
