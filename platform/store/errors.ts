import type { ProtocolErrorCode } from '../../shared/sync/protocol';

/** Thrown by the store and the handlers; the HTTP layer turns it into `{ error: { code, message } }`. */
export class PlatformError extends Error {
  constructor(
    readonly code: ProtocolErrorCode,
    message: string,
    readonly detail?: string,
    /** Overrides the usual status of the code, e.g. 422 for a blob whose bytes do not match its name. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'PlatformError';
  }
}
