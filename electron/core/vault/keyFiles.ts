import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VaultError } from './keyProvider';

/**
 * A file name for an account that is safe on every platform. The hash keeps two ids that sanitize
 * alike (`a/b`, `a_b`) apart.
 */
export const accountFileStem = (accountId: string): string => {
  const readable = accountId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40);
  const hash = createHash('sha256').update(accountId).digest('hex').slice(0, 12);
  return `${readable}-${hash}`;
};

export const accountKeyPath = (directory: string, accountId: string, extension: string): string =>
  join(directory, `${accountFileStem(accountId)}.${extension}`);

/** Writes a secret file readable by its owner only; atomically, so a crash never leaves half a key. */
export const writePrivateFile = (path: string, data: string | Buffer, directory: string): void => {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const temporary = `${path}.tmp-${process.pid}`;
  writeFileSync(temporary, data, { mode: 0o600, flag: 'w' });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
};

/** Windows has no POSIX modes; the user-data folder's ACL protects the file there. */
export const assertOwnerOnly = (path: string): void => {
  if (process.platform === 'win32') return;
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new VaultError(
      'insecure_key_file',
      `The key file ${path} can be read by other users (mode ${mode.toString(8)}). ` +
        `Make it private (chmod 600 "${path}") and start Assay again.`,
    );
  }
};
