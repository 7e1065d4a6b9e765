import { useEffect } from 'react';
import { isTypingTarget } from '../../ui/isTypingTarget';
import { useDraftStore } from './draftStore';

/** Undo and redo of the annotation (text fields keep their own native undo while focused). */
export function useUndoRedoShortcuts() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || isTypingTarget(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) useDraftStore.getState().undo();
      else if ((key === 'z' && e.shiftKey) || key === 'y') useDraftStore.getState().redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
