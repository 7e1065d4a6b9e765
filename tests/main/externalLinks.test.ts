import { describe, expect, it, vi } from 'vitest';
import { checkExternalUrl, createExternalOpener } from '../../electron/main/externalLinks';

describe('checkExternalUrl', () => {
  it('allows https links and names their host', () => {
    expect(checkExternalUrl('https://docs.example.org/guide?x=1#top')).toEqual({
      allowed: true,
      url: 'https://docs.example.org/guide?x=1#top',
      host: 'docs.example.org',
    });
    expect(checkExternalUrl('https://example.org:8443/')).toMatchObject({ allowed: true, host: 'example.org:8443' });
  });

  it.each([
    'http://example.org/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'smb://share/x',
    'ms-settings:',
    'mailto:someone@example.org',
  ])('refuses %s (not https)', (url) => {
    expect(checkExternalUrl(url)).toMatchObject({ allowed: false });
  });

  it('refuses links that hide the real host behind credentials', () => {
    const verdict = checkExternalUrl('https://bank.example.com@evil.example/');
    expect(verdict).toMatchObject({ allowed: false });
    if (!verdict.allowed) expect(verdict.reason).toContain('user name or password');
  });

  it.each([[''], ['not a url'], [42], [null], ['https://' + 'a'.repeat(5000) + '.org']])('refuses %s', (url) => {
    expect(checkExternalUrl(url)).toMatchObject({ allowed: false });
  });

  it('shows the punycode host, so look-alike characters are visible', () => {
    expect(checkExternalUrl('https://exаmple.org/')).toMatchObject({ allowed: true, host: 'xn--exmple-4nf.org' });
  });
});

describe('createExternalOpener', () => {
  const setup = (agree: boolean) => {
    const confirm = vi.fn(async () => agree);
    const open = vi.fn(async () => {});
    const refused = vi.fn();
    return { confirm, open, refused, openExternal: createExternalOpener({ confirm, open, refused }) };
  };

  it('asks, naming the host, then opens in the OS browser', async () => {
    const { confirm, open, openExternal } = setup(true);
    await expect(openExternal('https://example.org/paper')).resolves.toBe(true);
    expect(confirm).toHaveBeenCalledWith('example.org', 'https://example.org/paper');
    expect(open).toHaveBeenCalledWith('https://example.org/paper');
  });

  it('opens nothing when the person declines', async () => {
    const { open, openExternal } = setup(false);
    await expect(openExternal('https://example.org/')).resolves.toBe(false);
    expect(open).not.toHaveBeenCalled();
  });

  it('never asks about a refused link', async () => {
    const { confirm, open, refused, openExternal } = setup(true);
    await expect(openExternal('file:///etc/passwd')).resolves.toBe(false);
    expect(confirm).not.toHaveBeenCalled();
    expect(open).not.toHaveBeenCalled();
    expect(refused).toHaveBeenCalledOnce();
  });

  it('refuses quietly when nobody listens for refusals', async () => {
    const open = vi.fn(async () => {});
    const openExternal = createExternalOpener({ confirm: async () => true, open });
    await expect(openExternal('javascript:alert(1)')).resolves.toBe(false);
    expect(open).not.toHaveBeenCalled();
  });
});
