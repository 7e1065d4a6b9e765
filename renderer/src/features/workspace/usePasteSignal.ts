import { useCallback, type ClipboardEvent } from 'react';
import { LARGE_PASTE_CHARS } from '@shared/domain';
import { api } from '../../api';
import { useDraftStore } from './draftStore';

/** The size of what is being pasted; the text itself goes nowhere but the field it is pasted into. */
export const pastedChars = (e: Pick<ClipboardEvent, 'clipboardData'>): number => e.clipboardData?.getData('text/plain').length ?? 0;

/**
 * An onPaste handler for a justification or a step: a paste of LARGE_PASTE_CHARS characters or more is recorded as
 * an activity signal (where, how many characters, when) that travels with the submission. Never the content.
 */
export const usePasteSignal = (target: string) =>
  useCallback(
    (e: ClipboardEvent<HTMLElement>) => {
      const chars = pastedChars(e);
      const { taskId, readOnly, detached } = useDraftStore.getState();
      if (chars < LARGE_PASTE_CHARS || taskId === null || readOnly || detached) return;
      void api().recordPaste({ taskId, target, chars });
    },
    [target],
  );
