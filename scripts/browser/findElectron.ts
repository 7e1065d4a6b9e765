import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');

/**
 * The Electron executable, or null where it was never downloaded. Read from the package's path.txt, never by
 * importing `electron` (that module would try to download it, and tests never load the real electron module).
 */
export function electronBinary(): string | null {
  const pkgDir = join(root, 'node_modules/electron');
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkgDir, 'dist'), readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

export const ELECTRON_MISSING = 'Electron binary not installed (npx install-electron): the electron project skips the @journey specs';
