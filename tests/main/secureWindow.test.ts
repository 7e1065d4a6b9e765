import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import {
  createSecureWindow,
  hardenContents,
  isAppUrl,
  rendererEntry,
  type HardenableContents,
  type RendererEntry,
} from '../../electron/main/secureWindow';
import { hardenSession, withCsp, type HardenableSession } from '../../electron/main/sessionHardening';
import { RENDERER_CSP, RENDERER_CSP_META } from '@shared/security/csp';

describe('rendererEntry', () => {
  const mainDir = '/app/out/main';

  it('loads the built renderer next to the main bundle', () => {
    expect(rendererEntry({ devServerUrl: undefined, isPackaged: false, mainDir })).toEqual({ kind: 'file', path: '/app/out/renderer/index.html' });
  });

  it('uses a loopback dev server in development', () => {
    expect(rendererEntry({ devServerUrl: 'http://localhost:5173', isPackaged: false, mainDir })).toEqual({ kind: 'url', url: 'http://localhost:5173/' });
  });

  it('ignores the dev server variable in a packaged app', () => {
    expect(rendererEntry({ devServerUrl: 'http://localhost:5173', isPackaged: true, mainDir }).kind).toBe('file');
  });

  it.each(['https://evil.example/', 'http://192.168.1.9:5173/', 'file:///tmp/x.html', 'nonsense', 'https://localhost:5173/', 'file://localhost/tmp/x.html', 'ws://127.0.0.1:5173/'])('ignores a dev server that is not http on loopback: %s', (url) => {
    expect(rendererEntry({ devServerUrl: url, isPackaged: false, mainDir }).kind).toBe('file');
  });
});

describe('isAppUrl', () => {
  const file: RendererEntry = { kind: 'file', path: '/app/out/renderer/index.html' };

  it('matches our index.html with any hash or query', () => {
    expect(isAppUrl(file, 'file:///app/out/renderer/index.html')).toBe(true);
    expect(isAppUrl(file, 'file:///app/out/renderer/index.html#/task/1')).toBe(true);
  });

  it.each(['file:///app/out/renderer/other.html', 'file:///etc/passwd', 'https://example.org/', 'file://host/app/out/renderer/index.html', '', 'assay-evil:///app/out/renderer/index.html'])(
    'rejects %s',
    (url) => {
      expect(isAppUrl(file, url)).toBe(false);
    },
  );

  it('matches the dev server by origin', () => {
    const dev: RendererEntry = { kind: 'url', url: 'http://localhost:5173/' };
    expect(isAppUrl(dev, 'http://localhost:5173/src/main.tsx')).toBe(true);
    expect(isAppUrl(dev, 'http://127.0.0.1:5173/')).toBe(false);
  });
});

type Handler = (...args: unknown[]) => void;

/** A webContents stand-in: records listeners, and can fire them as Electron would. */
function fakeContents() {
  const listeners = new Map<string, Handler>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  const contents = {
    on(event: string, listener: Handler) {
      listeners.set(event, listener);
      return contents;
    },
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
      openHandler = handler;
    },
    fire(event: string, url?: string) {
      const preventDefault = vi.fn();
      listeners.get(event)?.({ preventDefault }, url);
      return preventDefault;
    },
    open: (url: string) => openHandler?.({ url }),
  };
  return contents;
}

describe('hardenContents', () => {
  const setup = () => {
    const contents = fakeContents();
    const openExternal = vi.fn();
    hardenContents(contents as HardenableContents, { isAppUrl: (url) => url === 'file:///app/index.html', onExternalLink: openExternal });
    return { fire: contents.fire, open: contents.open, openExternal };
  };

  it('blocks navigation and redirects away from the app', () => {
    const { fire } = setup();
    expect(fire('will-navigate', 'https://evil.example/')).toHaveBeenCalled();
    expect(fire('will-redirect', 'https://evil.example/')).toHaveBeenCalled();
    expect(fire('will-navigate', 'file:///app/index.html')).not.toHaveBeenCalled();
  });

  it('blocks <webview>', () => {
    expect(setup().fire('will-attach-webview')).toHaveBeenCalled();
  });

  it('denies every new window, routing https links to the confirm-then-open flow', () => {
    const { open, openExternal } = setup();
    expect(open('https://example.org/')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://example.org/');
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(open('http://example.org/')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(1);
  });
});

describe('session hardening', () => {
  /** Records what hardenSession registers, so each handler can be called as Electron would. */
  const harden = () => {
    let request: Parameters<HardenableSession['setPermissionRequestHandler']>[0] | undefined;
    let check: Parameters<HardenableSession['setPermissionCheckHandler']>[0] | undefined;
    let headers: Parameters<HardenableSession['webRequest']['onHeadersReceived']>[0] | undefined;
    const registered = { request: 0, check: 0, headers: 0 };
    hardenSession(
      {
        setPermissionRequestHandler: (h) => ((request = h), registered.request++),
        setPermissionCheckHandler: (h) => ((check = h), registered.check++),
        webRequest: { onHeadersReceived: (l) => ((headers = l), registered.headers++) },
      },
      RENDERER_CSP,
    );
    return { request, check, headers, registered };
  };
  const permissions = ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'hid', 'serial', 'usb', 'fullscreen'];

  it('registers a permission request handler that answers every request with a denial', () => {
    const { request, registered } = harden();
    expect(registered.request).toBe(1);
    if (!request) throw new Error('no permission request handler was registered');
    for (const permission of permissions) {
      const callback = vi.fn();
      request({}, permission, callback);
      // Answered exactly once, and with a refusal: a handler that never answers leaves Electron waiting,
      // one that answers true grants the permission.
      expect(callback, permission).toHaveBeenCalledTimes(1);
      expect(callback, permission).toHaveBeenCalledWith(false);
    }
  });

  it('registers a permission check handler that answers false', () => {
    const { check, registered } = harden();
    expect(registered.check).toBe(1);
    if (!check) throw new Error('no permission check handler was registered');
    expect(check()).toBe(false);
  });

  it('sets the CSP header on every response, replacing the one it carried', () => {
    const { headers, registered } = harden();
    expect(registered.headers).toBe(1);
    if (!headers) throw new Error('no headers listener was registered');
    const answer = vi.fn();
    headers({ responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] } }, answer);
    expect(answer).toHaveBeenCalledTimes(1);
    expect(answer).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [RENDERER_CSP], 'X-Other': ['1'] } });
  });

  it('withCsp replaces a CSP header whatever its case', () => {
    expect(withCsp({ 'Content-Security-Policy': ['x'], 'CONTENT-SECURITY-POLICY': ['y'] }, 'z')).toEqual({ 'Content-Security-Policy': ['z'] });
    expect(withCsp(undefined, 'z')).toEqual({ 'Content-Security-Policy': ['z'] });
  });

  it('keeps the header and meta policies the same apart from frame-ancestors', () => {
    expect(RENDERER_CSP).toBe(`${RENDERER_CSP_META}; frame-ancestors 'none'`);
    expect(RENDERER_CSP_META).toContain("default-src 'none'");
    expect(RENDERER_CSP_META).not.toContain('unsafe-eval');
  });
});

/** Stands in for Electron's BrowserWindow: records what the factory asks of it. */
function fakeBrowserWindowClass() {
  const made: FakeWindow[] = [];
  class FakeWindow {
    readonly webContents = fakeContents();
    readonly loaded: string[] = [];
    constructor(readonly options: BrowserWindowConstructorOptions) {
      made.push(this);
    }
    readonly onceHandlers = new Map<string, () => void>();
    shown = 0;
    once(event: string, handler: () => void) {
      this.onceHandlers.set(event, handler);
      return this;
    }
    show() {
      this.shown += 1;
    }
    loadFile(path: string) {
      this.loaded.push(`file:${path}`);
      return Promise.resolve();
    }
    loadURL(url: string) {
      this.loaded.push(`url:${url}`);
      return Promise.resolve();
    }
  }
  return { Window: FakeWindow as unknown as typeof BrowserWindow, made };
}

describe('createSecureWindow', () => {
  const build = (entry: RendererEntry) => {
    const { Window, made } = fakeBrowserWindowClass();
    const onExternalLink = vi.fn();
    createSecureWindow(Window, { preloadPath: '/app/out/preload/index.js', entry, onExternalLink });
    const win = made[0];
    if (!win) throw new Error('no window was made');
    return { win, onExternalLink };
  };

  it('spells out every security-relevant web preference', () => {
    const { win } = build({ kind: 'file', path: '/app/out/renderer/index.html' });
    expect(win.options.webPreferences).toEqual({
      preload: '/app/out/preload/index.js',
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
      disableBlinkFeatures: 'Auxclick',
    });
    expect(win.options.show).toBe(false);
    expect(win.options.title).toBe('Assay');
  });

  it('shows the window once its first frame is ready, not before', () => {
    const { win } = build({ kind: 'file', path: '/app/out/renderer/index.html' });
    expect(win.shown).toBe(0);
    win.onceHandlers.get('ready-to-show')?.();
    expect(win.shown).toBe(1);
  });

  it('loads the built renderer from its file, or the dev server URL', () => {
    expect(build({ kind: 'file', path: '/app/out/renderer/index.html' }).win.loaded).toEqual(['file:/app/out/renderer/index.html']);
    expect(build({ kind: 'url', url: 'http://localhost:5173/' }).win.loaded).toEqual(['url:http://localhost:5173/']);
  });

  it('hardens the window it makes', () => {
    const { win, onExternalLink } = build({ kind: 'file', path: '/app/out/renderer/index.html' });
    expect(win.webContents.fire('will-navigate', 'https://evil.example/')).toHaveBeenCalled();
    expect(win.webContents.fire('will-navigate', 'file:///app/out/renderer/index.html#/inbox')).not.toHaveBeenCalled();
    expect(win.webContents.fire('will-attach-webview')).toHaveBeenCalled();
    expect(win.webContents.open('https://example.org/')).toEqual({ action: 'deny' });
    expect(onExternalLink).toHaveBeenCalledWith('https://example.org/');
  });
});
