import { flushSync } from 'react-dom';
import type { ReasoningAnnotation } from '@shared/domain';
import { useDraftStore } from '../workspace/draftStore';

/** The open reasoning annotation, or null while another kind (or nothing) is open. */
export const useReasoningAnnotation = (): ReasoningAnnotation | null =>
  useDraftStore((s) => (s.annotation?.kind === 'reasoning' ? s.annotation : null));

/** Edits the open reasoning annotation; other kinds are left alone. */
export const editReasoning = (change: (a: ReasoningAnnotation) => ReasoningAnnotation, coalesceKey?: string) =>
  useDraftStore.getState().edit((a) => (a.kind === 'reasoning' ? change(a) : a), coalesceKey);

export const currentReasoning = (): ReasoningAnnotation | null => {
  const a = useDraftStore.getState().annotation;
  return a?.kind === 'reasoning' ? a : null;
};

/** Moves the keyboard to a step card (already rendered), or into its editor with the caret at `caret` (the end when omitted). */
export const focusStep = (id: string, into: 'card' | 'editor' = 'card', caret?: number) => {
    const card = document.querySelector<HTMLElement>(`[data-step-id="${CSS.escape(id)}"]`);
    if (!card) return;
    if (into === 'editor') {
      const area = card.querySelector('textarea');
      if (area) {
        area.focus();
        const at = caret ?? area.value.length;
        area.setSelectionRange(at, at);
        return;
      }
    }
    card.focus();
    card.scrollIntoView({ block: 'nearest' });
};

/** Applies an edit and renders it at once, so the keyboard can move into what it created in the same event. */
export const editReasoningNow = (change: (a: ReasoningAnnotation) => ReasoningAnnotation) => flushSync(() => editReasoning(change));
