import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { KEY_BYTES, VaultError, type KeyProvider } from './keyProvider';
import { accountKeyPath, writePrivateFile } from './keyFiles';

/** What the core needs of Electron's safeStorage; electron/main adapts the real one. */
export interface Sealer {
  isEncryptionAvailable(): boolean;
  /** Electron's storage backend name; 'basic_text' means a hard-coded password, i.e. no protection. */
  backend(): string;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

/**
 * Keeps each account's key sealed by the operating system's keychain (Keychain, DPAPI, libsecret/kwallet).
 * Refuses when the OS offers no real protection, so the app can ask for a passphrase instead.
 */
export const createSealedKeyProvider = (sealer: Sealer, directory: string): KeyProvider => ({
  loadOrCreateKey(accountId) {
    if (!sealer.isEncryptionAvailable()) {
      throw new VaultError('sealing_unavailable', 'This system offers no secure storage for the database key. Choose a passphrase to protect it.');
    }
    if (sealer.backend() === 'basic_text') {
      throw new VaultError(
        'passphrase_required',
        'No keyring (GNOME Keyring, KWallet) is running, so the database key cannot be sealed. Choose a passphrase to protect it.',
      );
    }
    const path = accountKeyPath(directory, accountId, 'sealed-key');
    if (!existsSync(path)) {
      const key = randomBytes(KEY_BYTES);
      writePrivateFile(path, sealer.encryptString(key.toString('hex')), directory);
      return key;
    }
    let hex: string;
    try {
      hex = sealer.decryptString(readFileSync(path));
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new VaultError(
        'damaged_key_file',
        `The database key in ${path} could not be unsealed (${why}). It may have been made by another user or computer. Keep the file and contact support.`,
      );
    }
    if (!new RegExp(`^[0-9a-f]{${KEY_BYTES * 2}}$`).test(hex)) {
      throw new VaultError('damaged_key_file', `The sealed key in ${path} is damaged. Keep it and contact support.`);
    }
    return Buffer.from(hex, 'hex');
  },
});
