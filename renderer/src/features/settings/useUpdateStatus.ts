import { useEffect, useState } from 'react';
import type { UpdateStatus } from '@shared/ipc';
import { api } from '../../api';

/** Where the app's update stands: read once, then kept current by the core's updateStatus events. */
export function useUpdateStatus(): [UpdateStatus | null, (status: UpdateStatus) => void] {
  const [status, setStatus] = useState<UpdateStatus | null>(null);
  useEffect(() => {
    let live = true;
    void api()
      .getUpdateStatus({})
      .then((r) => live && r.ok && setStatus(r.value));
    const off = api().onEvent((event) => {
      if (event.type === 'updateStatus') setStatus(event.status);
    });
    return () => {
      live = false;
      off();
    };
  }, []);
  return [status, setStatus];
}
