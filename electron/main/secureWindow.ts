import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindow as ElectronBrowserWindow } from 'electron';

export type RendererEntry = { kind: 'url'; url: string } | { kind: 'file'; path: string };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The built renderer from disk, or electron-vite's dev server. The dev server is honoured only in an
 * unpackaged app and only on loopback http, so an environment variable cannot point a shipped app (and its
 * preload) at a foreign page.
 */
export function rendererEntry(env: { devServerUrl: string | undefined; isPackaged: boolean; mainDir: string }): RendererEntry {
  const file: RendererEntry = { kind: 'file', path: join(env.mainDir, '../renderer/index.html') };
  if (env.isPackaged || !env.devServerUrl) return file;
  try {
    const url = new URL(env.devServerUrl);
    if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return { kind: 'url', url: url.href };
  } catch {
    // fall through to the built renderer
  }
  return file;
}

/** True when `url` is our own renderer: the exact index.html file, or the dev server's origin. */
export function isAppUrl(entry: RendererEntry, url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (entry.kind === 'url') return parsed.origin === new URL(entry.url).origin;
  const own = pathToFileURL(entry.path);
  return parsed.protocol === 'file:' && parsed.host === own.host && decodeURIComponent(parsed.pathname) === decodeURIComponent(own.pathname);
}

interface PreventableEvent {
  preventDefault(): void;
}

/** The part of WebContents the hardening touches; a fake in tests, the real one in the app. */
export interface HardenableContents {
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface HardeningPolicy {
  isAppUrl(url: string): boolean;
  /** Called with window.open / target=_blank https URLs; it asks before opening them in the OS browser. */
  onExternalLink(url: string): void;
}

/** No navigation away from the app, no new windows, no <webview>. */
export function hardenContents(contents: HardenableContents, policy: HardeningPolicy): void {
  const stayHome = (event: PreventableEvent, url: string) => {
    if (!policy.isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) policy.onExternalLink(url);
    return { action: 'deny' };
  });
}

export interface SecureWindowOptions {
  preloadPath: string;
  entry: RendererEntry;
  onExternalLink(url: string): void;
}

/**
 * THE window factory: every BrowserWindow of the app is made here.
 * `BrowserWindow` is injected (tests pass a fake that records its options) but keeps its name, and the
 * preferences are written out literally in the call, so Electronegativity can inspect them. Every
 * security-relevant preference is spelled out even where it equals Electron's default: defaults have
 * changed between releases.
 */
export function createSecureWindow(BrowserWindow: typeof ElectronBrowserWindow, options: SecureWindowOptions): ElectronBrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Assay',
    webPreferences: {
      preload: options.preloadPath,
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
      spellcheck: true,
      safeDialogs: true,
      // Middle-click would otherwise open links in a new window, around setWindowOpenHandler's intent.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  hardenContents(win.webContents, {
    isAppUrl: (url) => isAppUrl(options.entry, url),
    onExternalLink: options.onExternalLink,
  });
  win.once('ready-to-show', () => win.show());
  void (options.entry.kind === 'url' ? win.loadURL(options.entry.url) : win.loadFile(options.entry.path));
  return win;
}
