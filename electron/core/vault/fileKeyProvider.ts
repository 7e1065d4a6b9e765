import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { KEY_BYTES, VaultError, type KeyProvider } from './keyProvider';
import { accountKeyPath, assertOwnerOnly, writePrivateFile } from './keyFiles';

/**
 * Keeps each account's key as hex in a private file. Only as safe as the file system: used by tests and the
 * browser harness, never by the packaged app.
 */
export const createFileKeyProvider = (directory: string): KeyProvider => ({
  loadOrCreateKey(accountId) {
    const path = accountKeyPath(directory, accountId, 'key');
    if (!existsSync(path)) {
      const key = randomBytes(KEY_BYTES);
      writePrivateFile(path, key.toString('hex'), directory);
      return key;
    }
    assertOwnerOnly(path);
    const hex = readFileSync(path, 'utf8').trim();
    if (!new RegExp(`^[0-9a-f]{${KEY_BYTES * 2}}$`).test(hex)) {
      throw new VaultError('damaged_key_file', `The key file ${path} is damaged. Keep it and the database beside it, and contact support.`);
    }
    return Buffer.from(hex, 'hex');
  },
});
