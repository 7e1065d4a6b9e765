import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { formatFieldPath } from '../../shared/formats/describeIssue';
import { PlatformError } from '../store/errors';

/** Reads the whole body, refusing (413) as soon as it passes `limit` bytes. */
export const readBody = (req: IncomingMessage, limit: number): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new PlatformError('too_large', `The request body is ${declared} bytes; the limit is ${limit}`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        reject(new PlatformError('too_large', `The request body is larger than the limit of ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks, size));
    });
    req.on('error', (error) => {
      if (done) return;
      done = true;
      reject(error);
    });
  });

export const parseJsonBody = (data: Buffer): unknown => {
  if (data.length === 0) throw new PlatformError('invalid', 'The request needs a JSON body');
  try {
    return JSON.parse(data.toString('utf8'));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new PlatformError('invalid', `The request body is not valid JSON: ${why.slice(0, 200)}`);
  }
};

/** zod at the boundary: the first issue, with the field it is about, becomes a 400 a person can act on. */
export const parseWith = <S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> => {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue ? formatFieldPath(issue.path) : '';
  const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problems)` : '';
  throw new PlatformError('invalid', `The ${what} does not match protocol v1${field === '' ? '' : ` at ${field}`}: ${issue?.message ?? 'invalid'}${more}`, field === '' ? undefined : field);
};
