import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../..');

/** Runs the reference platform's admin CLI (platform/cli.ts) and answers what it printed. */
export const platformCli = (args: string[]): string =>
  execFileSync(resolve(root, 'node_modules/.bin/tsx'), ['--tsconfig', 'tsconfig.node.json', 'platform/cli.ts', ...args], { cwd: root, encoding: 'utf8' });

/** A fresh data folder for a platform. */
export const newPlatformData = (): string => mkdtempSync(resolve(tmpdir(), 'assay-platform-'));

/** Adds a user and answers the API token the CLI prints once. */
export const addPlatformUser = (data: string, role: 'expert' | 'reviewer' | 'admin', name: string): string => {
  const token = /^(assay_\S+)$/m.exec(platformCli(['user', 'add', '--data', data, '--role', role, name]))?.[1];
  if (!token) throw new Error('user add printed no token');
  return token;
};

/** Imports a task file into a project and assigns `count` of its tasks to `user`. */
export const importAndAssign = (data: string, project: string, file: string, user: string, count: number): void => {
  platformCli(['import', '--data', data, '--project', project, file]);
  platformCli(['assign', '--data', data, '--user', user, '--project', project, '--count', String(count)]);
};

/** `platform serve` on a free loopback port, as a lab runs it; answers its URL once it listens. */
export async function servePlatform(data: string): Promise<{ url: string; stop(): void }> {
  const server = spawn(resolve(root, 'node_modules/.bin/tsx'), ['--tsconfig', 'tsconfig.node.json', 'platform/cli.ts', 'serve', '--data', data, '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((done, fail) => {
    let out = '';
    server.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match?.[1]) done(match[1]);
    });
    server.once('exit', (code) => fail(new Error(`platform exited with ${code}: ${out}`)));
  });
  return { url, stop: () => server.kill('SIGTERM') };
}
