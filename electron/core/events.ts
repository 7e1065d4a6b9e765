import type { AppEvent } from '@shared/ipc';

export type AppEventListener = (event: AppEvent) => void;

export interface AppEvents {
  emit(event: AppEvent): void;
  /** Answers a function that removes the listener. */
  on(listener: AppEventListener): () => void;
}

/** A broken listener must not undo or block the write that raised the event, nor hide its error. */
const rethrowLater = (error: unknown): void =>
  queueMicrotask(() => {
    throw error;
  });

/** The core's one outgoing channel; electron/main forwards it to windows, the harness to its socket. */
export const createAppEvents = (onListenerError: (error: unknown) => void = rethrowLater): AppEvents => {
  const listeners = new Set<AppEventListener>();
  return {
    emit(event) {
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
};
