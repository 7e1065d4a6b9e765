import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { startHarness } from '../../scripts/harnessProcess';
import { launchElectronApp, type RunningApp } from './electronApp';

const root = resolve(__dirname, '../..');
export const screenshotDir = resolve(root, 'tests/browser/screenshots');
export const docsScreenshotDir = resolve(root, 'docs/screenshots');

export interface Harness {
  /** Where the app's page lives: the harness's loopback URL, or the Electron window's own file:// URL. */
  url: string;
  dataDir: string;
}

/** Which app the specs drive: the built renderer in Chromium with the real core behind a loopback bridge, or the built Electron app. */
export type Shell = 'harness' | 'electron';

interface Options {
  shell: Shell;
}

interface Fixtures {
  /** 'missing': the core starts locked behind the passphrase screen, as on Linux without a keyring (`test.use`). */
  keyring: 'present' | 'missing';
  harness: Harness;
  /**
   * Closes the app and starts it again on the same data folder; answers the page to go on with. The harness
   * leaves its page, restarts its core process and opens the page again; Electron quits and launches again.
   */
  relaunch: () => Promise<Page>;
}

/**
 * The journeys tagged `@journey` run in both Playwright projects (playwright.config.ts): `harness` and
 * `electron`. The same spec gets a `page` from either; nothing else changes. Where the Electron binary is not
 * installed the `electron` project skips them (the config prints one line saying so).
 */
export const test = base.extend<Fixtures & { electronApp: RunningApp | null }, Options>({
  shell: ['harness', { option: true, scope: 'worker' }],
  keyring: ['present', { option: true }],

  electronApp: async ({ shell, keyring }, use) => {
    if (shell !== 'electron') return use(null);
    const dataDir = mkdtempSync(resolve(tmpdir(), 'assay-electron-'));
    const app = await launchElectronApp(dataDir, keyring);
    await use(app);
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  },

  harness: async ({ electronApp, keyring }, use) => {
    if (electronApp) return use({ url: electronApp.page().url(), dataDir: electronApp.dataDir });
    // A fresh data folder and any free port: the real core, as a newcomer meets it.
    let running = await startHarness(undefined, { keyring });
    const harness: Harness & { restart(): Promise<void> } = {
      url: running.url,
      dataDir: running.dataDir,
      async restart() {
        await running.stop();
        running = await startHarness(running.dataDir, { keyring });
        harness.url = running.url;
      },
    };
    await use(harness);
    await running.stop();
  },

  page: async ({ page, electronApp }, use) => {
    await use(electronApp ? electronApp.page() : page);
  },

  relaunch: async ({ page, electronApp, harness }, use) => {
    await use(async () => {
      if (electronApp) return electronApp.relaunch();
      // Leave the page first (what closing the window does: the last change is sent as the page goes), then
      // stop the core's process and start it again on the same data folder.
      await page.goto('about:blank');
      await new Promise((done) => setTimeout(done, 300));
      await (harness as Harness & { restart(): Promise<void> }).restart();
      await page.goto(harness.url);
      return page;
    });
  },
});
export { expect } from '@playwright/test';

/** Where a spec's screenshot goes: the Electron project's own folder, so the harness's (and the README's) stay as they are. */
export const shotPath = (dir: string, file: string): string =>
  test.info().project.name === 'electron' ? resolve(screenshotDir, 'electron', file) : resolve(dir, file);
