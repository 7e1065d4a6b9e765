import { AppFailure } from '@shared/domain';
import type { CoreHandlers, UpdateStatus } from '@shared/ipc';
import type { UpdateService } from './updateService';

type UpdateHandlers = Pick<CoreHandlers, 'getUpdateStatus' | 'checkForUpdates' | 'setUpdateChannel' | 'restartToUpdate'>;

/** The update operations over the UpdateService; without one (tests of other parts), they say updates are off. */
export const createUpdateHandlers = (service: UpdateService | null, currentVersion: string): UpdateHandlers => {
  if (service === null) {
    const off: UpdateStatus = {
      channel: 'stable',
      currentVersion,
      state: 'unavailable',
      availableVersion: null,
      percent: null,
      restartOffered: false,
      message: 'This copy of Assay does not update itself.',
      lastCheckAt: null,
      seq: 0,
    };
    return {
      getUpdateStatus: () => off,
      checkForUpdates: () => off,
      setUpdateChannel: () => off,
      restartToUpdate: () => {
        throw new AppFailure('conflict', 'No update is downloaded and ready to install.');
      },
    };
  }
  return {
    getUpdateStatus: () => service.status(),
    checkForUpdates: () => service.checkNow(),
    setUpdateChannel: ({ channel }) => service.setChannel(channel),
    restartToUpdate: () => service.restart(),
  };
};
