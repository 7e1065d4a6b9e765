import { useEffect } from 'react';
import { addStepSeconds } from '@shared/reasoning';
import { useDraftStore } from '../workspace/draftStore';
import { activeSecondListeners } from '../workspace/useActiveTime';

export const stepIdOf = (el: Element | null): string | null =>
  el instanceof HTMLElement ? (el.closest<HTMLElement>('[data-step-id]')?.dataset.stepId ?? null) : null;

/** Per-step active time: each active second (the workspace's own clock) goes to the step holding focus. */
export function useStepTime() {
  useEffect(() => {
    const listener = () => {
      const id = stepIdOf(document.activeElement);
      if (id) useDraftStore.getState().record((a) => (a.kind === 'reasoning' ? addStepSeconds(a, id, 1) : a));
    };
    activeSecondListeners.add(listener);
    return () => {
      activeSecondListeners.delete(listener);
    };
  }, []);
}
