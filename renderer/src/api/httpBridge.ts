import { fail, type Result } from '@shared/domain';
import { appEventSchema, operationNames, type AppEvent, type AssayApi, type OperationName } from '@shared/ipc';

/**
 * The browser harness's transport: the same contract, carried over loopback HTTP to the real core.
 * The served page carries a per-run token; the bridge refuses every request without it.
 */
export function createHttpBridge(token: string, base = '/bridge'): AssayApi {
  const call = async (name: OperationName, input: unknown): Promise<Result<unknown>> => {
    try {
      const body = JSON.stringify(input ?? {});
      const response = await fetch(`${base}/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-assay-token': token },
        body,
        // A save sent as the page closes must outlive it; browsers allow that for small bodies only (64 KiB in flight).
        keepalive: name === 'saveDraft' && new TextEncoder().encode(body).length < 48_000,
      });
      return (await response.json()) as Result<unknown>;
    } catch (error) {
      return fail('internal', `The harness bridge did not answer: ${String(error)}`);
    }
  };
  const listeners = new Set<(event: AppEvent) => void>();
  let source: EventSource | null = null;
  const api: Record<string, unknown> = {
    onEvent(listener: (event: AppEvent) => void) {
      listeners.add(listener);
      if (!source) {
        source = new EventSource(`${base}/events?token=${encodeURIComponent(token)}`);
        source.onmessage = (message) => {
          const parsed = appEventSchema.safeParse(JSON.parse(String(message.data)));
          if (parsed.success) for (const l of listeners) l(parsed.data);
        };
      }
      return () => listeners.delete(listener);
    },
  };
  for (const name of operationNames) api[name] = (input: unknown) => call(name, input);
  return api as unknown as AssayApi;
}
