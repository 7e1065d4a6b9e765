import { canonicalJson } from './canonicalJson';
import { sha256Hex } from './sha256';

/**
 * The tamper-evident history of a judgement: each revision's hash is SHA-256 over the previous revision's
 * hash (64 zeros for the first) followed by the canonical JSON of the revision's content. Changing,
 * removing or reordering a revision breaks every link from there on.
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface RevisionContent {
  taskId: string;
  revision: number;
  /** The task version the revision was made against; null when unknown (drafts older than versions). */
  taskVersion: number | null;
  activeSeconds: number;
  savedAt: string;
  /** Who made it: the expert, or a reviewer for a fix; null when made before accounts (a local draft). */
  author: string | null;
  annotation: unknown;
}

export const revisionHash = (previousHash: string, content: RevisionContent): string =>
  sha256Hex(previousHash + canonicalJson(content));

export interface ChainedRevision {
  content: RevisionContent;
  hash: string | null;
}

export type ChainCheck =
  | { intact: true; revisions: number; head: string }
  | { intact: false; revisions: number; brokenAt: number; reason: string };

/** Checks a chain in order; names the first revision whose stored hash is missing or does not follow. */
export const verifyChain = (revisions: readonly ChainedRevision[]): ChainCheck => {
  let previous = GENESIS_HASH;
  for (const { content, hash } of revisions) {
    if (hash === null) return { intact: false, revisions: revisions.length, brokenAt: content.revision, reason: `revision ${content.revision} has no hash` };
    const expected = revisionHash(previous, content);
    if (expected !== hash) {
      return {
        intact: false,
        revisions: revisions.length,
        brokenAt: content.revision,
        reason: `revision ${content.revision} does not match its hash: its content or an earlier revision was changed, removed or reordered`,
      };
    }
    previous = hash;
  }
  return { intact: true, revisions: revisions.length, head: previous };
};

/** One JSON line per revision (content, previous hash, hash), for a lab to check the chain independently. */
export const auditJsonl = (revisions: readonly ChainedRevision[]): string => {
  let previous = GENESIS_HASH;
  return revisions
    .map(({ content, hash }) => {
      const line = canonicalJson({ ...content, previousHash: previous, hash });
      previous = hash ?? previous;
      return `${line}\n`;
    })
    .join('');
};
