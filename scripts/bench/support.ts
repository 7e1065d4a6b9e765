/** Shared plumbing for row groups: the context, the renderer build, the harness process and Chromium. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { BenchRow } from './table';

export const root = resolve(__dirname, '../..');

export interface BenchContext {
  root: string;
  /** How many measured runs per row (medians are reported). */
  runs: number;
  chromiumPath: string;
  /** Progress goes to stderr, so stdout carries only the table. */
  log(message: string): void;
}

/** One group of rows. Add a group to `ROW_GROUPS` in scripts/bench/index.ts. */
export interface RowGroup {
  id: string;
  title: string;
  /** The group serves dist/renderer through the harness: index.ts builds it once before running any such group. */
  needsRenderer?: boolean;
  run(ctx: BenchContext): Promise<BenchRow[]>;
}

export function buildRenderer(log: (m: string) => void): void {
  log('building the renderer (vite build --config vite.harness.config.ts)…');
  const result = spawnSync(process.execPath, [resolve(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.harness.config.ts', '--logLevel', 'error'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`The renderer build failed (exit ${result.status}).`);
}

export interface RunningHarness {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts scripts/harness.ts (the real core behind the loopback bridge) on a data folder and a free port. */
export async function startHarness(dataDir = mkdtempSync(resolve(tmpdir(), 'assay-bench-'))): Promise<RunningHarness> {
  const child: ChildProcess = spawn(
    process.execPath,
    [resolve(root, 'node_modules/tsx/dist/cli.mjs'), '--tsconfig', 'tsconfig.node.json', 'scripts/harness.ts', '--data-dir', dataDir],
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

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--enable-precise-memory-info',
];

export function launchChromium(ctx: BenchContext): Promise<Browser> {
  return chromium.launch({ executablePath: ctx.chromiumPath, headless: true, args: CHROMIUM_ARGS });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
