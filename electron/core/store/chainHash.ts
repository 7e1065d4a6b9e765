import { createHash } from 'node:crypto';
import { canonicalJson } from '@shared/review/canonicalJson';
import type { RevisionContent } from '@shared/review/historyChain';

/**
 * revisionHash (shared/review/historyChain.ts) with Node's native SHA-256: the same hex for the same content (the
 * string's UTF-8 bytes, a lone surrogate as U+FFFD in both), without the plain-TypeScript digest's per-character
 * arrays on the autosave path. Checking a chain still goes through the shared code, so any difference shows there.
 */
export const nativeRevisionHash = (previousHash: string, content: RevisionContent): string =>
  createHash('sha256').update(previousHash + canonicalJson(content), 'utf8').digest('hex');
