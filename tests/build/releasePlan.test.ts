import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { releasePlan } from '../../build/releasePlan.mjs';

describe('releasePlan: signing and notarization from the environment', () => {
  it('without secrets, each is skipped with one line and nothing guesses an identity', () => {
    const mac = releasePlan({}, 'mac');
    expect(mac.problems).toEqual([]);
    expect(mac.lines).toHaveLength(2);
    expect(mac.lines[0]).toMatch(/^Code signing: skipped \(no CSC_LINK or CSC_NAME/);
    expect(mac.lines[1]).toMatch(/^Notarization: skipped/);
    expect(mac.builderArgs).toEqual(['-c.mac.identity=null', '-c.mac.notarize=false']);
    expect(mac.env).toEqual({ CSC_IDENTITY_AUTO_DISCOVERY: 'false' });
    const win = releasePlan({ CSC_LINK: '  ' }, 'win');
    expect(win.lines).toEqual([expect.stringMatching(/^Code signing: skipped \(no WIN_CSC_LINK or CSC_LINK/)]);
    expect(releasePlan({}, 'linux').lines).toEqual([expect.stringMatching(/^Code signing: none for AppImage and deb/)]);
  });

  it('signs and notarizes with a complete set, naming the variables, never their values', () => {
    const env = { CSC_LINK: 'base64cert', CSC_KEY_PASSWORD: 'pw-secret', APPLE_ID: 'a@b.c', APPLE_APP_SPECIFIC_PASSWORD: 'app-secret', APPLE_TEAM_ID: 'TEAM1' };
    const mac = releasePlan(env, 'mac');
    expect(mac.problems).toEqual([]);
    expect(mac.lines).toEqual(['Code signing: with the certificate from CSC_LINK.', 'Notarization: with APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID.']);
    expect(mac.builderArgs).toEqual(['-c.mac.notarize=true']);
    expect(JSON.stringify(mac)).not.toMatch(/secret|base64cert/);
    expect(releasePlan({ CSC_NAME: 'Developer ID Application: Lab', APPLE_KEYCHAIN_PROFILE: 'assay' }, 'mac').lines[1]).toBe('Notarization: with APPLE_KEYCHAIN_PROFILE.');
    expect(releasePlan({ WIN_CSC_LINK: 'c', WIN_CSC_KEY_PASSWORD: 'p' }, 'win')).toMatchObject({ problems: [], lines: ['Code signing: with the certificate from WIN_CSC_LINK.'] });
  });

  it('refuses a half-set group before the build starts', () => {
    expect(releasePlan({ CSC_LINK: 'c', CSC_KEY_PASSWORD: 'p', APPLE_ID: 'a@b.c' }, 'mac').problems).toEqual([
      'Notarization: APPLE_ID set but APPLE_APP_SPECIFIC_PASSWORD, APPLE_TEAM_ID missing.',
    ]);
    expect(releasePlan({ CSC_LINK: 'c' }, 'win').problems).toEqual(['CSC_LINK is set but CSC_KEY_PASSWORD is not: the certificate cannot be opened.']);
    expect(releasePlan({ APPLE_API_KEY: 'k', APPLE_API_KEY_ID: 'i', APPLE_API_ISSUER: 's' }, 'mac').problems).toEqual([
      'Notarization needs a signed app: set CSC_LINK (and CSC_KEY_PASSWORD) or CSC_NAME as well.',
    ]);
  });
});

describe('electron-builder.yml', () => {
  const text = readFileSync(resolve(__dirname, '../../electron-builder.yml'), 'utf8');
  /** One top-level section's lines (up to the next top-level key). */
  const section = (key: string) => new RegExp(`^${key}:\\n((?:[ #].*\\n|\\n)*)`, 'm').exec(text)?.[1] ?? '';
  const targets = (os: string) => [...section(os).matchAll(/- target: (\S+)\n\s+arch: \[([^\]]*)\]/g)].map((m) => `${m[1]}:${(m[2] ?? '').replace(/\s/g, '')}`);

  it('builds AppImage and deb, dmg and zip for arm64 and x64, and NSIS', () => {
    expect(targets('linux')).toEqual(['AppImage:x64', 'deb:x64']);
    expect(targets('mac')).toEqual(['dmg:arm64,x64', 'zip:arm64,x64']);
    expect(targets('win')).toEqual(['nsis:x64']);
  });

  it('flips fuses after packing and writes update manifests (a generic provider, never published from here)', () => {
    expect(text).toMatch(/^afterPack: build\/afterPack\.mjs$/m);
    expect(section('publish')).toMatch(/^ {2}provider: generic$/m);
    const pkg = JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')) as { scripts: Record<string, string>; dependencies: Record<string, string> };
    expect(pkg.scripts.package).toBe('node scripts/package.mjs');
    expect(readFileSync(resolve(__dirname, '../../scripts/package.mjs'), 'utf8')).toContain("'--publish', 'never'");
    // electron-updater runs in the packaged main process: a runtime dependency, left out of the bundle.
    expect(pkg.dependencies['electron-updater']).toMatch(/^\^6\./);
  });
});
