import type { IncomingMessage } from 'node:http';
import type { PlatformUser } from '../../shared/sync/protocol';
import type { PlatformStore } from '../store';

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]{1,512})$/;

/** The user behind the request's bearer token, or null for a missing, malformed, unknown or revoked one. */
export const authenticate = async (req: IncomingMessage, store: PlatformStore): Promise<PlatformUser | null> => {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = BEARER.exec(header.trim());
  return match?.[1] === undefined ? null : await store.authenticate(match[1]);
};
