import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '@shared/ipc';
import { createCore } from '../../electron/core/createCore';
import { createPassphraseGate } from '../../electron/core/passphraseGate';
import { useTempDirs } from '../support/tempDir';

const tempDir = useTempDirs('assay-gate-');

const gateFor = (dataDir: string) =>
  createPassphraseGate({
    keyDir: join(dataDir, 'keys'),
    openCore: (keyProvider) => createCore({ dataDir, keyProvider, shell: 'test', version: '0.0.0-test', sync: { autoSync: false } }),
  });

describe('the passphrase gate (no OS keyring)', () => {
  it('answers locked to everything until a passphrase is chosen, then opens the real store', async () => {
    const gate = gateFor(tempDir());
    expect(await dispatch(gate.handlers, 'getVaultState', {})).toEqual({ ok: true, value: { state: 'new_passphrase' } });
    const locked = await dispatch(gate.handlers, 'listTasks', {});
    expect(locked.ok ? null : locked.error.code).toBe('locked');

    const short = await dispatch(gate.handlers, 'unlockVault', { passphrase: 'short' });
    expect(short.ok ? null : short.error.message).toMatch(/at least 12 characters/);

    expect((await dispatch(gate.handlers, 'unlockVault', { passphrase: 'correct horse battery' })).ok).toBe(true);
    expect(await dispatch(gate.handlers, 'getVaultState', {})).toEqual({ ok: true, value: { state: 'ready' } });
    expect((await dispatch(gate.handlers, 'loadDemo', {})).ok).toBe(true);
    gate.close();
  });

  it('asks for the passphrase on the next start, refuses a wrong one, and opens the same data with the right one', async () => {
    const dataDir = tempDir();
    const first = gateFor(dataDir);
    await dispatch(first.handlers, 'unlockVault', { passphrase: 'correct horse battery' });
    await dispatch(first.handlers, 'loadDemo', {});
    first.close();

    const second = gateFor(dataDir);
    expect(await dispatch(second.handlers, 'getVaultState', {})).toEqual({ ok: true, value: { state: 'needs_passphrase' } });
    const wrong = await dispatch(second.handlers, 'unlockVault', { passphrase: 'wrong horse battery' });
    expect(wrong.ok ? null : wrong.error.code).toBe('forbidden');
    expect(await dispatch(second.handlers, 'getVaultState', {})).toEqual({ ok: true, value: { state: 'needs_passphrase' } });

    await dispatch(second.handlers, 'unlockVault', { passphrase: 'correct horse battery' });
    const info = await dispatch(second.handlers, 'getAppInfo', {});
    expect(info.ok && (info.value as { taskCount: number }).taskCount).toBe(3);
    second.close();
  });

  it('forwards the core events once unlocked', async () => {
    const gate = gateFor(tempDir());
    const seen: string[] = [];
    gate.events.on((e) => seen.push(e.type));
    await dispatch(gate.handlers, 'unlockVault', { passphrase: 'correct horse battery' });
    await dispatch(gate.handlers, 'loadDemo', {});
    expect(seen).toContain('tasksChanged');
    gate.close();
  });
});
