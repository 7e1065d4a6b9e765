import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_VERSION_HEADER } from '../../shared/sync/appVersion';
import { runCli } from '../../platform/cli/commands';
import { createPlatformServer, type PlatformServer } from '../../platform/server';
import { tempDir } from './helpers';

const cli = async (...argv: string[]) => {
  const io = { text: '', out: (t: string) => void (io.text += t), err: (t: string) => void (io.text += t) };
  const outcome = await runCli(argv, io);
  return { ...io, exitCode: outcome.kind === 'done' ? outcome.exitCode : -1 };
};

describe('update feed: platform release add, served at /v1/updates/CHANNEL/FILE', () => {
  let dir: string;
  let data: string;
  let server: PlatformServer;
  let token: string;
  const appImage = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256));
  const exe = Buffer.from('MZ installer bytes');

  beforeAll(async () => {
    dir = tempDir();
    data = join(dir, 'data');
    const files = join(dir, 'dist');
    mkdirSync(files);
    writeFileSync(join(files, 'Assay-0.2.0.AppImage'), appImage);
    writeFileSync(join(files, 'latest-linux.yml'), 'version: 0.2.0\nfiles:\n  - url: Assay-0.2.0.AppImage\n    sha512: x\npath: Assay-0.2.0.AppImage\n');
    writeFileSync(join(files, 'Assay Setup 0.2.0.exe'), exe);
    writeFileSync(join(files, 'latest.yml'), 'version: 0.2.0\npath: "Assay Setup 0.2.0.exe"\n');
    const added = await cli('user', 'add', '--data', data, '--role', 'expert', 'eve');
    token = /^(assay_\S+)$/m.exec(added.text)?.[1] ?? '';
    const published = await cli('release', 'add', '--data', data, '--channel', 'stable', ...['Assay-0.2.0.AppImage', 'latest-linux.yml', 'Assay Setup 0.2.0.exe', 'latest.yml'].map((f) => join(files, f)));
    expect(published.exitCode, published.text).toBe(0);
    server = await createPlatformServer({ dataDir: data, port: 0, log: () => undefined });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });

  it('serves the manifest and the installer it names, byte for byte, to a signed-in app', async () => {
    const yml = await get('/v1/updates/stable/latest-linux.yml');
    expect(yml.status).toBe(200);
    expect(await yml.text()).toContain('version: 0.2.0');
    const bin = await get('/v1/updates/stable/Assay-0.2.0.AppImage');
    expect(bin.status).toBe(200);
    expect(Buffer.from(await bin.arrayBuffer()).equals(appImage)).toBe(true);
    const win = await get(`/v1/updates/stable/${encodeURIComponent('Assay Setup 0.2.0.exe')}`);
    expect(Buffer.from(await win.arrayBuffer()).equals(exe)).toBe(true);
  });

  it('needs the same token as sync, and knows nothing outside its channel', async () => {
    expect((await fetch(`${server.url}/v1/updates/stable/latest.yml`)).status).toBe(401);
    expect((await get('/v1/updates/beta/latest.yml')).status).toBe(404);
    expect((await get('/v1/updates/stable/nope.yml')).status).toBe(404);
    expect((await get('/v1/updates/stable/..%2Fplatform.sqlite')).status).toBe(400);
    expect((await get('/v1/updates/Stable/latest.yml')).status).toBe(400);
  });

  it('stays open to an app below the minimum version: that is how it updates', async () => {
    expect((await cli('min-version', 'set', '--data', data, '0.2.0')).exitCode).toBe(0);
    try {
      expect((await get('/v1/me', { [APP_VERSION_HEADER]: '0.1.0' })).status).toBe(426);
      expect((await get('/v1/updates/stable/latest.yml', { [APP_VERSION_HEADER]: '0.1.0' })).status).toBe(200);
    } finally {
      await cli('min-version', 'clear', '--data', data);
    }
  });

  it('publishes nothing from an incomplete release', async () => {
    const lonely = join(dir, 'latest-mac.yml');
    writeFileSync(lonely, 'version: 0.3.0\npath: Assay-0.3.0.dmg\n');
    const refused = await cli('release', 'add', '--data', data, '--channel', 'beta', lonely);
    expect(refused.exitCode).toBe(1);
    expect(refused.text).toContain('Assay-0.3.0.dmg, which is not among the files given');
    expect((await get('/v1/updates/beta/latest-mac.yml')).status).toBe(404);
  });
});
