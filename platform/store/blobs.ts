import { createHash } from 'node:crypto';
import type { BlobPutResponse } from '../../shared/sync/protocol';
import { sql } from 'kysely';
import { isoAt, type StoreContext } from './context';
import { all, one } from './database';
import { PlatformError } from './errors';

export const sha256Hex = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** Content-addressed: a blob's name is the SHA-256 of its bytes, checked on the way in. */
export const createBlobRepository = ({ db, now }: StoreContext) => {
  return {
    async put(claimed: string, data: Buffer): Promise<BlobPutResponse> {
      const actual = sha256Hex(data);
      if (actual !== claimed) {
        throw new PlatformError('invalid', `The body's SHA-256 is ${actual}, not ${claimed}; the blob was not stored`, 'sha256', 422);
      }
      const inserted = await all(
        db.kysely,
        sql`INSERT INTO blobs (sha256, size, data, created_at) VALUES (${claimed}, ${data.length}, ${data}, ${isoAt(now())}) ON CONFLICT (sha256) DO NOTHING RETURNING sha256`,
      );
      return { sha256: claimed, size: data.length, created: inserted.length === 1 };
    },
    get: async (sha256: string): Promise<Buffer | null> => (await one<{ data: Buffer }>(db.kysely, sql`SELECT data FROM blobs WHERE sha256 = ${sha256}`))?.data ?? null,
  };
};
export type BlobRepository = ReturnType<typeof createBlobRepository>;
