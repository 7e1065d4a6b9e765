import { useEffect } from 'react';
import { isTypingTarget } from '../../ui/keyboardTargets';
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

/**
 * Sends a pending autosave at once when the window is hidden or closing: the request leaves before the page
 * goes, and the core saves it even if no answer can come back.
 */
export function useFlushOnLeave() {
  useEffect(() => {
    const flush = () => useDraftStore.getState().flushNow();
    const onVisibility = () => document.visibilityState === 'hidden' && flush();
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', flush);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, []);
}
