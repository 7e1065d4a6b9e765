import { describe, expect, it, vi } from 'vitest';
import { channelOf, EVENT_CHANNEL, operationNames, type AppEvent } from '@shared/ipc';
import { buildAssayApi, type Invoke, type Subscribe } from '../../electron/preload/buildAssayApi';

function setup(answer: (channel: string, input: unknown) => Promise<unknown> = async () => ({ ok: true, value: {} })) {
  const invoke = vi.fn<Invoke>(answer);
  const handlers = new Map<string, (payload: unknown) => void>();
  const unsubscribe = vi.fn();
  const subscribe = vi.fn<Subscribe>((channel, handler) => {
    handlers.set(channel, handler);
    return unsubscribe;
  });
  return { api: buildAssayApi(invoke, subscribe), invoke, subscribe, handlers, unsubscribe };
}

describe('buildAssayApi (window.assay)', () => {
  it("exposes exactly the contract's operations plus onEvent, all functions, and nothing else", () => {
    const { api } = setup();
    expect(Object.keys(api).sort()).toEqual([...operationNames, 'onEvent'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');
  });

  it('is frozen, so the page cannot swap an operation', () => {
    expect(Object.isFrozen(setup().api)).toBe(true);
  });

  it.each(operationNames)('%s invokes its own assay: channel with the single input', async (name) => {
    const { api, invoke } = setup();
    const input = { probe: name };
    const call = api[name] as (input: unknown) => Promise<unknown>;
    await call(input);
    expect(invoke).toHaveBeenCalledExactlyOnceWith(channelOf(name), input);
    expect(channelOf(name)).toBe(`assay:${name}`);
  });

  it("returns main's Result as is", async () => {
    const { api } = setup(async () => ({ ok: false, error: { code: 'forbidden', message: 'no' } }));
    await expect(api.getAppInfo({})).resolves.toEqual({ ok: false, error: { code: 'forbidden', message: 'no' } });
  });

  it('turns a failed invoke into an internal Result instead of throwing', async () => {
    const { api } = setup(async () => {
      throw new Error('An object could not be cloned.');
    });
    const result = await api.getSettings({});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    if (!result.ok) expect(result.error.message).toContain('could not be cloned');
  });

  it('turns a non-Result answer into an internal Result', async () => {
    const { api } = setup(async () => 'surprise');
    await expect(api.getSettings({})).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('onEvent listens on the event channel, passes only valid event payloads, and unsubscribes', () => {
    const { api, subscribe, handlers, unsubscribe } = setup();
    const listener = vi.fn<(event: AppEvent) => void>();
    const off = api.onEvent(listener);
    expect(subscribe).toHaveBeenCalledWith(EVENT_CHANNEL, expect.any(Function));
    const deliver = handlers.get(EVENT_CHANNEL);
    deliver?.({ type: 'tasksChanged', taskIds: ['a'] });
    deliver?.({ type: 'rootShell', command: 'rm -rf /' });
    expect(listener).toHaveBeenCalledExactlyOnceWith({ type: 'tasksChanged', taskIds: ['a'] });
    off();
    expect(unsubscribe).toHaveBeenCalledOnce();
  });

  it('onEvent refuses a non-function listener', () => {
    const { api } = setup();
    expect(() => api.onEvent('nope' as unknown as (event: AppEvent) => void)).toThrow(TypeError);
  });
});
