import { AppFailure } from '@shared/domain';

const IPV4_LITERAL = /^\d{1,3}(\.\d{1,3}){3}$/;
const PRIVATE_V4 = /^(127\.|10\.|192\.168\.|172\.(1[6-9]|2[0-9]|3[01])\.|169\.254\.)/;

/**
 * Loopback, a private network or a .local name: where a lab may run the reference server over plain http.
 * Private ranges count only as address literals: `10.example.com` is an internet name like any other.
 */
const isLocalHost = (hostname: string): boolean =>
  hostname === 'localhost' ||
  hostname === '[::1]' ||
  hostname.endsWith('.local') ||
  (IPV4_LITERAL.test(hostname) && PRIVATE_V4.test(hostname)) ||
  /^\[f[cd][0-9a-f]{2}:/i.test(hostname);

/**
 * The platform's base URL as the client uses it: https anywhere; plain http only on loopback or a private
 * network, since the bearer token travels in every request. No credentials, query or fragment in it.
 */
export const normalizePlatformUrl = (raw: string): string => {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppFailure('invalid_input', 'That is not a web address. Enter the platform address, e.g. https://platform.example.org.', 'platformUrl');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppFailure('invalid_input', 'The platform address must start with https://.', 'platformUrl');
  }
  if (url.protocol === 'http:' && !isLocalHost(url.hostname)) {
    throw new AppFailure('invalid_input', 'Use https:// for a platform on the internet: your token would otherwise travel in clear text. Plain http:// is accepted only on this computer or a private network.', 'platformUrl');
  }
  if (url.username !== '' || url.password !== '') throw new AppFailure('invalid_input', 'Leave the user name and password out of the address; the token is entered separately.', 'platformUrl');
  if (url.search !== '' || url.hash !== '') throw new AppFailure('invalid_input', 'The platform address has no ? or # part.', 'platformUrl');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
};
