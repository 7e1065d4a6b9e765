import type { UpdateStatus } from '@shared/ipc';

/** The one line Settings shows for where the app's update stands. */
export const updateStateLabel = (status: UpdateStatus): string => {
  const next = status.availableVersion ?? 'the update';
  switch (status.state) {
    case 'unavailable':
      return 'Updates are off';
    case 'idle':
      return 'Not checked yet';
    case 'checking':
      return 'Checking for updates…';
    case 'up_to_date':
      return `Up to date (Assay ${status.currentVersion})`;
    case 'downloading':
      return `Downloading Assay ${next}… ${status.percent ?? 0}%`;
    case 'ready':
      return `Assay ${next} is ready: restart to update`;
    case 'error':
      return 'The update did not complete';
  }
};

export const CHANNEL_LABEL = { stable: 'Stable', beta: 'Beta (earlier, less tested)' } as const;
