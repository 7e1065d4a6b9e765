/** Errors cross process and network boundaries as values, with a code a program can branch on and a message a person can act on. */
export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'forbidden'
  | 'conflict'
  | 'read_only'
  | 'import_failed'
  | 'storage_failed'
  | 'locked'
  | 'internal';

export interface AppError {
  code: ErrorCode;
  message: string;
  /** Where the problem is, when it has a place: a line of a file, a field path. */
  detail?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, detail?: string): Result<never> => ({
  ok: false,
  error: detail === undefined ? { code, message } : { code, message, detail },
});

/** Thrown inside the core, turned into a failed Result at the process boundary. */
export class AppFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'AppFailure';
  }

  toError(): AppError {
    return this.detail === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, detail: this.detail };
  }
}
