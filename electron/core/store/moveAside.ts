import { existsSync, renameSync } from 'node:fs';

const SIDE_FILES = ['-wal', '-shm', '-journal'] as const;

const stampOf = (at: Date): string => at.toISOString().replace(/[:.]/g, '-');

/**
 * Moves a database and its side files out of the way, never deleting anything. The side files keep their
 * suffixes after the new name (`x.db.corrupt-T`, `x.db.corrupt-T-wal`) so SQLite still pairs them if
 * someone opens the moved copy to recover it. Answers the new path of the database file.
 */
export const moveDatabaseAside = (path: string, at: Date): string => {
  let target = `${path}.corrupt-${stampOf(at)}`;
  for (let n = 1; [target, ...SIDE_FILES.map((s) => target + s)].some((p) => existsSync(p)); n += 1) {
    target = `${path}.corrupt-${stampOf(at)}-${n}`;
  }
  // Side files first: if a rename fails midway, the main file still sits beside what belongs to it.
  for (const suffix of SIDE_FILES) {
    if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix);
  }
  if (existsSync(path)) renameSync(path, target);
  return target;
};
