import { describe, expect, it } from 'vitest';
import { manifestNameFor, parseUpdateManifest, pickUpdateFile, readManifestYaml, withStagingPercentage } from '../../../shared/updates/latestYml';

// What electron-builder 26 writes (latest-linux.yml), with a staged rollout added by the release manager.
const LINUX = `version: 0.2.0
files:
  - url: Assay-0.2.0.AppImage
    sha512: 3q2+7w==
    size: 123456
    blockMapSize: 1234
  - url: assay_0.2.0_amd64.deb
    sha512: AAAA
    size: 99
path: Assay-0.2.0.AppImage
sha512: 3q2+7w==
releaseDate: '2026-11-30T12:00:00.000Z'
stagingPercentage: 25
`;

describe('parseUpdateManifest', () => {
  it('reads version, files with their SHA-512 and size, and the staging percentage', () => {
    const parsed = parseUpdateManifest(LINUX);
    expect(parsed).toEqual({
      ok: true,
      value: {
        version: '0.2.0',
        files: [
          { url: 'Assay-0.2.0.AppImage', sha512: '3q2+7w==', size: 123456 },
          { url: 'assay_0.2.0_amd64.deb', sha512: 'AAAA', size: 99 },
        ],
        releaseDate: '2026-11-30T12:00:00.000Z',
        stagingPercentage: 25,
      },
    });
  });

  it('reads quoted names with spaces (Windows) and CRLF line ends', () => {
    const win = 'version: 0.2.0\r\nfiles:\r\n  - url: "Assay Setup 0.2.0.exe"\r\n    sha512: abc=\r\n    size: 99\r\npath: "Assay Setup 0.2.0.exe"\r\n';
    const parsed = parseUpdateManifest(win);
    expect(parsed.ok && parsed.value.files[0]?.url).toBe('Assay Setup 0.2.0.exe');
  });

  it('reads an old manifest that names its file by path and sha512 only', () => {
    const parsed = parseUpdateManifest('version: 1.0.0\npath: Assay.dmg\nsha512: AbC=\n');
    expect(parsed.ok && parsed.value.files).toEqual([{ url: 'Assay.dmg', sha512: 'AbC=' }]);
  });

  it('refuses a manifest without a version, without files, or with a bad line, naming what is wrong', () => {
    expect(parseUpdateManifest('files:\n  - url: a\n    sha512: AA==\n')).toMatchObject({ ok: false, message: expect.stringContaining('version') });
    expect(parseUpdateManifest('version: 0.2.0\n')).toMatchObject({ ok: false, message: expect.stringContaining('files') });
    expect(parseUpdateManifest('version: 0.2.0\n<html>\n')).toMatchObject({ ok: false, message: expect.stringContaining('line 2') });
    expect(parseUpdateManifest('version: 0.2.0\nfiles:\n  - url: a\n    sha512: not base64!\n')).toEqual({ ok: false, message: "the update manifest's files.0.sha512 is wrong: a base64 SHA-512" });
  });
});

describe('readManifestYaml: the YAML electron-builder writes', () => {
  it('unquotes single and double quotes (with their escapes), keeps quoted numbers as text, reads numbers', () => {
    const read = readManifestYaml("\uFEFF# a comment\n\na: 'it''s'\nb: \"say \\\"hi\\\"\"\nc: '42'\nd: 42\ne: -1.5\nf: 1.2.3\ng: 'x\nh: ''\n");
    expect(read).toEqual({ ok: true, value: { a: "it's", b: 'say "hi"', c: '42', d: 42, e: -1.5, f: '1.2.3', g: "'x", h: '' } });
  });

  it('reads lists of maps, and a key after a list ends it', () => {
    const read = readManifestYaml('files:\n  - url: a\n    size: 1\n  - url: b\npath: a\n');
    expect(read).toEqual({ ok: true, value: { files: [{ url: 'a', size: 1 }, { url: 'b' }], path: 'a' } });
  });

  it('refuses a nested line outside any list, naming the line', () => {
    expect(readManifestYaml('version: 1.0.0\n  size: 3\n')).toEqual({ ok: false, message: 'line 2: not a line of an update manifest: "  size: 3"' });
  });
});

describe('which manifest and installer this computer takes', () => {
  it('names the manifest electron-updater reads per OS and CPU', () => {
    expect(manifestNameFor('linux', 'x64')).toBe('latest-linux.yml');
    expect(manifestNameFor('linux', 'arm64')).toBe('latest-linux-arm64.yml');
    expect(manifestNameFor('darwin', 'arm64')).toBe('latest-mac.yml');
    expect(manifestNameFor('win32', 'x64')).toBe('latest.yml');
  });

  it('picks the AppImage on Linux, the zip on macOS, the exe on Windows', () => {
    const parsed = parseUpdateManifest(LINUX);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(pickUpdateFile(parsed.value, 'linux')?.url).toBe('Assay-0.2.0.AppImage');
    const mac = parseUpdateManifest('version: 1.0.0\nfiles:\n  - url: Assay-1.0.0.dmg\n    sha512: AA==\n  - url: Assay-1.0.0-mac.zip\n    sha512: BB==\n');
    if (!mac.ok) throw new Error(mac.message);
    expect(pickUpdateFile(mac.value, 'darwin')?.url).toBe('Assay-1.0.0-mac.zip');
    const win = parseUpdateManifest('version: 1.0.0\nfiles:\n  - url: Assay-1.0.0.zip\n    sha512: AA==\n  - url: Assay Setup 1.0.0.exe\n    sha512: BB==\n');
    if (!win.ok) throw new Error(win.message);
    expect(pickUpdateFile(win.value, 'win32')?.url).toBe('Assay Setup 1.0.0.exe');
    // Nothing with this OS's ending: the first file, as electron-updater would.
    expect(pickUpdateFile(win.value, 'freebsd')?.url).toBe('Assay-1.0.0.zip');
    const debOnly = parseUpdateManifest('version: 1.0.0\nfiles:\n  - url: a.rpm\n    sha512: AA==\n  - url: assay_1.0.0_amd64.deb\n    sha512: BB==\n');
    if (!debOnly.ok) throw new Error(debOnly.message);
    expect(pickUpdateFile(debOnly.value, 'linux')?.url).toBe('assay_1.0.0_amd64.deb');
  });
});

describe('withStagingPercentage', () => {
  it('sets, replaces and removes the rollout line, keeping the rest byte for byte', () => {
    const at10 = withStagingPercentage(LINUX, 10);
    expect(at10).toBe(LINUX.replace('stagingPercentage: 25\n', 'stagingPercentage: 10\n'));
    const parsed = parseUpdateManifest(at10);
    expect(parsed.ok && parsed.value.stagingPercentage).toBe(10);
    const everyone = withStagingPercentage(LINUX, 100);
    expect(everyone).not.toContain('stagingPercentage');
    expect(withStagingPercentage(everyone, 0)).toBe(`${everyone}stagingPercentage: 0\n`);
    expect(withStagingPercentage('version: 1.0.0\r\npath: a\r\n', 5)).toBe('version: 1.0.0\r\npath: a\r\nstagingPercentage: 5\r\n');
    expect(() => withStagingPercentage(LINUX, 101)).toThrow('0 to 100');
    expect(() => withStagingPercentage(LINUX, 2.5)).toThrow('0 to 100');
  });
});
