import { chmodSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileKeyProvider } from '../../../electron/core/vault/fileKeyProvider';
import { VaultError } from '../../../electron/core/vault/keyProvider';
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
    expect(() => provider.loadOrCreateKey('local')).toThrow(/chmod 600/);
  });

  it('refuses a damaged key file rather than making a new key', () => {
    const dir = tempDir();
    const provider = createFileKeyProvider(dir);
    provider.loadOrCreateKey('local');
    const [file] = readdirSync(dir);
    writeFileSync(join(dir, file!), 'not hex', { mode: 0o600 });
    expect(() => provider.loadOrCreateKey('local')).toThrow(expect.objectContaining({ reason: 'damaged_key_file' }));
  });
});
