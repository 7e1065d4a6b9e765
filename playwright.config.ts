import { defineConfig } from '@playwright/test';
import { chromiumOrExit } from './scripts/browser/findChromium';
import { ELECTRON_MISSING, electronBinary } from './scripts/browser/findElectron';

// ASSAY_CHROMIUM, else a Chromium/Chrome/Edge on PATH or installed, else Playwright's own; none: one line, exit 1.
const chromium = chromiumOrExit();

// The @journey specs run twice: in the harness (Chromium + the real core over loopback) and in the built Electron
// app through Playwright's _electron. Without the Electron binary that second project has nothing to run: one line.
const hasElectron = electronBinary() !== null;
if (!hasElectron && process.env.TEST_WORKER_INDEX === undefined) console.log(ELECTRON_MISSING);

export default defineConfig<{ shell: 'harness' | 'electron' }>({
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
  projects: [
    { name: 'harness', use: { shell: 'harness' } },
    // Without the binary the project selects nothing (grep never matches), so it reports no skipped tests one by one.
    { name: 'electron', grep: hasElectron ? /@journey/ : /^$a/, use: { shell: 'electron' } },
  ],
});
