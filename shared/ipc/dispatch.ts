import { AppFailure, fail, ok, type Result } from '../domain';
import type { CoreHandlers } from './api';
import { contract, isOperationName, type OutputOf } from './contract';

const describeIssues = (issues: readonly { path: readonly PropertyKey[]; message: string }[]): string =>
  issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(input)'}: ${i.message}`)
    .join('; ');

/**
 * The one way into the core from outside its process: parse the input with the contract,
 * run the handler, check the output, and turn every failure into a Result.
 * Electron's registrars, the harness bridge and the tests all call this.
 */
export async function dispatch(handlers: CoreHandlers, name: string, rawInput: unknown): Promise<Result<unknown>> {
  if (!isOperationName(name)) return fail('invalid_input', `Unknown operation "${name}".`);
  const op = contract[name];
  const parsed = op.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    return fail('invalid_input', `The request for ${name} was malformed.`, describeIssues(parsed.error.issues));
  }
  try {
    const handler = handlers[name] as (input: unknown) => unknown;
    const output = await handler(parsed.data);
    const checked = op.output.safeParse(output);
    if (!checked.success) {
      return fail('internal', `The core answered ${name} with data that breaks the contract.`, describeIssues(checked.error.issues));
    }
    return ok(checked.data as OutputOf<typeof name>);
  } catch (error) {
    if (error instanceof AppFailure) return { ok: false, error: error.toError() };
    const message = error instanceof Error ? error.message : String(error);
    return fail('internal', `Something went wrong while running ${name}: ${message}`);
  }
}
