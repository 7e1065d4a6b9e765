import { createHash } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileKeyProvider } from '../../../electron/core/vault/fileKeyProvider';
import { VaultError } from '../../../electron/core/vault/keyProvider';
import { accountFileStem, accountKeyPath } from '../../../electron/core/vault/keyFiles';
import { useTempDirs } from '../../support/tempDir';

const tempDir = useTempDirs();
const posix = process.platform !== 'win32';

describe('file key provider', () => {
  it('creates a 32-byte key per account once, in a file only its owner can read', () => {
    const dir = join(tempDir(), 'keys');
    const provider = createFileKeyProvider(dir);
    const a = provider.loadOrCreateKey('local');
    expect(a).toHaveLength(32);
    expect(provider.loadOrCreateKey('local').equals(a)).toBe(true);
    expect(createFileKeyProvider(dir).loadOrCreateKey('local').equals(a)).toBe(true);
    expect(provider.loadOrCreateKey('someone@example.com').equals(a)).toBe(false);

    const files = readdirSync(dir);
    expect(files).toHaveLength(2);
    if (posix) for (const f of files) expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
  });

  it.runIf(posix)('refuses a key file that group or others can read, saying how to fix it', () => {
    const dir = tempDir();
    const provider = createFileKeyProvider(dir);
    provider.loadOrCreateKey('local');
    const [file] = readdirSync(dir);
    chmodSync(join(dir, file!), 0o644);
    expect(() => provider.loadOrCreateKey('local')).toThrow(VaultError);
    expect(() => provider.loadOrCreateKey('local')).toThrow(
      expect.objectContaining({
        name: 'VaultError',
        reason: 'insecure_key_file',
        message: `The key file ${join(dir, file!)} can be read by other users (mode 644). Make it private (chmod 600 "${join(dir, file!)}") and start Assay again.`,
      }),
    );
  });

  it('refuses a damaged key file rather than making a new key', () => {
    const dir = tempDir();
    const provider = createFileKeyProvider(dir);
    provider.loadOrCreateKey('local');
    const [file] = readdirSync(dir);
    writeFileSync(join(dir, file!), 'not hex', { mode: 0o600 });
    expect(() => provider.loadOrCreateKey('local')).toThrow(
      expect.objectContaining({ reason: 'damaged_key_file', message: expect.stringContaining(`The key file ${join(dir, file!)} is damaged`) }),
    );
  });

  it('keeps the key as hex in <account stem>.key, and reads one a person edited (trailing newline)', () => {
    const dir = tempDir();
    const key = createFileKeyProvider(dir).loadOrCreateKey('someone@example.com');
    const path = accountKeyPath(dir, 'someone@example.com', 'key');
    expect(readdirSync(dir)).toEqual([`${accountFileStem('someone@example.com')}.key`]);
    expect(readFileSync(path, 'utf8')).toBe(key.toString('hex'));
    writeFileSync(path, `${key.toString('hex')}\n`, { mode: 0o600 });
    expect(createFileKeyProvider(dir).loadOrCreateKey('someone@example.com').equals(key)).toBe(true);
  });
});

describe('writing a key file', () => {
  it.runIf(posix)('makes it private even over a readable leftover temporary file (a crash, then a reused pid)', () => {
    const dir = tempDir();
    const path = accountKeyPath(dir, 'local', 'key');
    writeFileSync(`${path}.tmp-${process.pid}`, 'leftover', { mode: 0o644 });
    chmodSync(`${path}.tmp-${process.pid}`, 0o644);
    createFileKeyProvider(dir).loadOrCreateKey('local');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual([`${accountFileStem('local')}.key`]);
  });
});

describe('account file names', () => {
  const hash12 = (id: string) => createHash('sha256').update(id).digest('hex').slice(0, 12);

  it('are the id made safe (at most 40 characters) and 12 hex of its SHA-256, stable across versions', () => {
    expect(accountFileStem('local')).toBe(`local-${hash12('local')}`);
    expect(accountFileStem('a/b c@d.e')).toBe(`a_b_c_d_e-${hash12('a/b c@d.e')}`);
    const long = 'x'.repeat(60);
    expect(accountFileStem(long)).toBe(`${'x'.repeat(40)}-${hash12(long)}`);
    expect(accountFileStem('a/b')).not.toBe(accountFileStem('a_b'));
    expect(accountKeyPath('/keys', 'local', 'key')).toBe(join('/keys', `local-${hash12('local')}.key`));
  });
});
