import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSealedKeyProvider, type Sealer } from '../../../electron/core/vault/sealedKeyProvider';
import { useTempDirs } from '../../support/tempDir';

const tempDir = useTempDirs();

/** A stand-in for safeStorage: reversible, and visibly not the plaintext. */
const fakeSealer = (backend = 'gnome_libsecret', available = true): Sealer => ({
  isEncryptionAvailable: () => available,
  backend: () => backend,
  encryptString: (plain) => Buffer.from(`sealed:${Buffer.from(plain).toString('base64')}`),
  decryptString: (sealed) => {
    const text = sealed.toString();
    if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(text.slice('sealed:'.length), 'base64').toString();
  },
});

describe('sealed key provider', () => {
  it('stores the key sealed and gives back the same key', () => {
    const dir = tempDir();
    const key = createSealedKeyProvider(fakeSealer(), dir).loadOrCreateKey('local');
    expect(key).toHaveLength(32);
    const [file] = readdirSync(dir);
    expect(readFileSync(join(dir, file!)).includes(key.toString('hex'))).toBe(false);
    expect(createSealedKeyProvider(fakeSealer(), dir).loadOrCreateKey('local').equals(key)).toBe(true);
  });

  it('refuses to seal with basic_text (Linux without a keyring) and asks for a passphrase instead', () => {
    expect(() => createSealedKeyProvider(fakeSealer('basic_text'), tempDir()).loadOrCreateKey('local')).toThrow(
      expect.objectContaining({ reason: 'passphrase_required' }),
    );
    expect(() => createSealedKeyProvider(fakeSealer('gnome_libsecret', false), tempDir()).loadOrCreateKey('local')).toThrow(
      expect.objectContaining({ reason: 'sealing_unavailable' }),
    );
  });

  it('reports a key it cannot unseal instead of replacing it', () => {
    const dir = tempDir();
    createSealedKeyProvider(fakeSealer(), dir).loadOrCreateKey('local');
    const otherMachine: Sealer = { ...fakeSealer(), decryptString: () => { throw new Error('bad decrypt'); } };
    expect(() => createSealedKeyProvider(otherMachine, dir).loadOrCreateKey('local')).toThrow(
      expect.objectContaining({ reason: 'damaged_key_file', message: expect.stringMatching(/bad decrypt/) }),
    );
  });
});
