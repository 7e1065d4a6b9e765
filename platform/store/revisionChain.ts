import { canonicalJson } from '../../shared/review/canonicalJson';
import { GENESIS_HASH, revisionHash, verifyChain, type ChainCheck, type RevisionContent } from '../../shared/review/historyChain';
import type { ChainLink } from '../../shared/sync/reviewQuality';
import { isoAt } from './context';
import type { Db } from './sqlite';

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
export const createRevisionChain = (db: Db, now: () => number) => {
  const last = db.prepare<[string, string], { revision: number; hash: string }>(
    'SELECT revision, hash FROM judgement_revisions WHERE task_id = ? AND expert_id = ? ORDER BY revision DESC LIMIT 1',
  );
  const insert = db.prepare(
    'INSERT INTO judgement_revisions (task_id, expert_id, revision, source, source_id, previous_hash, hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const submissionRow = db.prepare<[string], SourceRow>(`
    SELECT s.task_id, s.user_id AS expert_id, s.task_version, s.active_seconds, s.submitted_at AS saved_at, u.name AS author, s.annotation_json AS json
    FROM submissions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`);
  const fixRow = db.prepare<[string], SourceRow>(`
    SELECT r.task_id, s.user_id AS expert_id, s.task_version, 0 AS active_seconds, r.reviewed_at AS saved_at, u.name AS author, r.record_json AS json
    FROM reviews r JOIN submissions s ON s.id = r.submission_id JOIN users u ON u.id = r.reviewer_id WHERE r.id = ? AND r.verdict = 'fixed'`);
  const LINK = `SELECT j.task_id, j.expert_id, u.name AS expert, j.revision, j.source, j.source_id, j.previous_hash, j.hash
    FROM judgement_revisions j JOIN users u ON u.id = j.expert_id`;
  const links = db.prepare<[string, string], LinkRow>(`${LINK} WHERE j.task_id = ? AND j.expert_id = ? ORDER BY j.revision`);
  const projectLinks = db.prepare<[string | null, string | null], LinkRow>(
    `${LINK} JOIN tasks t ON t.id = j.task_id WHERE (? IS NULL OR t.project = ?) ORDER BY j.task_id, u.name, j.revision`,
  );
  const unlinked = db.prepare<[], { source: Source; id: string }>(`
    SELECT source, id FROM (
      SELECT 'submission' AS source, s.id, s.submitted_at AS at, s.rowid AS n FROM submissions s
      UNION ALL
      SELECT 'fix' AS source, r.id, r.reviewed_at AS at, r.rowid AS n FROM reviews r WHERE r.verdict = 'fixed'
    ) WHERE id NOT IN (SELECT source_id FROM judgement_revisions) ORDER BY at, source DESC, n`);

  const backfilled = db.prepare<[], string>("SELECT value FROM meta WHERE key = 'judgement_chain_backfilled'").pluck();
  const markBackfilled = db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('judgement_chain_backfilled', '1')");

  const sourceRow = (source: Source, id: string): SourceRow | undefined => (source === 'submission' ? submissionRow.get(id) : fixRow.get(id));

  const contentOf = (source: Source, id: string, taskId: string, revision: number): RevisionContent => {
    const row = sourceRow(source, id);
    if (!row) return missingContent(taskId, revision);
    const stored = parse(row.json);
    const annotation = source === 'submission' ? stored : typeof stored === 'object' && stored !== null && 'fixedAnnotation' in stored ? stored.fixedAnnotation : null;
    return { taskId: row.task_id, revision, taskVersion: row.task_version, activeSeconds: row.active_seconds, savedAt: row.saved_at, author: row.author, annotation };
  };

  const toLink = (row: LinkRow): ChainLink => ({ content: contentOf(row.source, row.source_id, row.task_id, row.revision), hash: row.hash, source: row.source, sourceId: row.source_id });

  const readLinks = (rows: readonly LinkRow[]): ChainLink[] => rows.map(toLink);

  return {
    /** Adds the submission or fix `id` as the next revision of its expert's judgement. Call inside the transaction that wrote it. */
    append(source: Source, id: string): void {
      const row = sourceRow(source, id);
      if (!row) throw new Error(`${source} ${id} vanished before it was chained`);
      const previous = last.get(row.task_id, row.expert_id);
      const revision = (previous?.revision ?? 0) + 1;
      const previousHash = previous?.hash ?? GENESIS_HASH;
      const hash = revisionHash(previousHash, contentOf(source, id, row.task_id, revision));
      insert.run(row.task_id, row.expert_id, revision, source, id, previousHash, hash, isoAt(now()));
    },

    /**
     * Chains every submission and fix made before the chain existed (a store migrated to version 7), oldest
     * first, once: later ones are chained as they are written, so a marker in `meta` skips the scan after.
     */
    backfill(): number {
      if (backfilled.get() !== undefined) return 0;
      return db.transaction(() => {
        const rows = unlinked.all();
        for (const row of rows) this.append(row.source, row.id);
        markBackfilled.run();
        return rows.length;
      })();
    },

    /** The chain of `expertId`'s judgement of `taskId`, oldest first, content read from the rows as they are now. */
    chain: (taskId: string, expertId: string): ChainLink[] => readLinks(links.all(taskId, expertId)),

    /** Every chain of a project (all projects when null), each checked with verifyChain. */
    verifyProject(project: string | null): Array<{ taskId: string; expert: string; check: ChainCheck; sourceId: string | null }> {
      const groups = new Map<string, LinkRow[]>();
      for (const row of projectLinks.all(project, project)) {
        const key = JSON.stringify([row.task_id, row.expert]);
        const group = groups.get(key);
        if (group) group.push(row);
        else groups.set(key, [row]);
      }
      return [...groups.values()].map((rows) => {
        const chain = readLinks(rows);
        const check = verifyChain(chain);
        const broken = check.intact ? null : (chain.find((l) => l.content.revision === check.brokenAt)?.sourceId ?? null);
        return { taskId: rows[0]!.task_id, expert: rows[0]!.expert, check, sourceId: broken };
      });
    },

    /**
     * The audit export: one canonical JSON line per revision, ordered by task, expert and revision:
     * {content, expert, hash, previousHash, source, sourceId}. docs/audit.md gives the check a lab runs on it.
     */
    auditJsonl(project: string | null): string {
      return projectLinks
        .all(project, project)
        .map((row) => {
          const link = toLink(row);
          return `${canonicalJson({ expert: row.expert, source: row.source, sourceId: row.source_id, content: link.content, previousHash: row.previous_hash, hash: row.hash })}\n`;
        })
        .join('');
    },
  };
};
export type RevisionChain = ReturnType<typeof createRevisionChain>;
