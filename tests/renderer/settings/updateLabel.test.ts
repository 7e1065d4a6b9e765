import { describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../../../shared/ipc';
import { updateStateLabel } from '../../../renderer/src/features/settings/updateLabel';

const status = (over: Partial<UpdateStatus>): UpdateStatus => ({
  channel: 'stable',
  currentVersion: '0.1.0',
  state: 'idle',
  availableVersion: null,
  percent: null,
  restartOffered: false,
  message: null,
  lastCheckAt: null,
  ...over,
});

describe('the update line in Settings', () => {
  it('says each state in words', () => {
    expect(updateStateLabel(status({ state: 'up_to_date' }))).toBe('Up to date (Assay 0.1.0)');
    expect(updateStateLabel(status({ state: 'downloading', availableVersion: '0.2.0', percent: 37 }))).toBe('Downloading Assay 0.2.0… 37%');
    expect(updateStateLabel(status({ state: 'ready', availableVersion: '0.2.0' }))).toBe('Assay 0.2.0 is ready: restart to update');
    expect(updateStateLabel(status({ state: 'error' }))).toBe('The update did not complete');
    expect(updateStateLabel(status({ state: 'unavailable' }))).toBe('Updates are off');
    expect(updateStateLabel(status({ state: 'checking' }))).toBe('Checking for updates…');
  });
});
