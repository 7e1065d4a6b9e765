import type { OfferedRelease } from '@shared/updates/updatePolicy';
import { UpdateChecksumError, type UpdateFeed, type Updater } from './updater';

/**
 * The core runs in its own thread, but electron-updater must run on the main thread (it quits the app to
 * install). These two ends carry the Updater's three calls across: the core thread holds a proxy, the main
 * thread answers with the real updater. Plain messages, no Electron here.
 */

export type UpdaterRequest =
  | { type: 'updaterCall'; id: number; call: 'check'; feed: UpdateFeed }
  | { type: 'updaterCall'; id: number; call: 'download' }
  | { type: 'updaterCall'; id: number; call: 'install' };

export type UpdaterReply =
  | { type: 'updaterResult'; id: number; ok: true; value: OfferedRelease | null }
  | { type: 'updaterResult'; id: number; ok: false; message: string; checksum: boolean }
  | { type: 'updaterProgress'; id: number; percent: number };

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

/** The core thread's Updater: each call a message to the main thread, answered by `receive`. */
export const createUpdaterProxy = (post: (request: UpdaterRequest) => void) => {
  let nextId = 1;
  const waiting = new Map<number, { resolve(value: OfferedRelease | null): void; reject(error: Error): void; progress?: (percent: number) => void }>();
  const ask = (request: DistributiveOmit<UpdaterRequest, 'id' | 'type'>, progress?: (percent: number) => void): Promise<OfferedRelease | null> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject, ...(progress ? { progress } : {}) });
      post({ type: 'updaterCall', id, ...request } as UpdaterRequest);
    });
  const updater: Updater = {
    check: (feed) => ask({ call: 'check', feed }),
    download: async (onProgress) => {
      await ask({ call: 'download' }, onProgress);
    },
    install: () => void ask({ call: 'install' }).catch(() => undefined),
  };
  const receive = (reply: UpdaterReply): void => {
    const pending = waiting.get(reply.id);
    if (!pending) return;
    if (reply.type === 'updaterProgress') {
      pending.progress?.(reply.percent);
      return;
    }
    waiting.delete(reply.id);
    if (reply.ok) pending.resolve(reply.value);
    else pending.reject(reply.checksum ? new UpdateChecksumError(reply.message) : new Error(reply.message));
  };
  return { updater, receive };
};

/** The main thread's end: runs a request on the real updater and answers it. */
export const answerUpdaterRequest = async (updater: Updater, request: UpdaterRequest, reply: (message: UpdaterReply) => void): Promise<void> => {
  try {
    let value: OfferedRelease | null = null;
    if (request.call === 'check') value = await updater.check(request.feed);
    else if (request.call === 'download') await updater.download((percent) => reply({ type: 'updaterProgress', id: request.id, percent }));
    else updater.install();
    reply({ type: 'updaterResult', id: request.id, ok: true, value });
  } catch (error) {
    reply({ type: 'updaterResult', id: request.id, ok: false, message: error instanceof Error ? error.message : String(error), checksum: error instanceof UpdateChecksumError });
  }
};
