import type { Result } from '../domain';
import type { InputOf, OperationName, OutputOf, ParsedInputOf } from './contract';
import type { AppEvent } from './events';

/** What the renderer sees as `window.assay`: one function per operation, each answering a Result. */
export type AssayApi = { [N in OperationName]: (input: InputOf<N>) => Promise<Result<OutputOf<N>>> } & {
  onEvent(listener: (event: AppEvent) => void): () => void;
};

/** What the core implements: inputs arrive already parsed; failures are thrown as AppFailure. */
export type CoreHandlers = { [N in OperationName]: (input: ParsedInputOf<N>) => OutputOf<N> | Promise<OutputOf<N>> };
