/**
 * A real `platform serve` process (the CLI, through tsx) on a PostgreSQL database, on a free port. Its
 * banner line gives the URL; its JSON request log is kept for the test to read.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '../../..');

export interface ServeProcess {
  url: string;
  proc: ChildProcess;
  /** Every line the process wrote to stdout (the banner, then one JSON object per request). */
  stdout: string[];
  stderr: string[];
  /** SIGKILL: the process dies mid-request, as a crash would. */
  kill(): Promise<void>;
  /** SIGTERM: the graceful stop. Resolves with the exit code. */
  stop(): Promise<number | null>;
}

export const startServeProcess = (database: string, extraArgs: readonly string[] = []): Promise<ServeProcess> =>
  new Promise((done, failed) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'platform/cli.ts'), 'serve', '--database', database, '--port', '0', ...extraArgs], {
      cwd: repoRoot,
      env: { ...process.env, TSX_TSCONFIG_PATH: join(repoRoot, 'tsconfig.node.json') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: string[] = [];
    const stderr: string[] = [];
    let buffer = '';
    let started = false;
    const exited = new Promise<number | null>((resolveExit) => proc.once('exit', (code) => resolveExit(code)));
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      failed(new Error(`platform serve did not start in 30 s: ${stderr.join('')}`));
    }, 30_000);
    proc.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
    proc.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        stdout.push(line);
        const match = /serving protocol v1 at (http:\/\/\S+)/.exec(line);
        if (match?.[1] && !started) {
          started = true;
          clearTimeout(timer);
          done({
            url: match[1],
            proc,
            stdout,
            stderr,
            kill: async () => {
              proc.kill('SIGKILL');
              await exited;
            },
            stop: async () => {
              proc.kill('SIGTERM');
              return exited;
            },
          });
        }
      }
    });
    proc.once('exit', (code) => {
      if (started) return;
      clearTimeout(timer);
      failed(new Error(`platform serve exited with ${code}: ${stderr.join('')}`));
    });
  });
