/** Shared plumbing for row groups: the context, the renderer build, the harness process and Chromium. */
import { spawnSync } from 'node:child_process';
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

export { startHarness, type RunningHarness } from '../harnessProcess';

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
