import { defineConfig } from '@playwright/test';
import { chromiumOrExit } from './scripts/browser/findChromium';

// ASSAY_CHROMIUM, else a Chromium/Chrome/Edge on PATH or installed, else Playwright's own; none: one line, exit 1.
const chromium = chromiumOrExit();

export default defineConfig({
  testDir: 'tests/browser',
  globalSetup: './tests/browser/globalSetup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    headless: true,
    screenshot: 'only-on-failure',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});
