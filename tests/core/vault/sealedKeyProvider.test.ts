import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSealedKeyProvider, type Sealer } from '../../../electron/core/vault/sealedKeyProvider';
import { accountFileStem } from '../../../electron/core/vault/keyFiles';
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
  it('keeps the sealed key in <account stem>.sealed-key', () => {
    const dir = tempDir();
    createSealedKeyProvider(fakeSealer(), dir).loadOrCreateKey('someone@example.com');
    expect(readdirSync(dir)).toEqual([`${accountFileStem('someone@example.com')}.sealed-key`]);
  });

  it.each([
    ['not hex', 'z'.repeat(64)],
    ['too short', 'ab'.repeat(31)],
    ['too long', 'ab'.repeat(33)],
    ['hex with a tail', `${'ab'.repeat(32)}\n`],
  ])('refuses an unsealed key that is %s, instead of using or replacing it', (_label, unsealed) => {
    const dir = tempDir();
    createSealedKeyProvider(fakeSealer(), dir).loadOrCreateKey('local');
    const tampered: Sealer = { ...fakeSealer(), decryptString: () => unsealed };
    expect(() => createSealedKeyProvider(tampered, dir).loadOrCreateKey('local')).toThrow(
      expect.objectContaining({ reason: 'damaged_key_file', message: expect.stringMatching(/The sealed key in .* is damaged/) }),
    );
  });

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
      expect.objectContaining({ reason: 'passphrase_required', message: expect.stringMatching(/No keyring .* Choose a passphrase/) }),
    );
    expect(() => createSealedKeyProvider(fakeSealer('gnome_libsecret', false), tempDir()).loadOrCreateKey('local')).toThrow(
      expect.objectContaining({ reason: 'sealing_unavailable', message: expect.stringMatching(/no secure storage .* Choose a passphrase/) }),
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
