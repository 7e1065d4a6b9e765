import { resolve } from 'node:path';
import { test as base } from '@playwright/test';
import { startHarness } from '../../scripts/harnessProcess';

const root = resolve(__dirname, '../..');
export const screenshotDir = resolve(root, 'tests/browser/screenshots');
export const docsScreenshotDir = resolve(root, 'docs/screenshots');

export interface Harness {
  url: string;
  dataDir: string;
}

export const test = base.extend<{ harness: Harness }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from this pattern
  harness: async ({}, use) => {
    // A fresh data folder and any free port: the real core, as a newcomer meets it.
    const { stop, ...harness } = await startHarness();
    await use(harness);
    await stop();
  },
});
export { expect } from '@playwright/test';
