import { describe, expect, it } from 'vitest';
import { REASONING_KEYMAP, reasoningKeyFor } from '../../renderer/src/features/reasoning/reasoningKeymap';
import { SHORTCUTS } from '../../renderer/src/features/shortcuts/shortcutList';

const key = (k: string, mods: Partial<Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'code'>> = {}) =>
  ({ key: k, code: mods.code ?? '', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods }) as KeyboardEvent;

describe('the reasoning keymap (one list binds the keys and feeds the ? dialog)', () => {
  it('every key of the workspace is in the ? list, with its label', () => {
    for (const k of REASONING_KEYMAP) {
      expect(SHORTCUTS.some((s) => s.where === 'Reasoning task' && s.action === k.label && s.keys.join('+') === k.keys.join('+')), k.label).toBe(true);
    }
  });

  it('maps the step keys: j/k and arrows move, + 0 - and 1 2 3 rate, f flags, r rewrites', () => {
    const action = (e: KeyboardEvent) => reasoningKeyFor(e, 'steps')?.action;
    expect([key('j'), key('ArrowDown'), key('k'), key('ArrowUp')].map(action)).toEqual(['next', 'next', 'previous', 'previous']);
    expect([key('+'), key('='), key('1'), key('0'), key('2'), key('-'), key('3')].map(action)).toEqual(['ratePlus', 'ratePlus', 'ratePlus', 'rateZero', 'rateZero', 'rateMinus', 'rateMinus']);
    expect([key('f'), key('r'), key('a'), key('p'), key('Enter')].map(action)).toEqual(['flag', 'rewrite', 'answer', 'problem', 'edit']);
    expect(action(key('j', { ctrlKey: true }))).toBeUndefined();
  });

  it('editor keys never clash with Ctrl+Enter (submit) and never fire on plain typing', () => {
    const action = (e: KeyboardEvent) => reasoningKeyFor(e, 'editor')?.action;
    expect(action(key('Enter', { ctrlKey: true }))).toBe('submit');
    expect(action(key('Enter', { metaKey: true }))).toBe('submit');
    expect(action(key('Enter', { altKey: true }))).toBe('newStep');
    expect(action(key('ß', { altKey: true, code: 'KeyS' }))).toBe('split');
    expect(action(key('µ', { altKey: true, code: 'KeyM' }))).toBe('merge');
    expect(action(key('ArrowUp', { altKey: true }))).toBe('moveUp');
    expect(action(key('ArrowDown', { altKey: true }))).toBe('moveDown');
    expect(action(key('D', { altKey: true, shiftKey: true, code: 'KeyD' }))).toBe('deleteStep');
    expect(action(key('Escape'))).toBe('leaveEditor');
    for (const typed of ['j', 'k', '+', '-', '1', 'f', 'r', 'a', 'Enter', 's', 'm']) expect(action(key(typed)), typed).toBeUndefined();
  });
});
