import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { test as base } from '@playwright/test';

const root = resolve(__dirname, '../..');
export const screenshotDir = resolve(root, 'tests/browser/screenshots');
export const docsScreenshotDir = resolve(root, 'docs/screenshots');

export interface Harness {
  url: string;
  dataDir: string;
}

/** Starts `scripts/harness.ts` on a fresh data folder and any free port: the real core, as a newcomer meets it. */
export async function startHarness(dataDir = mkdtempSync(resolve(tmpdir(), 'assay-browser-'))): Promise<Harness & { child: ChildProcess }> {
  const child = spawn(resolve(root, 'node_modules/.bin/tsx'), ['--tsconfig', 'tsconfig.node.json', 'scripts/harness.ts', '--data-dir', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`The harness did not start in 20 s:\n${output}`)), 20_000);
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
    child.once('exit', (code) => reject(new Error(`The harness exited with ${code}:\n${output}`)));
  });
  return { url, dataDir, child };
}

export const test = base.extend<{ harness: Harness }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from this pattern
  harness: async ({}, use) => {
    const { child, ...harness } = await startHarness();
    await use(harness);
    child.kill('SIGTERM');
  },
});
export { expect } from '@playwright/test';
