import { describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../../../shared/ipc';
import { updateStateLabel } from '../../../renderer/src/features/settings/updateLabel';
import { newerStatus } from '../../../renderer/src/features/settings/useUpdateStatus';

const status = (over: Partial<UpdateStatus>): UpdateStatus => ({
  channel: 'stable',
  currentVersion: '0.1.0',
  state: 'idle',
  availableVersion: null,
  percent: null,
  restartOffered: false,
  message: null,
  lastCheckAt: null,
  seq: 0,
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

describe('the status Settings shows', () => {
  it('keeps the newer status when an answer arrives after a later event (a check answering "downloading 0%" after "ready")', () => {
    const ready = status({ state: 'ready', availableVersion: '0.2.0', seq: 7 });
    const staleAnswer = status({ state: 'downloading', availableVersion: '0.2.0', percent: 0, seq: 3 });
    expect(newerStatus(ready, staleAnswer)).toBe(ready);
    expect(newerStatus(staleAnswer, ready)).toBe(ready);
    // The same change (an answer after its own event, or the channel shown at once) is taken.
    const sameSeq = status({ state: 'ready', channel: 'beta', seq: 7 });
    expect(newerStatus(ready, sameSeq)).toBe(sameSeq);
    expect(newerStatus(null, staleAnswer)).toBe(staleAnswer);
  });
});
