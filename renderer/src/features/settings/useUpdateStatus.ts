import { useCallback, useEffect, useState } from 'react';
import type { UpdateStatus } from '@shared/ipc';
import { api } from '../../api';

/** The status to show: an answer that left the core before the last event (a check's "downloading 0%" after "ready") loses. */
export const newerStatus = (shown: UpdateStatus | null, next: UpdateStatus): UpdateStatus => (shown !== null && next.seq < shown.seq ? shown : next);

/** Where the app's update stands: read once, then kept current by the core's updateStatus events. */
export function useUpdateStatus(): [UpdateStatus | null, (status: UpdateStatus) => void] {
  const [status, setStatus] = useState<UpdateStatus | null>(null);
  const show = useCallback((next: UpdateStatus) => setStatus((shown) => newerStatus(shown, next)), []);
  useEffect(() => {
    let live = true;
    void api()
      .getUpdateStatus({})
      .then((r) => live && r.ok && show(r.value));
    const off = api().onEvent((event) => {
      if (event.type === 'updateStatus') show(event.status);
    });
    return () => {
      live = false;
      off();
    };
  }, [show]);
  return [status, show];
}
