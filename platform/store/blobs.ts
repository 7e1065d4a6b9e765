import { createHash } from 'node:crypto';
import type { BlobPutResponse } from '../../shared/sync/protocol';
import { isoAt, type StoreContext } from './context';
import { PlatformError } from './errors';

export const sha256Hex = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** Content-addressed: a blob's name is the SHA-256 of its bytes, checked on the way in. */
export const createBlobRepository = ({ db, now }: StoreContext) => {
  const insert = db.prepare('INSERT INTO blobs (sha256, size, data, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING');
  const select = db.prepare<[string], { data: Buffer }>('SELECT data FROM blobs WHERE sha256 = ?');
  return {
    put(claimed: string, data: Buffer): BlobPutResponse {
      const actual = sha256Hex(data);
      if (actual !== claimed) {
        throw new PlatformError('invalid', `The body's SHA-256 is ${actual}, not ${claimed}; the blob was not stored`, 'sha256', 422);
      }
      const created = insert.run(claimed, data.length, data, isoAt(now())).changes === 1;
      return { sha256: claimed, size: data.length, created };
    },
    get: (sha256: string): Buffer | null => select.get(sha256)?.data ?? null,
  };
};
export type BlobRepository = ReturnType<typeof createBlobRepository>;
