import { join } from 'node:path';
import type { AppEvent } from '@shared/ipc';
import { dispatch, type OperationName, type OutputOf } from '@shared/ipc';
import { createCore, type Core, type CoreOptions } from '../../electron/core/createCore';
import { createFileKeyProvider } from '../../electron/core/vault/fileKeyProvider';

export interface TestCore extends Core {
  /** Every event the core emitted, in order. */
  seen: AppEvent[];
  /** Calls an operation the way a bridge does and unwraps the answer, failing the test on an error Result. */
  call<N extends OperationName>(name: N, input?: unknown): Promise<OutputOf<N>>;
}

/** A real core over an encrypted store in `dataDir`, keys kept beside it in a private folder. */
export const startTestCore = (dataDir: string, options: Partial<CoreOptions> = {}): TestCore => {
  const core = createCore({
    dataDir,
    keyProvider: createFileKeyProvider(join(dataDir, 'keys')),
    shell: 'test',
    version: '0.0.0-test',
    ...options,
  });
  const seen: AppEvent[] = [];
  core.events.on((event) => seen.push(event));
  return {
    ...core,
    seen,
    async call(name, input = {}) {
      const result = await dispatch(core.handlers, name, input);
      if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message} ${result.error.detail ?? ''}`);
      return result.value as OutputOf<typeof name>;
    },
  };
};
