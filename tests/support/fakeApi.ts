import { AppFailure } from '@shared/domain';
import { createInProcessApi, operationNames, type AppEvent, type AssayApi, type CoreHandlers } from '@shared/ipc';

/**
 * The component tests' test double: handlers you give answer, the rest fail loudly. It goes through the
 * same contract parsing as the real bridges, so a test cannot feed the UI data the core could never send.
 */
export function createFakeApi(handlers: Partial<CoreHandlers>): { api: AssayApi; emit(event: AppEvent): void } {
  const listeners = new Set<(event: AppEvent) => void>();
  const all = Object.fromEntries(
    operationNames.map((name) => [
      name,
      handlers[name] ??
        (() => {
          throw new AppFailure('internal', `${name} is not faked in this test`);
        }),
    ]),
  ) as CoreHandlers;
  const api = createInProcessApi(all, (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  });
  return { api, emit: (event) => listeners.forEach((l) => l(event)) };
}

/** listTasks' answer for an inbox with no rows matching (and `total` tasks on the computer). */
export const emptyTaskWindow = (total: number) => ({
  tasks: [],
  offset: 0,
  matching: 0,
  counts: { new: 0, in_progress: 0, submitted: 0, returned: 0, accepted: 0 },
  projects: [],
  total,
  searchPending: 0,
});
