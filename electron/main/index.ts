import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, session, shell } from 'electron';
import { Worker } from 'node:worker_threads';
import { createPassphraseGate, type CoreBackend } from '../core/passphraseGate';
import { connectWorkerCore } from '../core/worker/workerBackend';
import { createFileKeyProvider } from '../core/vault/fileKeyProvider';
import type { KeyProvider } from '../core/vault/keyProvider';
import { createSealedKeyProvider } from '../core/vault/sealedKeyProvider';
import { RENDERER_CSP } from '@shared/security/csp';
import { autoUpdater } from 'electron-updater';
import { createElectronUpdater } from './electronUpdater';
import { createExportSaveDialog } from './exportSaveDialog';
import { createExternalOpener } from './externalLinks';
import { forwardCoreEvents, registerIpcHandlers } from './ipcRegistrars';
import { keyringNotice } from './keyringNotice';
import { buildMenuTemplate } from './menu';
import { sealerFrom, sealingProblem } from './sealer';
import { createSecureWindow, hardenContents, isAppUrl, rendererEntry } from './secureWindow';
import { hardenSession } from './sessionHardening';
import { WindowRegistry } from './windowRegistry';

const entry = rendererEntry({ devServerUrl: process.env.ELECTRON_RENDERER_URL, isPackaged: app.isPackaged, mainDir: __dirname });
const isDev = entry.kind === 'url';
const registry = new WindowRegistry();
let mainWindow: BrowserWindow | null = null;
let core: CoreBackend | null = null;
const cleanups: (() => void)[] = [];

const openExternal = createExternalOpener({
  confirm: async (host, url) => {
    const options = {
      type: 'question' as const,
      buttons: ['Open in browser', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
      message: `Open a link to ${host}?`,
      detail: `${url}\n\nIt opens in your web browser, outside Assay.`,
    };
    const { response } = mainWindow ? await dialog.showMessageBox(mainWindow, options) : await dialog.showMessageBox(options);
    return response === 0;
  },
  open: (url) => shell.openExternal(url),
  refused: (reason) => console.warn(`Assay refused to open a link: ${reason}`),
});

/** The save dialog for an export, modal to the window; the core thread asks for it and writes the chosen file. */
const chooseExportPath = createExportSaveDialog(
  (options) => (mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options)),
  () => app.getPath('downloads'),
);

const openFromRenderer = (url: string): void => {
  void openExternal(url).catch((error: unknown) => console.error('Opening a link failed:', error));
};

function openMainWindow(): void {
  const win = createSecureWindow(BrowserWindow, {
    preloadPath: join(__dirname, '../preload/index.js'),
    entry,
    onExternalLink: openFromRenderer,
  });
  const contents = win.webContents;
  const forget = registry.add({ id: contents.id, isDestroyed: () => contents.isDestroyed(), send: (c, p) => contents.send(c, p) });
  win.on('closed', () => {
    forget();
    if (mainWindow === win) mainWindow = null;
  });
  mainWindow = win;
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

/**
 * The Electron smoke test runs the unpackaged build against a throwaway folder with a file key (CI machines
 * have no keyring). A packaged app ignores the variable.
 */
const e2eDataDir = app.isPackaged ? undefined : process.env.ASSAY_E2E_DATA_DIR;
if (e2eDataDir) app.setPath('userData', e2eDataDir);

/**
 * The core runs in its own thread (out/main/coreWorker.js): this process only routes messages and owns windows, so
 * a long import or query never holds up the window. The key is made here, where safeStorage is.
 */
const openCoreThread = (dataDir: string, keyProvider: KeyProvider): CoreBackend => {
  const accountId = 'local';
  const key = keyProvider.loadOrCreateKey(accountId);
  // Only an installed app can replace itself; the core's UpdateService drives electron-updater through the thread.
  const updater = app.isPackaged ? createElectronUpdater(autoUpdater) : undefined;
  const worker = new Worker(join(__dirname, 'coreWorker.js'), {
    workerData: {
      dataDir,
      accountId,
      key,
      shell: 'electron',
      version: app.getVersion(),
      updates: updater !== undefined,
      saveDialog: true,
      importLineParser: { path: join(__dirname, 'importLineParser.js') },
    },
  });
  return connectWorkerCore(worker, { openExternal, chooseSavePath: chooseExportPath, ...(updater ? { updater } : {}) });
};

/** The core, or on Linux without a keyring a gate that opens it once the person gives a passphrase. */
function startBackend(): CoreBackend | null {
  const dataDir = app.getPath('userData');
  const keyDir = join(dataDir, 'keys');
  const open = (keyProvider: KeyProvider) => openCoreThread(dataDir, keyProvider);
  try {
    // ASSAY_E2E_KEYRING=missing: the end-to-end specs see the passphrase screen of a Linux without a keyring.
    if (e2eDataDir) return process.env.ASSAY_E2E_KEYRING === 'missing' ? createPassphraseGate({ keyDir, openCore: open }) : open(createFileKeyProvider(keyDir));
    const sealer = sealerFrom(safeStorage, process.platform);
    const problem = sealingProblem(sealer);
    if (problem === null) return open(createSealedKeyProvider(sealer, keyDir));
    // basic_text would keep the key in plain sight: derive it from a passphrase the window asks for instead.
    if (process.platform === 'linux') return createPassphraseGate({ keyDir, openCore: open });
    dialog.showMessageBoxSync(keyringNotice(problem, process.platform));
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    dialog.showErrorBox('Assay could not open your data', `${message}\n\nYour files were left as they are.`);
    return null;
  }
}

function start(): void {
  hardenSession(session.defaultSession, RENDERER_CSP);
  app.setAboutPanelOptions({ applicationName: 'Assay', applicationVersion: app.getVersion() });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(buildMenuTemplate({ appName: 'Assay', isMac: process.platform === 'darwin', isDev, showAbout: () => app.showAboutPanel() })),
  );
  core = startBackend();
  if (!core) {
    app.quit();
    return;
  }
  cleanups.push(
    registerIpcHandlers(ipcMain, core.handlers, { isKnownContents: (id) => registry.has(id), isAppUrl: (url) => isAppUrl(entry, url) }),
    forwardCoreEvents(core.events, () => registry.live()),
  );
  openMainWindow();
}

if (!app.requestSingleInstanceLock()) {
  // Another Assay owns the data folder; it will focus its window (see 'second-instance').
  app.quit();
} else {
  app.enableSandbox();
  app.on('second-instance', focusMainWindow);
  // Belt and braces: whatever webContents appears (ours or not) cannot navigate away, open windows or attach webviews.
  app.on('web-contents-created', (_event, contents) =>
    hardenContents(contents, { isAppUrl: (url) => isAppUrl(entry, url), onExternalLink: openFromRenderer }),
  );
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (core && BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });
  app.on('will-quit', (event) => {
    for (const cleanup of cleanups.splice(0)) cleanup();
    if (!core) return;
    // The core thread closes the store (its last checkpoint) before the process ends.
    event.preventDefault();
    const closing = core;
    core = null;
    void Promise.resolve(closing.close()).finally(() => app.quit());
  });
  app.whenReady().then(start, (error: unknown) => {
    console.error('Assay failed to start:', error);
    app.exit(1);
  });
}
