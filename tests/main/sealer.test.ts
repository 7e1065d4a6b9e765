import { describe, expect, it } from 'vitest';
import { sealerFrom, sealingProblem, type SafeStorageLike } from '../../electron/main/sealer';
import { keyringNotice } from '../../electron/main/keyringNotice';

const fakeSafeStorage = (backend: string, available = true): SafeStorageLike => ({
  isEncryptionAvailable: () => available,
  getSelectedStorageBackend: () => backend,
  encryptString: (plain) => Buffer.from(`sealed:${plain}`),
  decryptString: (sealed) => sealed.toString().replace(/^sealed:/, ''),
});

describe('sealerFrom (safeStorage as the core Sealer)', () => {
  it('reports the Linux backend, and "os" elsewhere', () => {
    expect(sealerFrom(fakeSafeStorage('gnome_libsecret'), 'linux').backend()).toBe('gnome_libsecret');
    expect(sealerFrom(fakeSafeStorage('unknown'), 'darwin').backend()).toBe('os');
    expect(sealerFrom(fakeSafeStorage('unknown'), 'win32').backend()).toBe('os');
  });

  it('seals and unseals through safeStorage', () => {
    const sealer = sealerFrom(fakeSafeStorage('kwallet6'), 'linux');
    expect(sealer.decryptString(sealer.encryptString('ab12'))).toBe('ab12');
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
