import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { openStore, type OpenedStore } from '../../electron/core/store/openStore';

/** An encrypted store in `dir` under a fresh random key (or the one given). */
export const openTestStore = (dir: string, key: Buffer = randomBytes(32)): OpenedStore & { key: Buffer } => ({
  ...openStore(join(dir, 'test.assay.db'), key),
  key,
});
