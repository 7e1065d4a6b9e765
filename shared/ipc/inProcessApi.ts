import type { AssayApi, CoreHandlers } from './api';
import { operationNames, type OperationName } from './contract';
import { dispatch } from './dispatch';
import type { AppEvent } from './events';

type Subscribe = (listener: (event: AppEvent) => void) => () => void;

/**
 * An AssayApi that calls handlers in the same process through the same dispatch as the real bridges.
 * Component tests build their test double from it, so the double cannot drift from the contract.
 */
export function createInProcessApi(handlers: CoreHandlers, subscribe: Subscribe = () => () => {}): AssayApi {
  const api = { onEvent: subscribe } as Partial<Record<OperationName, unknown>> & { onEvent: Subscribe };
  for (const name of operationNames) {
    api[name] = (input: unknown) => dispatch(handlers, name, input);
  }
  return api as AssayApi;
}
