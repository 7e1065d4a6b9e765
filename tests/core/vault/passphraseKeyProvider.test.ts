import { describe, expect, it } from 'vitest';
import { createPassphraseKeyProvider, type ScryptCost } from '../../../electron/core/vault/passphraseKeyProvider';
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
      expect.objectContaining({ reason: 'passphrase_required' }),
    );
  });

  it('works at the default cost', () => {
    const dir = tempDir();
    const key = createPassphraseKeyProvider(dir, 'default cost').loadOrCreateKey('local');
    expect(createPassphraseKeyProvider(dir, 'default cost').loadOrCreateKey('local').equals(key)).toBe(true);
  });
});
