import { describe, expect, it } from 'vitest';
import { isManifestName, manifestReferences, releaseChannelSchema, releaseFileNameSchema, releaseProblems } from '../../../shared/updates/releaseFiles';

// What electron-builder 26 writes for a Linux AppImage release.
const LATEST_LINUX = `version: 0.2.0
files:
  - url: Assay-0.2.0.AppImage
    sha512: 3q2+7w==
    size: 123456
    blockMapSize: 1234
path: Assay-0.2.0.AppImage
sha512: 3q2+7w==
releaseDate: '2026-11-30T12:00:00.000Z'
`;
const LATEST_WIN = `version: 0.2.0
files:
  - url: "Assay Setup 0.2.0.exe"
    sha512: abc=
    size: 99
path: "Assay Setup 0.2.0.exe"
`;

describe('release files', () => {
  it('reads the file names a manifest points at, quoted or not', () => {
    expect(manifestReferences(LATEST_LINUX)).toEqual(['Assay-0.2.0.AppImage']);
    expect(manifestReferences(LATEST_WIN)).toEqual(['Assay Setup 0.2.0.exe']);
  });

  it('knows the manifests electron-updater reads', () => {
    expect(['latest.yml', 'latest-linux.yml', 'latest-mac.yml', 'latest-linux-arm64.yml'].every(isManifestName)).toBe(true);
    expect(['latest.yaml', 'Assay-0.2.0.AppImage', 'latest-linux.yml.blockmap', 'xlatest.yml'].some(isManifestName)).toBe(false);
  });

  it('a complete release has no problems', () => {
    const files = new Map<string, string | null>([
      ['latest-linux.yml', LATEST_LINUX],
      ['Assay-0.2.0.AppImage', null],
      ['latest.yml', LATEST_WIN],
      ['Assay Setup 0.2.0.exe', null],
      ['Assay Setup 0.2.0.exe.blockmap', null],
    ]);
    expect(releaseProblems(files)).toEqual([]);
  });

  it('refuses a release without a manifest, a manifest pointing at a missing file, or one without a version', () => {
    expect(releaseProblems(new Map([['Assay-0.2.0.AppImage', null]]))).toEqual([expect.stringContaining('no latest*.yml')]);
    expect(releaseProblems(new Map([['latest-linux.yml', LATEST_LINUX]]))).toEqual(['latest-linux.yml points at Assay-0.2.0.AppImage, which is not among the files given']);
    expect(releaseProblems(new Map<string, string | null>([['latest.yml', 'path: a.exe\n'], ['a.exe', null]]))).toEqual(['latest.yml: no "version:" line']);
    expect(releaseProblems(new Map<string, string | null>([['latest.yml', 'version: 1.0.0\n']]))).toEqual([expect.stringContaining('names no file')]);
  });

  it.each(['../etc/passwd', 'a/b.exe', 'a\\b.exe', '.hidden', '', 'x'.repeat(201), 'a..b', 'name\u0000'])('refuses the file name %j', (name) => {
    expect(releaseFileNameSchema.safeParse(name).success).toBe(false);
  });

  it('a manifest pointing outside the release (a path) is refused through the missing-file check', () => {
    const evil = 'version: 9.9.9\npath: ../../platform.sqlite\n';
    expect(releaseProblems(new Map<string, string | null>([['latest.yml', evil]]))).toEqual([expect.stringContaining('../../platform.sqlite')]);
  });

  it('channels are short lowercase words', () => {
    expect(['stable', 'beta', 'lab-42'].every((c) => releaseChannelSchema.safeParse(c).success)).toBe(true);
    expect(['Stable', '', '../x', 'a'.repeat(40), '1beta'].some((c) => releaseChannelSchema.safeParse(c).success)).toBe(false);
  });
});
