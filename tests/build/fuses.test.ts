import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseV1Options, FuseVersion, flipFuses } from '@electron/fuses';
import { afterAll, describe, expect, it } from 'vitest';
import { EXPECTED_FUSES, fuseProblems, verifyPackagedFuses, type ReadFuseWire } from '../../build/fuses.mjs';

const ON = 49;
const OFF = 48;
const REMOVED = 114;
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** A wire as getCurrentFuseWire returns it, from index -> byte. */
const wire = (states: number[], version = '1'): ReadFuseWire => ({ version, ...Object.fromEntries(states.map((s, i) => [i, s])) });
/** Electron's shipped defaults: RunAsNode on, cookies off, NODE_OPTIONS on, inspect on, integrity off, asar-only off, v8 off, file on. */
const DEFAULTS = [ON, OFF, ON, ON, OFF, OFF, OFF, ON];
/** What the afterPack hook should leave. */
const FLIPPED = [OFF, ON, OFF, OFF, ON, ON, OFF, ON];

describe('fuseProblems', () => {
  it('the expected map is exactly the six fuses of the release checklist', () => {
    expect(EXPECTED_FUSES).toEqual({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
    });
  });

  it('a correctly flipped wire has no problems', () => {
    expect(fuseProblems(EXPECTED_FUSES, wire(FLIPPED))).toEqual([]);
  });

  it("an unflipped Electron fails on all six, naming each", () => {
    const problems = fuseProblems(EXPECTED_FUSES, wire(DEFAULTS));
    expect(problems).toHaveLength(6);
    expect(problems).toContain('RunAsNode is on, wanted off');
    expect(problems).toContain('EnableCookieEncryption is off, wanted on');
    expect(problems).toContain('OnlyLoadAppFromAsar is off, wanted on');
  });

  it('each single wrong fuse is caught', () => {
    for (const [key, wanted] of Object.entries(EXPECTED_FUSES)) {
      const states = [...FLIPPED];
      states[Number(key)] = wanted ? OFF : ON;
      const problems = fuseProblems(EXPECTED_FUSES, wire(states));
      expect(problems, `fuse ${FuseV1Options[Number(key)]}`).toHaveLength(1);
      expect(problems[0]).toContain(FuseV1Options[Number(key)]);
    }
  });

  it('a short wire, a removed fuse, an unset byte and another wire version are problems', () => {
    expect(fuseProblems(EXPECTED_FUSES, wire(FLIPPED.slice(0, 4)))).toEqual([
      'EnableEmbeddedAsarIntegrityValidation is missing from the binary\'s fuse wire (wanted on)',
      "OnlyLoadAppFromAsar is missing from the binary's fuse wire (wanted on)",
    ]);
    const removed = [...FLIPPED];
    removed[FuseV1Options.RunAsNode] = REMOVED;
    expect(fuseProblems(EXPECTED_FUSES, wire(removed))).toEqual(['RunAsNode was removed from this Electron (wanted off)']);
    const unset = [...FLIPPED];
    unset[FuseV1Options.EnableCookieEncryption] = 144;
    expect(fuseProblems(EXPECTED_FUSES, wire(unset))[0]).toContain('never flipped');
    expect(fuseProblems(EXPECTED_FUSES, wire(FLIPPED, '2'))).toHaveLength(1);
  });
});

describe('verifyPackagedFuses over a binary carrying a fuse wire (@electron/fuses reads and writes it)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'assay-fuses-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Bytes around Electron's sentinel, version 1, length 8, then the wire: what a real binary holds. */
  const fakeElectron = (name: string, states: number[]) => {
    const path = join(dir, name);
    writeFileSync(path, Buffer.concat([Buffer.alloc(4096, 7), Buffer.from(SENTINEL, 'ascii'), Buffer.from([1, states.length, ...states]), Buffer.alloc(4096, 9)]));
    return path;
  };

  it('fails the build for an unflipped binary', async () => {
    await expect(verifyPackagedFuses(fakeElectron('unflipped', DEFAULTS))).rejects.toThrow(/RunAsNode is on, wanted off/);
  });

  it('passes once flipFuses has applied the expected map (what afterPack does)', async () => {
    const binary = fakeElectron('flipped', DEFAULTS);
    await flipFuses(binary, { version: FuseVersion.V1, ...EXPECTED_FUSES });
    await expect(verifyPackagedFuses(binary)).resolves.toBeUndefined();
  });

  it('fails for a file with no fuse wire at all', async () => {
    const path = join(dir, 'not-electron');
    writeFileSync(path, 'placeholder');
    await expect(verifyPackagedFuses(path)).rejects.toThrow(/sentinel/);
  });
});
