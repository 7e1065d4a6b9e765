// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '@shared/domain';
import { setApi } from '../../renderer/src/api';
import { App } from '../../renderer/src/App';
import { useAppStore } from '../../renderer/src/state/appStore';
import { createFakeApi, emptyTaskWindow } from '../support/fakeApi';

beforeAll(() => {
  window.matchMedia ??= ((query: string) => ({ matches: false, media: query, addEventListener() {}, removeEventListener() {} })) as unknown as typeof window.matchMedia;
});

const lockedApp = () => {
  let state: 'new_passphrase' | 'ready' = 'new_passphrase';
  const { api } = createFakeApi({
    getVaultState: () => ({ state }),
    unlockVault: ({ passphrase }) => {
      if (passphrase !== 'correct horse battery') throw new AppFailure('forbidden', 'That passphrase does not unlock this account.');
      state = 'ready';
      return { state };
    },
    getAppInfo: () => ({ version: '0.1.0', shell: 'test', dataDir: '/d', annotatorId: 'local', taskCount: 0, storeNotice: null }),
    getSettings: () => ({ theme: 'system', displayName: '', idleAfterSeconds: 60, reopenTaskId: null }),
    getSyncStatus: () => ({ state: 'local', pending: 0, lastSyncAt: null, lastError: null }),
    listTasks: () => emptyTaskWindow(0),
  });
  setApi(api);
  useAppStore.setState({ booted: false, vault: null, info: null });
};

describe('a workspace locked by a passphrase', () => {
  afterEach(cleanup);

  it('asks for a new passphrase twice, refuses a mismatch, and opens the app once they agree', async () => {
    lockedApp();
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'Choose a passphrase' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Passphrase'), { target: { value: 'correct horse battery' } });
    fireEvent.change(screen.getByLabelText('Passphrase again'), { target: { value: 'correct horse batterz' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create encrypted workspace' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The two passphrases differ.');

    fireEvent.change(screen.getByLabelText('Passphrase again'), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create encrypted workspace' }));
    expect(await screen.findByRole('heading', { name: 'Welcome to Assay' })).toBeTruthy();
  });

  it('shows the core refusal of a wrong passphrase in plain words', async () => {
    lockedApp();
    render(<App />);
    await screen.findByRole('heading', { name: 'Choose a passphrase' });
    fireEvent.change(screen.getByLabelText('Passphrase'), { target: { value: 'wrong horse battery' } });
    fireEvent.change(screen.getByLabelText('Passphrase again'), { target: { value: 'wrong horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create encrypted workspace' }));
    expect((await screen.findByRole('alert')).textContent).toContain('does not unlock');
  });
});
