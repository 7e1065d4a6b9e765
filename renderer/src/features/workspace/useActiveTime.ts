import { useEffect } from 'react';
import { useDraftStore } from './draftStore';

/** Called on every active second, so a workspace can attribute it (e.g. to the step that has focus). */
export const activeSecondListeners = new Set<() => void>();

const INPUT_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'input'] as const;

/**
 * Counts the seconds the expert is actually working on the task: the window has focus and there was
 * input within the idle limit. Idle time and time in other apps are not billed.
 */
export function useActiveTime(idleAfterSeconds: number) {
  useEffect(() => {
    let lastInput = Date.now();
    const onInput = () => {
      lastInput = Date.now();
    };
    for (const type of INPUT_EVENTS) window.addEventListener(type, onInput, { passive: true, capture: true });
    const tick = setInterval(() => {
      if (document.hasFocus() && Date.now() - lastInput < idleAfterSeconds * 1000) {
        useDraftStore.getState().addActiveSecond();
        for (const listener of activeSecondListeners) listener();
      }
    }, 1000);
    return () => {
      clearInterval(tick);
      for (const type of INPUT_EVENTS) window.removeEventListener(type, onInput, { capture: true });
    };
  }, [idleAfterSeconds]);
}
