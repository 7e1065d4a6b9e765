import { createHmac, scryptSync } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPassphraseKeyProvider, DEFAULT_SCRYPT_COST, hasPassphrase, type ScryptCost } from '../../../electron/core/vault/passphraseKeyProvider';
import { useTempDirs } from '../../support/tempDir';

const tempDir = useTempDirs();
const cheap: ScryptCost = { N: 1024, r: 8, p: 1 };

describe('passphrase key provider', () => {
  it('derives the same key from the right passphrase every time', () => {
    const dir = tempDir();
    const key = createPassphraseKeyProvider(dir, 'correct horse battery staple', cheap).loadOrCreateKey('local');
    expect(key).toHaveLength(32);
    expect(createPassphraseKeyProvider(dir, 'correct horse battery staple', cheap).loadOrCreateKey('local').equals(key)).toBe(true);
  });

  it('says clearly when the passphrase is wrong', () => {
    const dir = tempDir();
    createPassphraseKeyProvider(dir, 'right', cheap).loadOrCreateKey('local');
    expect(() => createPassphraseKeyProvider(dir, 'wrong', cheap).loadOrCreateKey('local')).toThrow(
      expect.objectContaining({ reason: 'wrong_passphrase', message: expect.stringMatching(/does not unlock/) }),
    );
  });

  it('uses a random salt, so the same passphrase gives different keys in different places', () => {
    const a = createPassphraseKeyProvider(tempDir(), 'same', cheap).loadOrCreateKey('local');
    const b = createPassphraseKeyProvider(tempDir(), 'same', cheap).loadOrCreateKey('local');
    expect(a.equals(b)).toBe(false);
  });

  it('asks for a passphrase when given an empty one', () => {
    expect(() => createPassphraseKeyProvider(tempDir(), '', cheap).loadOrCreateKey('local')).toThrow(
      expect.objectContaining({ reason: 'passphrase_required', name: 'VaultError', message: 'Enter a passphrase to unlock your data.' }),
    );
  });

  it('stores exactly what it takes to derive the key again, never the key or the passphrase: scrypt over the hex salt, and an HMAC verifier', () => {
    // A known-answer check against the format on disk: a file written today must unlock with tomorrow's code.
    const dir = tempDir();
    const passphrase = 'Cafe\u0301 au lait, 12 chars+';
    const key = createPassphraseKeyProvider(dir, passphrase, cheap).loadOrCreateKey('local');
    expect(hasPassphrase(dir, 'local')).toBe(true);
    const [file] = readdirSync(dir);
    expect(file).toMatch(/\.passphrase\.json$/);
    const stored = readFileSync(join(dir, file!), 'utf8');
    const params = JSON.parse(stored) as { version: number; salt: string; N: number; r: number; p: number; verifier: string };
    expect(params).toMatchObject({ version: 1, ...cheap });
    expect(params.salt).toMatch(/^[0-9a-f]{32}$/);
    const expected = scryptSync(passphrase.normalize('NFC'), Buffer.from(params.salt, 'hex'), 32, { N: cheap.N, r: cheap.r, p: cheap.p });
    expect(key.equals(expected)).toBe(true);
    expect(params.verifier).toBe(createHmac('sha256', expected).update('assay-database-key-verifier').digest('hex'));
    expect(stored).not.toContain(key.toString('hex'));
    expect(stored).not.toContain(passphrase);
    // The NFC form unlocks too (the same words typed on another keyboard).
    expect(createPassphraseKeyProvider(dir, passphrase.normalize('NFC'), cheap).loadOrCreateKey('local').equals(key)).toBe(true);
  });

  it('refuses damaged passphrase settings instead of making a new key', () => {
    const dir = tempDir();
    createPassphraseKeyProvider(dir, 'twelve chars at least', cheap).loadOrCreateKey('local');
    const [file] = readdirSync(dir);
    writeFileSync(join(dir, file!), '{"version":1}', { mode: 0o600 });
    expect(() => createPassphraseKeyProvider(dir, 'twelve chars at least', cheap).loadOrCreateKey('local')).toThrow(
      expect.objectContaining({ reason: 'damaged_key_file', message: expect.stringContaining(join(dir, file!)) }),
    );
  });

  it('defaults to scrypt N=2^15, r=8, p=1', () => {
    expect(DEFAULT_SCRYPT_COST).toEqual({ N: 2 ** 15, r: 8, p: 1 });
  });

  it('works at the default cost', () => {
    const dir = tempDir();
    const key = createPassphraseKeyProvider(dir, 'default cost').loadOrCreateKey('local');
    expect(createPassphraseKeyProvider(dir, 'default cost').loadOrCreateKey('local').equals(key)).toBe(true);
  });
});
