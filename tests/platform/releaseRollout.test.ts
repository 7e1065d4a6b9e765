import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseUpdateManifest } from '../../shared/updates/latestYml';
import { runCli } from '../../platform/cli/commands';
import { openPlatformStore } from '../../platform/store';
import { tempDir } from './helpers';

const cli = async (...argv: string[]) => {
  const io = { text: '', out: (t: string) => void (io.text += t), err: (t: string) => void (io.text += t) };
  const outcome = await runCli(argv, io);
  return { ...io, exitCode: outcome.kind === 'done' ? outcome.exitCode : -1 };
};

describe('staged rollout from the CLI: release add --staging, release rollout', () => {
  let dir: string;
  let data: string;
  let files: string;
  const manifest = 'version: 0.2.0\nfiles:\n  - url: Assay-0.2.0.AppImage\n    sha512: AAAA\n    size: 4\npath: Assay-0.2.0.AppImage\n';

  beforeAll(() => {
    dir = tempDir();
    data = join(dir, 'data');
    files = join(dir, 'dist');
    mkdirSync(files);
    writeFileSync(join(files, 'Assay-0.2.0.AppImage'), Buffer.from('bits'));
    writeFileSync(join(files, 'latest-linux.yml'), manifest);
    writeFileSync(join(files, 'latest-mac.yml'), manifest);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const served = async (channel: string, name: string) => {
    const store = await openPlatformStore(data);
    try {
      const bytes = await store.releases.get(channel, name);
      const parsed = bytes === null ? null : parseUpdateManifest(bytes.toString('utf8'));
      return parsed?.ok ? parsed.value : null;
    } finally {
      await store.close();
    }
  };

  it('publishes a release to a share of installs, then raises the share of every manifest on the channel', async () => {
    const add = await cli('release', 'add', '--data', data, '--channel', 'stable', '--staging', '10', ...['Assay-0.2.0.AppImage', 'latest-linux.yml', 'latest-mac.yml'].map((f) => join(files, f)));
    expect(add.exitCode, add.text).toBe(0);
    expect(add.text).toContain('on the stable channel for 10% of installs');
    expect((await served('stable', 'latest-linux.yml'))?.stagingPercentage).toBe(10);
    expect((await served('stable', 'latest-mac.yml'))?.stagingPercentage).toBe(10);

    const raise = await cli('release', 'rollout', '--data', data, '--channel', 'stable', '--staging', '50');
    expect(raise.exitCode, raise.text).toBe(0);
    expect(raise.text).toBe('The stable release now reaches 50% of installs (latest-mac.yml, latest-linux.yml)\n');
    expect(await served('stable', 'latest-linux.yml')).toMatchObject({ version: '0.2.0', stagingPercentage: 50 });

    await cli('release', 'rollout', '--data', data, '--channel', 'stable', '--staging', '100');
    const everyone = await served('stable', 'latest-mac.yml');
    expect(everyone?.version).toBe('0.2.0');
    expect(everyone?.stagingPercentage).toBeUndefined();
  });

  it('refuses a share outside 0-100 and a rollout on a channel with no release', async () => {
    const bad = await cli('release', 'rollout', '--data', data, '--channel', 'stable', '--staging', '150');
    expect(bad.exitCode).toBe(2);
    expect(bad.text).toContain('--staging must be a whole percentage from 0 to 100');
    const none = await cli('release', 'rollout', '--data', data, '--channel', 'beta', '--staging', '20');
    expect(none.exitCode).not.toBe(0);
    expect(none.text).toContain('No release on the beta channel');
    expect(await served('beta', 'latest-linux.yml')).toBeNull();
  });
});
