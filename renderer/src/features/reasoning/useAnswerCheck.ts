import { useEffect, useState } from 'react';
import type { AnswerCheck } from '@shared/reasoning/answerEquivalence';

const DEBOUNCE_MS = 250;

/**
 * The answer checked against the reference by mathematical equivalence. The computer-algebra system loads on
 * first use, in its own chunk, so opening a task never waits for it.
 */
const PRELOAD_AFTER_MS = 1500;

export function useAnswerCheck(answer: string, reference: string | null): AnswerCheck | null {
  const [check, setCheck] = useState<AnswerCheck | null>(null);
  // The algebra system is large (its own chunk): loaded once the task has settled, so the first check is quick.
  useEffect(() => {
    if (reference === null) return;
    const timer = setTimeout(() => void import('@shared/reasoning/answerEquivalence'), PRELOAD_AFTER_MS);
    return () => clearTimeout(timer);
  }, [reference]);
  useEffect(() => {
    if (reference === null || answer.trim() === '') {
      setCheck(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      void import('@shared/reasoning/answerEquivalence').then(({ compareAnswers }) => {
        if (live) setCheck(compareAnswers(answer, reference));
      });
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [answer, reference]);
  return check;
}
