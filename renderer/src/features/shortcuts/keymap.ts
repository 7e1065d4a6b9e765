/**
 * A keymap is a workspace's keyboard shortcuts as data: each binding says which keys it takes, what it does
 * (the `?` list shows exactly these), and how to recognise its key press. The same data binds the keys
 * (`useKeymap` on the window, `keymapKeyDown` on an element) and feeds the `?` list (KEYMAPS in
 * ./allKeymaps), so the two cannot drift. Handlers are given where the keymap is bound, one per action: a
 * keymap whose action has no handler does not type-check.
 */
import { useLayoutEffect, useRef } from 'react';
import { isOverlayOpen, isTypingTarget } from '../../ui/keyboardTargets';

/** The part of a key event a binding looks at (a DOM KeyboardEvent and React's both fit). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  repeat: boolean;
  target: EventTarget | null;
  defaultPrevented: boolean;
  preventDefault(): void;
}

export interface KeyBinding<Action extends string = string> {
  action: Action;
  /** The keys as the `?` list shows them, e.g. ['Ctrl', 'Enter']. */
  keys: readonly string[];
  /** What the keys do, in the `?` list's words. */
  description: string;
  /** Whether this key press is this binding's. */
  matches(press: KeyPress): boolean;
  /** Also while a text field has the focus (e.g. Ctrl+Enter); single-key bindings leave text fields alone. */
  whileTyping?: boolean;
  /** Also when the key is held down and repeats (e.g. undo). */
  repeats?: boolean;
}

export interface Keymap<Action extends string = string> {
  /** Where the keys work, for the `?` list's "Where" column (e.g. 'Ranking'). */
  where: string;
  bindings: readonly KeyBinding<Action>[];
}

/**
 * One handler per action. Returning false means "not mine after all" (e.g. a letter with no response): the
 * key press is left alone for others.
 */
export type KeymapHandlers<Action extends string> = Record<Action, (press: KeyPress) => boolean | void>;

export const defineKeymap = <Action extends string>(where: string, bindings: readonly KeyBinding<Action>[]): Keymap<Action> => ({ where, bindings });

/** Modifier test: none of Ctrl, Cmd, Alt held. */
export const plain = (press: KeyPress): boolean => !press.ctrlKey && !press.metaKey && !press.altKey;
/** Ctrl, or Cmd on macOS. */
export const primary = (press: KeyPress): boolean => press.ctrlKey || press.metaKey;

/** Runs the first binding that matches and accepts the key press; true when one did (the default is then prevented). */
export function dispatchKey<Action extends string>(keymap: Keymap<Action>, handlers: KeymapHandlers<Action>, press: KeyPress): boolean {
  if (press.defaultPrevented) return false;
  const typing = isTypingTarget(press.target);
  for (const binding of keymap.bindings) {
    if (typing && binding.whileTyping !== true) continue;
    if (press.repeat && binding.repeats !== true) continue;
    if (!binding.matches(press)) continue;
    if (handlers[binding.action](press) === false) continue;
    press.preventDefault();
    return true;
  }
  return false;
}

/**
 * Binds a keymap on the window while the component is mounted (quiet while a dialog or the highlight form
 * is open). A layout effect: the keys work from the first frame the workspace is visible. The latest
 * handlers are always used; they need not be memoised.
 */
export function useKeymap<Action extends string>(keymap: Keymap<Action>, handlers: KeymapHandlers<Action>): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isOverlayOpen()) return;
      dispatchKey(keymap, latest.current, e);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [keymap]);
}

/** An onKeyDown for one element (e.g. a focused response), from a keymap and its handlers. */
export const keymapKeyDown =
  <Action extends string>(keymap: Keymap<Action>, handlers: KeymapHandlers<Action>) =>
  (press: KeyPress): void => {
    dispatchKey(keymap, handlers, press);
  };
