import { isoAt, type StoreContext } from './context';
import { sha256Hex } from './blobs';

export interface ReleaseFileInput {
  name: string;
  data: Buffer;
}

/** Update-feed files per channel, their bytes kept in the content-addressed blobs table. */
export const createReleaseRepository = ({ db, now }: StoreContext) => {
  const putBlob = db.prepare('INSERT INTO blobs (sha256, size, data, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING');
  const putFile = db.prepare(`
    INSERT INTO release_files (channel, name, sha256, size, added_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (channel, name) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size, added_at = excluded.added_at`);
  const select = db.prepare<[string, string], { data: Buffer }>(
    'SELECT b.data FROM release_files r JOIN blobs b ON b.sha256 = r.sha256 WHERE r.channel = ? AND r.name = ?',
  );
  /** All files of one release land together, the manifests last in the same transaction: never half a release. */
  const add = db.transaction((channel: string, files: readonly ReleaseFileInput[]) => {
    const at = isoAt(now());
    for (const file of files) {
      const sha = sha256Hex(file.data);
      putBlob.run(sha, file.data.length, file.data, at);
      putFile.run(channel, file.name, sha, file.data.length, at);
    }
  });
  return {
    add: (channel: string, files: readonly ReleaseFileInput[]): void => add(channel, files),
    get: (channel: string, name: string): Buffer | null => select.get(channel, name)?.data ?? null,
  };
};
