import { useCallback } from 'react';
import { deleteAuthoredStep, insertAuthoredStep, mergeWithPrevious, moveAuthoredStep, splitAuthoredStep, updateAuthoredStep } from '@shared/reasoning';
import type { StepCommand } from './AuthoredStepEditor';
import { reasoningKeyFor } from './reasoningKeymap';
import { currentReasoning, editReasoning, editReasoningNow, focusStep } from './useReasoning';

/**
 * The expert's own steps: typing (one undo step per burst), and new / split / merge / move / delete by key or
 * button, each leaving the caret where the expert expects it. `onFocus` hears which step now has the keyboard.
 */
export function useAuthoredStepCommands(onFocus: (id: string) => void) {
  const onChangeStep = useCallback((id: string, content: string) => editReasoning((a) => updateAuthoredStep(a, id, content), `step:${id}`), []);

  const onCommand = useCallback(
    (id: string, command: StepCommand, caret: number) => {
      const a = currentReasoning();
      if (!a) return;
      let focus: { id: string; caret?: number } | null;
      if (command === 'newStep') {
        const inserted = insertAuthoredStep(a, id);
        editReasoningNow(() => inserted.annotation);
        focus = { id: inserted.id };
      } else if (command === 'split') {
        const split = splitAuthoredStep(a, id, caret);
        if (!split) return;
        editReasoningNow(() => split.annotation);
        focus = { id: split.id, caret: 0 };
      } else if (command === 'merge') {
        const merged = mergeWithPrevious(a, id);
        if (!merged) return;
        editReasoningNow(() => merged.annotation);
        focus = { id: merged.id, caret: merged.caret };
      } else if (command === 'moveUp' || command === 'moveDown') {
        editReasoningNow((x) => moveAuthoredStep(x, id, command === 'moveUp' ? -1 : 1));
        focus = { id, caret };
      } else {
        const at = a.authoredSteps.findIndex((s) => s.id === id);
        const next = deleteAuthoredStep(a, id);
        if (next === a) return;
        editReasoningNow(() => next);
        const neighbour = next.authoredSteps[Math.max(0, at - 1)];
        focus = neighbour ? { id: neighbour.id } : null;
      }
      if (focus) {
        onFocus(focus.id);
        focusStep(focus.id, 'editor', focus.caret);
      }
    },
    [onFocus],
  );

  /** The editor keys of the keymap, inside a step editor. */
  const onEditorKey = useCallback(
    (e: React.KeyboardEvent<HTMLTextAreaElement>, id: string) => {
      const key = reasoningKeyFor(e.nativeEvent, 'editor');
      if (!key || key.scope !== 'editor') return;
      e.preventDefault();
      if (key.action === 'leaveEditor') {
        focusStep(id, 'card');
        return;
      }
      onCommand(id, key.action as StepCommand, e.currentTarget.selectionStart);
    },
    [onCommand],
  );

  return { onChangeStep, onCommand, onEditorKey };
}
