import { describe, expect, it } from 'vitest';
import { resolveChromium, type ResolveChromiumDeps } from '../../scripts/browser/resolveChromium';

/** A fake machine: the files that exist, its environment and OS. */
function machine(platform: string, files: string[], env: Record<string, string> = {}, playwright?: string): ResolveChromiumDeps {
  const set = new Set(files);
  return { platform, env, isFile: (p) => set.has(p), playwrightChromium: playwright === undefined ? undefined : () => playwright };
}

describe('resolveChromium on Linux', () => {
  const PATH = '/home/me/bin:/usr/local/bin:/usr/bin';

  it('keeps Debian /usr/bin/chromium first, even with Chrome on PATH and Playwright installed', () => {
    const deps = machine('linux', ['/usr/bin/chromium', '/usr/lib/chromium/chromium', '/usr/local/bin/google-chrome', '/pw/chrome'], { PATH }, '/pw/chrome');
    expect(resolveChromium(deps)).toEqual({ ok: true, path: '/usr/bin/chromium', source: 'install location' });
  });

  it('ASSAY_CHROMIUM wins over everything', () => {
    const deps = machine('linux', ['/usr/bin/chromium', '/opt/x/chrome'], { PATH, ASSAY_CHROMIUM: '/opt/x/chrome' });
    expect(resolveChromium(deps)).toEqual({ ok: true, path: '/opt/x/chrome', source: 'ASSAY_CHROMIUM' });
  });

  it('a wrong ASSAY_CHROMIUM is an error naming it, not a silent fallback', () => {
    const result = resolveChromium(machine('linux', ['/usr/bin/chromium'], { PATH, ASSAY_CHROMIUM: '/nope/chrome' }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('/nope/chrome');
  });

  it('finds Chrome on PATH on Fedora (no Debian Chromium), in PATH order', () => {
    const deps = machine('linux', ['/usr/local/bin/google-chrome', '/usr/bin/google-chrome'], { PATH });
    expect(resolveChromium(deps)).toEqual({ ok: true, path: '/usr/local/bin/google-chrome', source: 'PATH' });
  });

  it('prefers chromium over chrome over edge on PATH', () => {
    const deps = machine('linux', ['/usr/local/bin/microsoft-edge', '/home/me/bin/google-chrome', '/usr/bin/chromium-browser'], { PATH });
    expect(resolveChromium(deps)).toMatchObject({ path: '/usr/bin/chromium-browser' });
  });

  it('finds an install location off PATH (Chrome under /opt)', () => {
    expect(resolveChromium(machine('linux', ['/opt/google/chrome/chrome'], { PATH }))).toEqual({
      ok: true,
      path: '/opt/google/chrome/chrome',
      source: 'install location',
    });
  });

  it("falls back to Playwright's own Chromium only when it is installed", () => {
    const pw = '/home/me/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome';
    expect(resolveChromium(machine('linux', [pw], { PATH }, pw))).toEqual({ ok: true, path: pw, source: 'Playwright' });
    const none = resolveChromium(machine('linux', [], { PATH }, pw));
    expect(none.ok).toBe(false);
  });

  it('a throwing playwright lookup counts as none', () => {
    const deps: ResolveChromiumDeps = { ...machine('linux', [], { PATH }), playwrightChromium: () => { throw new Error('unsupported'); } };
    expect(resolveChromium(deps).ok).toBe(false);
  });

  it('with nothing, one line saying what to install on Linux', () => {
    const result = resolveChromium(machine('linux', [], { PATH }));
    expect(result).toMatchObject({ ok: false, platform: 'linux' });
    if (!result.ok) {
      expect(result.message).toContain('apt-get install chromium');
      expect(result.message).toContain('npx playwright install chromium');
      expect(result.message).not.toContain('\n');
    }
  });

  it('treats other Unixes (freebsd) like Linux', () => {
    expect(resolveChromium(machine('freebsd', ['/usr/bin/chromium']))).toMatchObject({ ok: true, path: '/usr/bin/chromium' });
  });
});

describe('resolveChromium on macOS', () => {
  const PATH = '/opt/homebrew/bin:/usr/bin:/bin';

  it('finds Google Chrome in /Applications', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(resolveChromium(machine('darwin', [chrome], { PATH, HOME: '/Users/me' }))).toEqual({ ok: true, path: chrome, source: 'install location' });
  });

  it('prefers Chromium over Chrome, and finds apps in ~/Applications', () => {
    const chromium = '/Users/me/Applications/Chromium.app/Contents/MacOS/Chromium';
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    // /Applications is searched before ~/Applications, but Chromium before Chrome within each folder.
    expect(resolveChromium(machine('darwin', [chromium, chrome], { PATH, HOME: '/Users/me' }))).toMatchObject({ path: chrome });
    expect(resolveChromium(machine('darwin', [chromium], { PATH, HOME: '/Users/me' }))).toMatchObject({ path: chromium });
  });

  it('finds Edge when it is the only one', () => {
    const edge = '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge';
    expect(resolveChromium(machine('darwin', [edge], { PATH }))).toMatchObject({ ok: true, path: edge });
  });

  it('a chromium on PATH (Homebrew) beats /Applications', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(resolveChromium(machine('darwin', [chrome, '/opt/homebrew/bin/chromium'], { PATH }))).toEqual({ ok: true, path: '/opt/homebrew/bin/chromium', source: 'PATH' });
  });

  it('does not take /usr/bin/chromium as special on macOS', () => {
    expect(resolveChromium(machine('darwin', ['/usr/bin/chromium'], { PATH: '/bin' })).ok).toBe(false);
  });

  it('with nothing, says brew or Chrome', () => {
    const result = resolveChromium(machine('darwin', [], { PATH }));
    expect(result).toMatchObject({ ok: false, platform: 'darwin' });
    if (!result.ok) expect(result.message).toContain('brew install --cask chromium');
  });
});

describe('resolveChromium on Windows', () => {
  const env = {
    Path: 'C:\\Windows\\system32;C:\\tools',
    LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local',
    PROGRAMFILES: 'C:\\Program Files',
    'PROGRAMFILES(X86)': 'C:\\Program Files (x86)',
  };

  it('finds Chrome under Program Files', () => {
    const chrome = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
    expect(resolveChromium(machine('win32', [chrome], env))).toEqual({ ok: true, path: chrome, source: 'install location' });
  });

  it('finds a per-user Chrome under LOCALAPPDATA first', () => {
    const user = 'C:\\Users\\me\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe';
    const machineWide = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
    expect(resolveChromium(machine('win32', [machineWide, user], env))).toMatchObject({ path: user });
  });

  it('finds Edge, which every Windows 10/11 has, under Program Files (x86)', () => {
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    expect(resolveChromium(machine('win32', [edge], env))).toMatchObject({ ok: true, path: edge });
  });

  it('reads PATH split on semicolons', () => {
    expect(resolveChromium(machine('win32', ['C:\\tools\\chrome.exe'], env))).toEqual({ ok: true, path: 'C:\\tools\\chrome.exe', source: 'PATH' });
  });

  it('with nothing, says winget', () => {
    const result = resolveChromium(machine('win32', [], env));
    expect(result).toMatchObject({ ok: false, platform: 'win32' });
    if (!result.ok) expect(result.message).toContain('winget install Google.Chrome');
  });
});
