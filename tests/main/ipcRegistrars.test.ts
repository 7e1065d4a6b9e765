import { describe, expect, it, vi } from 'vitest';
import { channelOf, EVENT_CHANNEL, operationNames, type AppEvent, type CoreHandlers } from '@shared/ipc';
import type { Result } from '@shared/domain';
import {
  forwardCoreEvents,
  registerIpcHandlers,
  senderProblem,
  type FrameLike,
  type InvokeEventLike,
  type IpcMainLike,
} from '../../electron/main/ipcRegistrars';
import { isAppUrl, type RendererEntry } from '../../electron/main/secureWindow';

const APP_FILE = '/opt/Assay/resources/app.asar/out/renderer/index.html';
const APP_URL = `file://${APP_FILE}`;
const entry: RendererEntry = { kind: 'file', path: APP_FILE };
const OUR_WINDOW = 7;

type Listener = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

class FakeIpcMain implements IpcMainLike {
  readonly listeners = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.listeners.has(channel)) throw new Error(`second handler for ${channel}`);
    this.listeners.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.listeners.delete(channel);
  }
  invoke(channel: string, event: InvokeEventLike, ...args: unknown[]): Promise<Result<unknown>> {
    const listener = this.listeners.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return listener(event, ...args) as Promise<Result<unknown>>;
  }
}

const frame = (url: string, parent: FrameLike | null = null, routingId = 1): FrameLike => ({ url, parent, processId: 3, routingId });

const eventFrom = (opts: { id?: number; url?: string; subframe?: boolean; noFrame?: boolean } = {}): InvokeEventLike => {
  const main = frame(APP_URL);
  const senderFrame = opts.noFrame ? null : opts.subframe ? frame(opts.url ?? APP_URL, main, 2) : opts.url ? frame(opts.url) : main;
  return { sender: { id: opts.id ?? OUR_WINDOW, mainFrame: main }, senderFrame };
};

const appInfo = { version: '0.1.0', shell: 'electron' as const, dataDir: '/data', annotatorId: 'local', taskCount: 0, storeNotice: null };

function setup() {
  const notUsed = () => {
    throw new Error('not used in this test');
  };
  const handlers = Object.fromEntries(operationNames.map((name) => [name, notUsed])) as unknown as CoreHandlers;
  const getAppInfo = vi.fn(() => appInfo);
  const openExternal = vi.fn((input: { url: string }) => ({ opened: input.url.startsWith('https://') }));
  handlers.getAppInfo = getAppInfo;
  handlers.openExternal = openExternal;
  const ipc = new FakeIpcMain();
  const unregister = registerIpcHandlers(ipc, handlers, {
    isKnownContents: (id) => id === OUR_WINDOW,
    isAppUrl: (url) => isAppUrl(entry, url),
  });
  return { ipc, getAppInfo, openExternal, unregister };
}

describe('IPC registrars', () => {
  it('register exactly one handler per contract operation, on its assay: channel', () => {
    const { ipc } = setup();
    expect([...ipc.listeners.keys()].sort()).toEqual(operationNames.map(channelOf).sort());
  });

  it('pass a good call from our window to the core and return its Result', async () => {
    const { ipc, getAppInfo } = setup();
    await expect(ipc.invoke(channelOf('getAppInfo'), eventFrom(), {})).resolves.toEqual({ ok: true, value: appInfo });
    expect(getAppInfo).toHaveBeenCalledOnce();
  });

  it('hand the core the parsed input', async () => {
    const { ipc, openExternal } = setup();
    const result = await ipc.invoke(channelOf('openExternal'), eventFrom(), { url: 'https://example.org/' });
    expect(result).toEqual({ ok: true, value: { opened: true } });
    expect(openExternal).toHaveBeenCalledWith({ url: 'https://example.org/' });
  });

  it.each([
    ['another webContents', eventFrom({ id: 99 }), 'did not come from an Assay window'],
    ['a subframe of our window', eventFrom({ subframe: true }), 'embedded frame'],
    ['a foreign origin in our window', eventFrom({ url: 'https://evil.example/' }), 'not part of Assay'],
    ['another local file', eventFrom({ url: 'file:///tmp/evil.html' }), 'not part of Assay'],
    ['a frame that has gone away', eventFrom({ noFrame: true }), 'gone away'],
  ])('refuse a call from %s with a forbidden Result, without reaching the core', async (_label, event, reason) => {
    const { ipc, getAppInfo } = setup();
    const result = await ipc.invoke(channelOf('getAppInfo'), event, {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('forbidden');
    expect(result.error.message).toContain('Assay refused getAppInfo');
    expect(result.error.message).toContain(reason);
    expect(getAppInfo).not.toHaveBeenCalled();
  });

  it.each([
    ['a wrong type', { url: 42 }],
    ['an unknown key', { url: 'https://example.org/', extra: true }],
    ['a missing field', {}],
    ['a string instead of an object', 'https://example.org/'],
  ])('refuse malformed input (%s) with a clear invalid_input Result', async (_label, input) => {
    const { ipc, openExternal } = setup();
    const result = await ipc.invoke(channelOf('openExternal'), eventFrom(), input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message).toBe('The request for openExternal was malformed.');
    expect(result.error.detail).toBeTruthy();
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('refuse extra arguments', async () => {
    const { ipc } = setup();
    const result = await ipc.invoke(channelOf('getAppInfo'), eventFrom(), {}, 'smuggled');
    expect(result).toEqual({ ok: false, error: { code: 'invalid_input', message: 'The request for getAppInfo was malformed.', detail: 'expected a single argument' } });
  });

  it('remove every handler when unregistered', () => {
    const { ipc, unregister } = setup();
    unregister();
    expect(ipc.listeners.size).toBe(0);
  });
});

describe('senderProblem', () => {
  const policy = { isKnownContents: (id: number) => id === OUR_WINDOW, isAppUrl: (url: string) => isAppUrl(entry, url) };

  it('accepts the top frame of our window showing our page', () => {
    expect(senderProblem(eventFrom(), policy)).toBeNull();
  });

  // Each part of the top-frame test on its own: a frame passes only if it has no parent AND is the main frame
  // (the same object, or the same process and routing id).
  it.each([
    ['a frame with a parent, even one carrying the main frame ids', (main: FrameLike): FrameLike => ({ ...main, parent: main })],
    ['a parentless frame of another process', (main: FrameLike): FrameLike => ({ ...main, processId: main.processId + 1 })],
    ['a parentless frame with another routing id', (main: FrameLike): FrameLike => ({ ...main, routingId: main.routingId + 1 })],
    ['a parentless frame with other ids altogether', (main: FrameLike): FrameLike => ({ ...main, processId: 9, routingId: 9 })],
  ])('refuses %s', (_label, make) => {
    const event = eventFrom();
    expect(senderProblem({ ...event, senderFrame: make(event.sender.mainFrame) }, policy)).toMatch(/embedded frame/);
  });

  it('accepts the main frame seen through another object with the same ids (Electron hands out new WebFrameMain wrappers)', () => {
    const event = eventFrom();
    expect(senderProblem({ ...event, senderFrame: { ...event.sender.mainFrame } }, policy)).toBeNull();
  });

  it('accepts the dev server origin only when the app runs from it', () => {
    const dev: RendererEntry = { kind: 'url', url: 'http://localhost:5173/' };
    const devPolicy = { ...policy, isAppUrl: (url: string) => isAppUrl(dev, url) };
    expect(senderProblem(eventFrom({ url: 'http://localhost:5173/#/inbox' }), devPolicy)).toBeNull();
    expect(senderProblem(eventFrom({ url: 'http://localhost:5174/' }), devPolicy)).not.toBeNull();
    expect(senderProblem(eventFrom({ url: 'http://localhost:5173/' }), policy)).not.toBeNull();
  });
});

describe('forwardCoreEvents', () => {
  it('sends each core event to every live window on the event channel', () => {
    let emit: (event: AppEvent) => void = () => {};
    const off = vi.fn();
    const events = {
      on: (listener: (event: AppEvent) => void) => {
        emit = listener;
        return off;
      },
    };
    const live = { isDestroyed: () => false, send: vi.fn() };
    const dead = { isDestroyed: () => true, send: vi.fn() };
    const stop = forwardCoreEvents(events, () => [live, dead]);
    const event: AppEvent = { type: 'tasksChanged', taskIds: ['t1'] };
    emit(event);
    expect(live.send).toHaveBeenCalledWith(EVENT_CHANNEL, event);
    expect(dead.send).not.toHaveBeenCalled();
    stop();
    expect(off).toHaveBeenCalledOnce();
  });
});
