import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meResponseSchema } from '../../shared/sync/protocol';
import { runCli } from '../../platform/cli/commands';
import { makeTasks, request, tempDir, toJsonl } from './helpers';

const repo = join(__dirname, '..', '..');
const tsxCli = join(repo, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const args = (...rest: string[]) => [tsxCli, '--tsconfig', join(repo, 'tsconfig.node.json'), join(repo, 'platform', 'cli.ts'), ...rest];
const cli = (...rest: string[]) => spawnSync(process.execPath, args(...rest), { cwd: repo, encoding: 'utf8', timeout: 20_000 });

const captured = () => {
  const io = { outText: '', errText: '', out: (t: string) => void (io.outText += t), err: (t: string) => void (io.errText += t) };
  return io;
};

describe('platform CLI', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = tempDir();
    file = join(dir, 'tasks.jsonl');
    writeFileSync(file, toJsonl(makeTasks(4)));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs through tsx: user add prints a token once, import, assign and status count tasks', async () => {
    const data = join(dir, 'data-child');
    const added = cli('user', 'add', '--data', data, '--role', 'expert', 'alice');
    expect(added.status, added.stderr).toBe(0);
    const token = /^(assay_[A-Za-z0-9_-]{43})$/m.exec(added.stdout)?.[1];
    expect(token).toBeDefined();
    expect(readFileSync(join(data, 'platform.sqlite')).includes(Buffer.from(token ?? ''))).toBe(false);

    // The middle steps run in process to keep the test fast; the child processes prove the entry point.
    expect((await runCli(['import', '--data', data, '--project', 'math', file], captured())).kind).toBe('done');
    expect(await runCli(['assign', '--data', data, '--user', 'alice', '--count', '3'], captured())).toEqual({ kind: 'done', exitCode: 0 });
    const status = cli('status', '--data', data, '--json');
    expect(status.status, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      projects: [{ project: 'math', total: 4, byState: { unassigned: 1, assigned: 3, submitted: 0, returned: 0, accepted: 0 } }],
      users: 1,
    });
  });

  it('serves protocol v1 through tsx and stops on SIGTERM', async () => {
    const data = join(dir, 'data-serve');
    const io = captured();
    await runCli(['user', 'add', '--data', data, '--role', 'reviewer', 'rita'], io);
    const token = io.outText.trim().split('\n').at(-1) ?? '';
    const child = spawn(process.execPath, args('serve', '--data', data, '--port', '0'), { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /serving protocol v1 at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (match?.[1]) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`serve exited early with ${code}`)));
      });
      const me = await request(`${url}/v1/me`, { token });
      expect(me.status).toBe(200);
      expect(meResponseSchema.parse(me.body).user.name).toBe('rita');
      expect((await request(`${url}/v1/me`)).status).toBe(401);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('imports, exports and reports errors in plain words (in process)', async () => {
    const data = join(dir, 'data-inproc');
    const run = async (...argv: string[]) => {
      const io = captured();
      const outcome = await runCli(argv, io);
      return { code: outcome.kind === 'done' ? outcome.exitCode : -1, out: io.outText, err: io.errText };
    };
    expect((await run('import', '--data', data, '--project', 'math', file)).out).toMatch(/4 new/);
    const exported = await run('export', '--data', data, '--format', 'canonical-jsonl');
    expect(exported.out.trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(['t0001', 't0002', 't0003', 't0004']);
    const out = join(dir, 'subs.jsonl');
    expect((await run('export', '--data', data, '--format', 'submissions-jsonl', '--out', out)).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('');

    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"id": "x"}\n');
    const failed = await run('import', '--data', data, '--project', 'math', bad);
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(/^Line 1/);
    expect((await run('assign', '--data', data, '--user', 'nobody', '--count', '1')).err).toMatch(/No user named nobody/);
    expect((await run('export', '--data', data, '--format', 'csv')).code).toBe(2);
    expect((await run('frobnicate', '--data', data)).code).toBe(2);
    expect((await run('revoke', '--data', data, '--task', 't0001')).err).toMatch(/not assigned/);
  });
});
