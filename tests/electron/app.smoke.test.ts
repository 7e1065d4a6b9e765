import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { operationNames } from '@shared/ipc';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The Electron executable, or null where it was never downloaded (never require('electron'): it would try to). */
function electronBinary(): string | null {
  const pkgDir = join(root, 'node_modules/electron');
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkgDir, 'dist'), readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
const SKIP_MESSAGE = 'Electron binary not installed: skipping the Electron smoke test';
if (!binary) console.warn(SKIP_MESSAGE);

interface WindowFacts {
  count: number;
  webPreferences: Record<string, unknown>;
}

describe('Electron app (smoke)', () => {
  const title = binary ? 'opens one hardened window whose window.assay is exactly the contract' : SKIP_MESSAGE;
  it.skipIf(!binary)(title, { timeout: 120_000 }, async () => {
    const build = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    const { _electron } = await import('@playwright/test');
    const dataDir = mkdtempSync(join(tmpdir(), 'assay-e2e-'));
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
    const app = await _electron.launch({ executablePath: binary ?? '', args: [root], env: { ...env, ASSAY_E2E_DATA_DIR: dataDir } });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      const facts = await app.evaluate(({ BrowserWindow }): WindowFacts => {
        const windows = BrowserWindow.getAllWindows();
        // getLastWebPreferences is real but missing from Electron's typings.
        const contents = windows[0]?.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> } | undefined;
        return { count: windows.length, webPreferences: contents?.getLastWebPreferences() ?? {} };
      });
      expect(facts.count).toBe(1);
      expect(facts.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        experimentalFeatures: false,
        navigateOnDragDrop: false,
      });
      const exposed = await page.evaluate(() => {
        const api = (window as unknown as { assay?: Record<string, unknown> }).assay;
        return api ? Object.keys(api).sort() : null;
      });
      expect(exposed).toEqual([...operationNames, 'onEvent'].sort());
      expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
      const info = await page.evaluate(() => (window as unknown as { assay: { getAppInfo(i: object): Promise<unknown> } }).assay.getAppInfo({}));
      expect(info).toMatchObject({ ok: true, value: { shell: 'electron' } });
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
