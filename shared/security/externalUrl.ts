/** Where a link may go: only https, to a named host, with no credentials hidden in it. */
export type LinkVerdict = { allowed: true; url: string; host: string } | { allowed: false; reason: string };

const MAX_URL_LENGTH = 4096;

export function checkExternalUrl(raw: unknown): LinkVerdict {
  if (typeof raw !== 'string' || raw.length === 0) return { allowed: false, reason: 'The link is empty.' };
  if (raw.length > MAX_URL_LENGTH) return { allowed: false, reason: 'The link is too long to open.' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { allowed: false, reason: 'The link is not a valid address.' };
  }
  if (url.protocol !== 'https:') {
    return { allowed: false, reason: `Only https links open outside Assay (this one is ${url.protocol.replace(/:$/, '')}).` };
  }
  // user:pass@host is a classic way to disguise the real host in a confirmation prompt.
  if (url.username !== '' || url.password !== '') {
    return { allowed: false, reason: 'Links that carry a user name or password are not opened.' };
  }
  if (url.hostname === '') return { allowed: false, reason: 'The link names no host.' };
  return { allowed: true, url: url.href, host: url.host };
}
