import { sql } from 'kysely';
import { isoAt, type StoreContext } from './context';
import { sha256Hex } from './blobs';
import { one, run, transaction } from './database';

export interface ReleaseFileInput {
  name: string;
  data: Buffer;
}

/** Update-feed files per channel, their bytes kept in the content-addressed blobs table. */
export const createReleaseRepository = ({ db, now }: StoreContext) => {
  return {
    /** All files of one release land together, the manifests last in the same transaction: never half a release. */
    add: (channel: string, files: readonly ReleaseFileInput[]): Promise<void> =>
      transaction(db, async (tx) => {
        const at = isoAt(now());
        for (const file of files) {
          const sha = sha256Hex(file.data);
          await run(tx, sql`INSERT INTO blobs (sha256, size, data, created_at) VALUES (${sha}, ${file.data.length}, ${file.data}, ${at}) ON CONFLICT (sha256) DO NOTHING`);
          await run(
            tx,
            sql`INSERT INTO release_files (channel, name, sha256, size, added_at) VALUES (${channel}, ${file.name}, ${sha}, ${file.data.length}, ${at})
              ON CONFLICT (channel, name) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size, added_at = excluded.added_at`,
          );
        }
      }),
    get: async (channel: string, name: string): Promise<Buffer | null> =>
      (await one<{ data: Buffer }>(db.kysely, sql`SELECT b.data FROM release_files r JOIN blobs b ON b.sha256 = r.sha256 WHERE r.channel = ${channel} AND r.name = ${name}`))?.data ??
      null,
  };
};
