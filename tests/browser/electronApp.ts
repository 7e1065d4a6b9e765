import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication, type Page } from '@playwright/test';
import { ELECTRON_MISSING, electronBinary } from '../../scripts/browser/findElectron';

const root = resolve(__dirname, '../..');

export interface RunningApp {
  dataDir: string;
  /** The app's window. */
  page(): Page;
  /** Quits the app (its core closes the store) and launches it again on the same data folder. */
  relaunch(): Promise<Page>;
  close(): Promise<void>;
}

let built = false;
/** electron-vite build (main, preload, renderer into out/), once per worker process. */
function buildOnce() {
  if (built) return;
  const build = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`electron-vite build failed:\n${build.stderr}`);
  built = true;
}

async function launch(binary: string, dataDir: string, keyring: 'present' | 'missing'): Promise<{ app: ElectronApplication; page: Page }> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
  const app = await _electron.launch({
    executablePath: binary,
    args: [root],
    env: { ...env, ASSAY_E2E_DATA_DIR: dataDir, ASSAY_E2E_KEYRING: keyring },
  });
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  await page.setViewportSize({ width: 1440, height: 900 });
  return { app, page };
}

/** Launches the built app (out/main) on a throwaway data folder, with a file key or without a keyring. */
export async function launchElectronApp(dataDir: string, keyring: 'present' | 'missing'): Promise<RunningApp> {
  const binary = electronBinary();
  if (!binary) throw new Error(ELECTRON_MISSING);
  buildOnce();
  let current = await launch(binary, dataDir, keyring);
  return {
    dataDir,
    page: () => current.page,
    async relaunch() {
      await current.app.close();
      current = await launch(binary, dataDir, keyring);
      return current.page;
    },
    close: () => current.app.close(),
  };
}
