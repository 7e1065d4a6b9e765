import { useEffect } from 'react';
import { dispatchKey } from '../shortcuts/keymap';
import { isDesktopShell } from '../../api';
import { useDraftStore } from './draftStore';
import { workspaceKeymap } from './workspaceKeymap';

/** Undo and redo of the annotation (text fields keep their own native undo while focused). */
export function useUndoRedoShortcuts() {
  useEffect(() => {
    const handlers = { undo: () => useDraftStore.getState().undo(), redo: () => useDraftStore.getState().redo() };
    const onKey = (e: KeyboardEvent) => void dispatchKey(workspaceKeymap, handlers, e);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/**
 * Sends a pending autosave at once when the window is hidden or closing: the request leaves before the page
 * goes, and the core saves it even if no answer can come back. In the desktop app a close with unsaved work
 * is held (Electron cancels an unload whose beforeunload is prevented, silently), the save is awaited, and
 * the window then closes itself.
 */
export function useFlushOnLeave() {
  useEffect(() => {
    let closingAfterSave = false;
    const flush = () => useDraftStore.getState().flushNow();
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      const drafts = useDraftStore.getState();
      if (!isDesktopShell() || closingAfterSave || !drafts.hasUnsavedWork()) return flush();
      e.preventDefault();
      e.returnValue = '';
      closingAfterSave = true;
      void drafts.close().finally(() => window.close());
    };
    const onVisibility = () => document.visibilityState === 'hidden' && flush();
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, []);
}
