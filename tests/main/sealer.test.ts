import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sealerFrom, sealingProblem, type SafeStorageLike } from '../../electron/main/sealer';
import { keyringNotice } from '../../electron/main/keyringNotice';
import { createSealedKeyProvider } from '../../electron/core/vault/sealedKeyProvider';
import { useTempDirs } from '../support/tempDir';

const tempDir = useTempDirs();

/**
 * A stand-in for Electron's safeStorage that really encrypts (AES-256-GCM under a key only it holds), so
 * its ciphertext never contains the plaintext and anything it did not seal fails to decrypt, as the real
 * one does. It records what it was asked to seal.
 */
const fakeSafeStorage = (backend: string, available = true) => {
  const secret = randomBytes(32);
  const sealed: string[] = [];
  const storage: SafeStorageLike = {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (plain) => {
      if (!available) throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
      sealed.push(plain);
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', secret, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from('v10'), iv, cipher.getAuthTag(), body]);
    },
    decryptString: (blob) => {
      if (blob.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      const decipher = createDecipheriv('aes-256-gcm', secret, blob.subarray(3, 15));
      decipher.setAuthTag(blob.subarray(15, 31));
      return Buffer.concat([decipher.update(blob.subarray(31)), decipher.final()]).toString('utf8');
    },
  };
  return Object.assign(storage, { sealed });
};

describe('sealerFrom (safeStorage as the core Sealer)', () => {
  it('reports the Linux backend, and "os" elsewhere', () => {
    expect(sealerFrom(fakeSafeStorage('gnome_libsecret'), 'linux').backend()).toBe('gnome_libsecret');
    expect(sealerFrom(fakeSafeStorage('unknown'), 'darwin').backend()).toBe('os');
    expect(sealerFrom(fakeSafeStorage('unknown'), 'win32').backend()).toBe('os');
  });

  it('seals and unseals through safeStorage: what it hands out is safeStorage\'s ciphertext, not the plaintext', () => {
    const storage = fakeSafeStorage('kwallet6');
    const sealer = sealerFrom(storage, 'linux');
    const plain = 'ab12'.repeat(16);
    const blob = sealer.encryptString(plain);
    expect(storage.sealed).toEqual([plain]);
    expect(blob.includes(Buffer.from(plain))).toBe(false);
    expect(storage.decryptString(blob)).toBe(plain);
    expect(sealer.decryptString(blob)).toBe(plain);
    // Unsealing goes through safeStorage too: bytes it did not seal are refused, not passed back.
    expect(() => sealer.decryptString(Buffer.from(plain))).toThrow(/decrypt/);
  });

  it('stores the database key sealed: the key file holds safeStorage\'s ciphertext, never the key', () => {
    const dir = tempDir();
    const storage = fakeSafeStorage('gnome_libsecret');
    const key = createSealedKeyProvider(sealerFrom(storage, 'linux'), dir).loadOrCreateKey('local');
    expect(key).toHaveLength(32);
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    const stored = readFileSync(join(dir, files[0]!));
    expect(stored.includes(Buffer.from(key.toString('hex')))).toBe(false);
    expect(stored.includes(key)).toBe(false);
    expect(storage.sealed).toEqual([key.toString('hex')]);
    expect(storage.decryptString(stored)).toBe(key.toString('hex'));
    // And the next start unseals the same key.
    expect(createSealedKeyProvider(sealerFrom(storage, 'linux'), dir).loadOrCreateKey('local').equals(key)).toBe(true);
  });

  it('refuses to make a key when safeStorage is unavailable, and writes nothing', () => {
    const dir = tempDir();
    const storage = fakeSafeStorage('gnome_libsecret', false);
    expect(() => createSealedKeyProvider(sealerFrom(storage, 'linux'), dir).loadOrCreateKey('local')).toThrow(
      expect.objectContaining({ reason: 'sealing_unavailable' }),
    );
    expect(() => createSealedKeyProvider(sealerFrom(fakeSafeStorage('unknown', false), 'darwin'), dir).loadOrCreateKey('local')).toThrow(
      expect.objectContaining({ reason: 'sealing_unavailable' }),
    );
    expect(storage.sealed).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses the basic_text backend on Linux (no keyring), and writes nothing', () => {
    const dir = tempDir();
    const storage = fakeSafeStorage('basic_text');
    expect(() => createSealedKeyProvider(sealerFrom(storage, 'linux'), dir).loadOrCreateKey('local')).toThrow(
      expect.objectContaining({ reason: 'passphrase_required' }),
    );
    expect(storage.sealed).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('sealingProblem', () => {
  it('accepts a real keyring', () => {
    expect(sealingProblem(sealerFrom(fakeSafeStorage('gnome_libsecret'), 'linux'))).toBeNull();
    expect(sealingProblem(sealerFrom(fakeSafeStorage('unknown'), 'darwin'))).toBeNull();
  });

  it('refuses basic_text (no keyring on Linux) and names what is missing', () => {
    expect(sealingProblem(sealerFrom(fakeSafeStorage('basic_text'), 'linux'))).toMatch(/GNOME Keyring or KWallet/);
  });

  it('refuses when encryption is unavailable', () => {
    expect(sealingProblem(sealerFrom(fakeSafeStorage('gnome_libsecret', false), 'linux'))).toMatch(/no secure storage/);
  });

  it('the Linux notice tells how to install a keyring', () => {
    const notice = keyringNotice('No keyring.', 'linux');
    expect(notice.detail).toContain('gnome-keyring');
    expect(notice.detail).toContain('--password-store=gnome-libsecret');
  });
});
