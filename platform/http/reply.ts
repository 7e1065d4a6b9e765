import type { ProtocolErrorCode } from '../../shared/sync/protocol';
import { HTTP_STATUS_OF } from '../../shared/sync/protocol';

export interface Reply {
  status: number;
  body: string | Buffer;
  contentType: string;
  headers?: Record<string, string>;
}

const JSON_TYPE = 'application/json; charset=utf-8';

export const jsonReply = (status: number, value: unknown): Reply => ({ status, body: JSON.stringify(value), contentType: JSON_TYPE });

/** For bodies already serialized (the change feed is assembled from stored JSON). */
export const rawJsonReply = (status: number, text: string): Reply => ({ status, body: text, contentType: JSON_TYPE });

export const bytesReply = (status: number, data: Buffer, headers: Record<string, string> = {}): Reply => ({
  status,
  body: data,
  contentType: 'application/octet-stream',
  headers,
});

export const errorReply = (code: ProtocolErrorCode, message: string, options: { detail?: string; status?: number; headers?: Record<string, string> } = {}): Reply => ({
  status: options.status ?? HTTP_STATUS_OF[code],
  body: JSON.stringify({ error: options.detail === undefined ? { code, message } : { code, message, detail: options.detail } }),
  contentType: JSON_TYPE,
  ...(options.headers === undefined ? {} : { headers: options.headers }),
});
