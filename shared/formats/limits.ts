import { fail, type Result } from '../domain';

/**
 * Caps on what one import may hold. The IPC contract lets 512 MiB of text through; parsing that many
 * characters into task objects would take gigabytes of memory in the core, so importers refuse earlier
 * with a message the expert can act on (split the file).
 */
export const MAX_IMPORT_CHARS = 128 * 1024 * 1024;
export const MAX_IMPORT_TASKS = 100_000;

export interface ImportLimits {
  maxChars: number;
  maxTasks: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = { maxChars: MAX_IMPORT_CHARS, maxTasks: MAX_IMPORT_TASKS };

const MIB = 1024 * 1024;
const describeSize = (chars: number): string =>
  chars >= MIB ? `${(chars / MIB).toFixed(1)} MB` : chars >= 1024 ? `${(chars / 1024).toFixed(1)} KB` : `${chars} characters`;

export const tooLargeFailure = (chars: number, limit: number): Result<never> =>
  fail('import_failed', `The file is too large to import (${describeSize(chars)}; the limit is ${describeSize(limit)}). Split it into smaller files.`);
