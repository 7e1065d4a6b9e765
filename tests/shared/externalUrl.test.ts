import { describe, expect, it } from 'vitest';
import { checkExternalUrl } from '@shared/security/externalUrl';

/** The link policy's answers, reason by reason: the dialog and the logs show these words. */
describe('checkExternalUrl', () => {
  it.each([
    [42, 'The link is empty.'],
    [null, 'The link is empty.'],
    [{ toString: () => 'https://example.org/' }, 'The link is empty.'],
    ['', 'The link is empty.'],
    ['not a url', 'The link is not a valid address.'],
    ['http://example.org/', 'Only https links open outside Assay (this one is http).'],
    ['javascript:alert(1)', 'Only https links open outside Assay (this one is javascript).'],
    ['https://user@example.org/', 'Links that carry a user name or password are not opened.'],
    ['https://:secret@example.org/', 'Links that carry a user name or password are not opened.'],
    ['https://example.org@evil.example/', 'Links that carry a user name or password are not opened.'],
  ])('refuses %j: %s', (raw, reason) => {
    expect(checkExternalUrl(raw)).toEqual({ allowed: false, reason });
  });

  it('takes a link of up to 4096 characters, and refuses a longer one', () => {
    const base = 'https://example.org/';
    const longest = base + 'a'.repeat(4096 - base.length);
    expect(checkExternalUrl(longest)).toEqual({ allowed: true, url: longest, host: 'example.org' });
    expect(checkExternalUrl(`${longest}a`)).toEqual({ allowed: false, reason: 'The link is too long to open.' });
  });

  it('answers the normalised URL and the host (with its port), punycode for look-alike characters', () => {
    expect(checkExternalUrl('https://EXAMPLE.org:8443/a b')).toEqual({ allowed: true, url: 'https://example.org:8443/a%20b', host: 'example.org:8443' });
    expect(checkExternalUrl('https://exаmple.org/')).toMatchObject({ allowed: true, host: 'xn--exmple-4nf.org' });
  });
});
