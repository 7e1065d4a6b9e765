import { fail, type Result } from '@shared/domain';
import { appEventSchema, channelOf, EVENT_CHANNEL, operationNames, type AppEvent, type AssayApi, type OperationName } from '@shared/ipc';

/** ipcRenderer.invoke, narrowed to one channel and one argument. */
export type Invoke = (channel: string, input: unknown) => Promise<unknown>;
/** Listen on a channel; the handler gets the payload only (never the IPC event). Returns an unsubscribe. */
export type Subscribe = (channel: string, handler: (payload: unknown) => void) => () => void;

const isResult = (value: unknown): value is Result<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';

/**
 * window.assay: exactly one function per contract operation plus onEvent. Nothing generic (no channel
 * argument, no ipcRenderer, no event objects) reaches the page, and every call resolves to a Result.
 */
export function buildAssayApi(invoke: Invoke, subscribe: Subscribe): AssayApi {
  const call =
    (name: OperationName) =>
    async (input: unknown): Promise<Result<unknown>> => {
      try {
        const answer = await invoke(channelOf(name), input);
        return isResult(answer) ? answer : fail('internal', `Assay's main process answered ${name} with something that is not a result.`);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return fail('internal', `Assay could not reach its main process for ${name}: ${message}`);
      }
    };

  const api: Record<string, unknown> = {};
  for (const name of operationNames) api[name] = call(name);
  api.onEvent = (listener: (event: AppEvent) => void): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('onEvent needs a function.');
    return subscribe(EVENT_CHANNEL, (payload) => {
      const parsed = appEventSchema.safeParse(payload);
      if (parsed.success) listener(parsed.data);
    });
  };
  // Each operation's input and output types come from the contract; the main process checks both with zod.
  return Object.freeze(api) as AssayApi;
}
