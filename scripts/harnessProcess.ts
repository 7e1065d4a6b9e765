import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';

const root = resolve(__dirname, '..');

export interface RunningHarness {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts scripts/harness.ts (the real core behind the loopback bridge) on a data folder and a free port. */
export interface HarnessOptions {
  /** 'missing': the core starts locked behind the passphrase screen, as the desktop app on Linux without a keyring. */
  keyring?: 'present' | 'missing';
}

export async function startHarness(dataDir = mkdtempSync(resolve(tmpdir(), 'assay-harness-')), options: HarnessOptions = {}): Promise<RunningHarness> {
  const child: ChildProcess = spawn(
    process.execPath,
    [resolve(root, 'node_modules/tsx/dist/cli.mjs'), '--tsconfig', 'tsconfig.node.json', 'scripts/harness.ts', '--data-dir', dataDir, '--keyring', options.keyring ?? 'present'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`The harness did not start in 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Assay harness: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The harness exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    dataDir,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
        setTimeout(() => {
          if (child.exitCode === null) child.kill('SIGKILL');
        }, 5_000).unref();
      }),
  };
}
