import type { Sealer } from '../core/vault/sealedKeyProvider';

/** The slice of Electron's safeStorage the sealer adapts. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend(): string;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

/** Electron's safeStorage as the core's Sealer. Only Linux has backends to choose from; elsewhere it is the OS keychain. */
export const sealerFrom = (safeStorage: SafeStorageLike, platform: NodeJS.Platform): Sealer => ({
  isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
  backend: () => (platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os'),
  encryptString: (plain) => safeStorage.encryptString(plain),
  decryptString: (sealed) => safeStorage.decryptString(sealed),
});

/** Whether this machine can seal the database key, and if not, what to tell the person. */
export function sealingProblem(sealer: Sealer): string | null {
  if (!sealer.isEncryptionAvailable()) return 'This system offers no secure storage (keychain) for the database key.';
  if (sealer.backend() === 'basic_text') {
    return 'No keyring (GNOME Keyring or KWallet) is running, so Assay cannot protect the key that encrypts your data.';
  }
  return null;
}
