// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { defineKeymap, dispatchKey, plain, primary, type KeyPress } from '../../renderer/src/features/shortcuts/keymap';
import { KEYMAPS } from '../../renderer/src/features/shortcuts/allKeymaps';
import { rankIn, rankingKeymap, rankResponseKeymap } from '../../renderer/src/features/ranking/rankingKeymap';
import { workspaceKeymap } from '../../renderer/src/features/workspace/workspaceKeymap';

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress & { prevented: () => boolean } => {
  let prevented = false;
  return {
    key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    repeat: false,
    target: document.body,
    defaultPrevented: false,
    preventDefault: () => (prevented = true),
    prevented: () => prevented,
    ...extra,
  };
};

const keymap = defineKeymap<'save' | 'next'>('Test', [
  { action: 'save', keys: ['Ctrl', 'S'], description: 'Save', matches: (p) => primary(p) && p.key === 's', whileTyping: true },
  { action: 'next', keys: ['n'], description: 'Next', matches: (p) => plain(p) && p.key === 'n' },
]);

describe('dispatchKey', () => {
  it('runs the matching binding and prevents the default', () => {
    const handlers = { save: vi.fn(), next: vi.fn() };
    const e = press('n');
    expect(dispatchKey(keymap, handlers, e)).toBe(true);
    expect(handlers.next).toHaveBeenCalledTimes(1);
    expect(handlers.save).not.toHaveBeenCalled();
    expect(e.prevented()).toBe(true);
  });

  it('leaves a key no binding matches, or one its handler declines, alone', () => {
    const handlers = { save: vi.fn(), next: vi.fn(() => false) };
    const other = press('x');
    expect(dispatchKey(keymap, handlers, other)).toBe(false);
    expect(other.prevented()).toBe(false);
    const declined = press('n');
    expect(dispatchKey(keymap, handlers, declined)).toBe(false);
    expect(declined.prevented()).toBe(false);
    expect(dispatchKey(keymap, handlers, press('n', { ctrlKey: true }))).toBe(false);
  });

  it('keeps single keys out of text fields, but not bindings meant for them', () => {
    const input = document.createElement('input');
    const handlers = { save: vi.fn(), next: vi.fn() };
    expect(dispatchKey(keymap, handlers, press('n', { target: input }))).toBe(false);
    expect(dispatchKey(keymap, handlers, press('s', { target: input, ctrlKey: true }))).toBe(true);
    expect(handlers.next).not.toHaveBeenCalled();
    expect(handlers.save).toHaveBeenCalledTimes(1);
  });

  it('ignores a press already handled, and repeats unless the binding repeats', () => {
    const handlers = { save: vi.fn(), next: vi.fn() };
    expect(dispatchKey(keymap, handlers, press('n', { defaultPrevented: true }))).toBe(false);
    expect(dispatchKey(keymap, handlers, press('n', { repeat: true }))).toBe(false);
    const undo = vi.fn();
    expect(dispatchKey(workspaceKeymap, { undo, redo: vi.fn() }, press('z', { ctrlKey: true, repeat: true }))).toBe(true);
    expect(undo).toHaveBeenCalledTimes(1);
  });
});

describe('the ranking and workspace keymaps', () => {
  it('rank digits within the response count, unrank with 0, Backspace or Delete', () => {
    const ranked: number[] = [];
    expect(rankIn(press('3'), 3, (r) => ranked.push(r))).toBe(true);
    expect(rankIn(press('4'), 3, (r) => ranked.push(r))).toBe(false);
    expect(ranked).toEqual([3]);
    const unrank = vi.fn();
    for (const key of ['0', 'Backspace', 'Delete']) expect(dispatchKey(rankResponseKeymap, { rank: vi.fn(), unrank }, press(key))).toBe(true);
    expect(unrank).toHaveBeenCalledTimes(3);
  });

  it('Ctrl+Enter submits even from the justification; letters focus responses', () => {
    const handlers = { submit: vi.fn(), focusResponse: vi.fn() };
    expect(dispatchKey(rankingKeymap, handlers, press('Enter', { ctrlKey: true, target: document.createElement('textarea') }))).toBe(true);
    expect(dispatchKey(rankingKeymap, handlers, press('b'))).toBe(true);
    expect(handlers.submit).toHaveBeenCalledTimes(1);
    expect(handlers.focusResponse).toHaveBeenCalledTimes(1);
  });

  it('undo is Ctrl+Z, redo Ctrl+Shift+Z or Ctrl+Y', () => {
    const handlers = { undo: vi.fn(), redo: vi.fn() };
    dispatchKey(workspaceKeymap, handlers, press('z', { ctrlKey: true }));
    dispatchKey(workspaceKeymap, handlers, press('Z', { ctrlKey: true, shiftKey: true }));
    dispatchKey(workspaceKeymap, handlers, press('y', { metaKey: true }));
    expect(handlers.undo).toHaveBeenCalledTimes(1);
    expect(handlers.redo).toHaveBeenCalledTimes(2);
  });

  it('every keymap is listed, and every binding has keys and words for the ? list', () => {
    expect(KEYMAPS).toEqual(expect.arrayContaining([rankingKeymap, rankResponseKeymap, workspaceKeymap]));
    for (const k of KEYMAPS) for (const b of k.bindings) expect(b.keys.length > 0 && b.description.length > 0, `${k.where} ${b.action}`).toBe(true);
  });
});
