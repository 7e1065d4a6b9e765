import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ReasoningPayload, StepRating } from '@shared/domain';
import {
  canSubmitReasoning,
  effectiveFinalAnswer,
  firstErrorOf,
  insertAuthoredStep,
  isGradable,
  modeOf,
  rateStep,
  startRewrite,
  suggestedFinishReason,
  toggleFlag,
  validateReasoning,
} from '@shared/reasoning';
import { isOverlayOpen, isTypingTarget } from '../../ui/keyboardTargets';
import { useDraftStore } from '../workspace/draftStore';
import { AuthoredStepEditor } from './AuthoredStepEditor';
import { ModelStepCard, type StepState } from './ModelStepCard';
import { ProblemPanel } from './ProblemPanel';
import { ReasoningJudgement } from './ReasoningJudgement';
import { reasoningKeyFor, type ReasoningAction } from './reasoningKeymap';
import { useAnswerCheck } from './useAnswerCheck';
import { currentReasoning, editReasoning, editReasoningNow, focusStep, useReasoningAnnotation } from './useReasoning';
import { useAuthoredStepCommands } from './useAuthoredStepCommands';
import { useProgressiveSteps } from './useProgressiveSteps';
import { stepIdOf, useStepTime } from './useStepTime';

const stepCards = () => [...document.querySelectorAll<HTMLElement>('.reasoning-steps [data-step-id]')];

/**
 * The reasoning workspace: the problem on top, the model's steps in a column (typeset like every model text)
 * with the expert's rewrite in place, the judgement on the right. Keyboard first: see reasoningKeymap.ts.
 */
export function ReasoningWorkspace({ payload }: { payload: ReasoningPayload }) {
  const annotation = useReasoningAnnotation();
  const readOnly = useDraftStore((s) => s.readOnly);
  const [currentId, setCurrentId] = useState<string | null>(null);
  const [problemOpen, setProblemOpen] = useState(true);
  const [showValidation, setShowValidation] = useState(false);
  const answerRef = useRef<HTMLInputElement>(null);
  const mode = modeOf(payload);

  const answer = annotation ? effectiveFinalAnswer(payload, annotation) : '';
  const reference = payload.showReference && payload.referenceAnswer !== undefined ? payload.referenceAnswer : null;
  const check = useAnswerCheck(answer, reference);
  const validation = useMemo(
    () => (annotation ? validateReasoning(payload, annotation, check?.verdict ?? null) : { errors: [], warnings: [] }),
    [payload, annotation, check],
  );
  const errorFor = (field: string) => (showValidation ? validation.errors.find((e) => e.field === field)?.message : undefined);

  // The anchor of a rewrite (and the step to resume at) is always among the first steps rendered.
  const mustShow = annotation
    ? Math.max(payload.modelSteps.findIndex((s) => s.id === annotation.rewriteFromStepId), payload.modelSteps.findIndex((s) => annotation.stepRatings[s.id] === undefined)) + 1
    : 0;
  const stepLimit = useProgressiveSteps(payload.modelSteps.length, mustShow);
  useStepTime();
  const { onChangeStep, onCommand, onEditorKey } = useAuthoredStepCommands(setCurrentId);

  const requestSubmit = useCallback(async () => {
    const a = currentReasoning();
    if (!a || useDraftStore.getState().readOnly) return;
    setShowValidation(true);
    // Checked afresh, never from the debounced check: an answer typed just before Ctrl+Enter is compared too.
    const finalAnswer = effectiveFinalAnswer(payload, a);
    const verdict =
      reference === null || finalAnswer.trim() === '' ? null : (await import('@shared/reasoning/answerEquivalence')).compareAnswers(finalAnswer, reference).verdict;
    const latest = currentReasoning();
    // The answer changed while the check loaded: the next Ctrl+Enter judges the new one.
    if (!latest || effectiveFinalAnswer(payload, latest) !== finalAnswer) return;
    if (!canSubmitReasoning(validateReasoning(payload, latest, verdict))) {
      requestAnimationFrame(() => document.querySelector<HTMLElement>('.reasoning-workspace .has-error, .reasoning-judgement .warning input')?.scrollIntoView({ block: 'center' }));
      return;
    }
    // The finish reason goes out explicit, as the suggestion the expert let stand.
    editReasoning((x) => (x.finishReason === null ? { ...x, finishReason: suggestedFinishReason(payload, x) } : x));
    await useDraftStore.getState().submit();
  }, [payload, reference]);

  /** A rating button toggles (a second click clears it); a rating key always sets. */
  const onRate = useCallback(
    (stepId: string, rating: StepRating, toggle = true) => {
      const a = currentReasoning();
      if (!a || !isGradable(payload, a, stepId)) return;
      editReasoning((x) => rateStep(payload, x, stepId, toggle && x.stepRatings[stepId] === rating ? null : rating));
    },
    [payload],
  );
  const onFlag = useCallback((stepId: string) => editReasoning((a) => toggleFlag(a, stepId)), []);
  const onRewrite = useCallback(
    (stepId: string) => {
      editReasoningNow((a) => startRewrite(payload, a, stepId));
      const first = currentReasoning()?.authoredSteps[0];
      if (first) {
        setCurrentId(first.id);
        focusStep(first.id, 'editor');
      }
    },
    [payload],
  );
  const runStepAction = useCallback(
    (action: ReasoningAction): boolean => {
      const cards = stepCards();
      const focusedId = stepIdOf(document.activeElement) ?? currentId;
      const at = cards.findIndex((c) => c.dataset.stepId === focusedId);
      const move = (to: number) => {
        const card = cards[Math.max(0, Math.min(cards.length - 1, to))];
        if (!card) return;
        setCurrentId(card.dataset.stepId ?? null);
        card.focus();
        card.scrollIntoView({ block: 'nearest' });
      };
      const isModel = at >= 0 && cards[at]?.dataset.stepKind === 'model';
      const rate = (rating: StepRating) => {
        if (!isModel || !focusedId) return;
        onRate(focusedId, rating, false);
        const after = currentReasoning();
        const stopped = mode === 'first_error' && rating === -1;
        if (!stopped && after?.stepRatings[focusedId] === rating) move(at + 1);
      };
      switch (action) {
        case 'next':
          move(at < 0 ? 0 : at + 1);
          return true;
        case 'previous':
          move(at < 0 ? 0 : at - 1);
          return true;
        case 'ratePlus':
          rate(1);
          return true;
        case 'rateZero':
          rate(0);
          return true;
        case 'rateMinus':
          rate(-1);
          return true;
        case 'flag':
          if (isModel && focusedId) onFlag(focusedId);
          return true;
        case 'rewrite':
          if (isModel && focusedId && !readOnly) onRewrite(focusedId);
          return true;
        case 'edit':
          if (at >= 0 && cards[at]?.dataset.stepKind === 'authored' && focusedId) {
            focusStep(focusedId, 'editor');
            return true;
          }
          return false;
        case 'answer':
          answerRef.current?.focus();
          return true;
        case 'problem':
          setProblemOpen((o) => !o);
          return true;
        default:
          return false;
      }
    },
    [currentId, mode, onFlag, onRate, onRewrite, readOnly],
  );

  // A layout effect: the keys work from the first frame the steps are visible.
  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isOverlayOpen()) return;
      const typing = isTypingTarget(e.target);
      const key = reasoningKeyFor(e, typing ? 'editor' : 'steps');
      if (!key) return;
      if (key.action === 'submit') {
        e.preventDefault();
        void requestSubmit();
        return;
      }
      if (typing || key.scope !== 'steps' || e.repeat && !['next', 'previous'].includes(key.action)) return;
      if (e.target instanceof HTMLElement && e.target.closest('button, a[href], input, select, textarea, summary') && key.action === 'edit') return;
      if (runStepAction(key.action)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [requestSubmit, runStepAction]);

  // The first step to work on has the keyboard when the task opens.
  const opened = useRef(false);
  useLayoutEffect(() => {
    if (opened.current || !annotation) return;
    opened.current = true;
    const a = annotation;
    const firstOpen = mode === 'author' ? a.authoredSteps[0]?.id : (payload.modelSteps.find((s) => isGradable(payload, a, s.id) && a.stepRatings[s.id] === undefined) ?? payload.modelSteps[0])?.id;
    if (firstOpen) {
      setCurrentId(firstOpen);
      if (!readOnly) focusStep(firstOpen, mode === 'author' ? 'editor' : 'card');
    }
  }, [annotation, mode, payload, readOnly]);

  if (!annotation) return null;

  const firstError = firstErrorOf(payload, annotation.stepRatings);
  const anchorIndex = annotation.rewriteFromStepId === null ? -1 : payload.modelSteps.findIndex((s) => s.id === annotation.rewriteFromStepId);
  const current = currentId ?? payload.modelSteps[0]?.id ?? annotation.authoredSteps[0]?.id ?? null;
  const flagged = new Set(annotation.flaggedStepIds);

  const authored = (
    <div className={`rewrite-block${mode === 'author' ? ' authoring' : ''}`} role="group" aria-label={mode === 'author' ? 'Your solution' : `Your rewrite from step ${anchorIndex + 1}`}>
      {mode !== 'author' && (
        <h3 className="rewrite-title">
          Your rewrite from step {anchorIndex + 1}
          {!readOnly && (
            <button type="button" className="link-button" onClick={() => editReasoning((a) => ({ ...a, rewriteFromStepId: null, authoredSteps: [] }))}>
              Discard the rewrite
            </button>
          )}
        </h3>
      )}
      {annotation.authoredSteps.map((s, i) => (
        <AuthoredStepEditor
          key={s.id}
          step={s}
          index={i}
          count={annotation.authoredSteps.length}
          current={current === s.id}
          readOnly={readOnly}
          error={errorFor(`authoredSteps.${s.id}`)}
          seconds={annotation.stepSeconds[s.id]}
          onChange={onChangeStep}
          onCommand={onCommand}
          onEditorKey={onEditorKey}
        />
      ))}
      {mode === 'author' && annotation.authoredSteps.length === 0 && !readOnly && (
        <button type="button" className="button" onClick={() => editReasoning((a) => insertAuthoredStep(a, null).annotation)}>
          Write the first step
        </button>
      )}
    </div>
  );

  return (
    <div className="reasoning-workspace">
      <ProblemPanel payload={payload} open={problemOpen} onToggle={setProblemOpen} />
      <div className="reasoning-body">
        <div className="reasoning-steps" aria-label="Solution steps" role="region">
          {payload.modelSteps.slice(0, stepLimit).map((step, index) => {
            const state: StepState =
              anchorIndex >= 0 && index > anchorIndex ? 'replaced' : isGradable(payload, annotation, step.id) ? 'gradable' : 'not_graded';
            return (
              <div key={step.id} className="step-slot">
                <ModelStepCard
                  step={step}
                  index={index}
                  rating={annotation.stepRatings[step.id]}
                  flagged={flagged.has(step.id)}
                  state={mode === 'first_error' && state === 'replaced' ? 'not_graded' : state}
                  isFirstError={firstError === step.id}
                  isRewriteAnchor={index === anchorIndex}
                  current={current === step.id}
                  readOnly={readOnly}
                  error={errorFor(`stepRatings.${step.id}`)}
                  seconds={annotation.stepSeconds[step.id]}
                  onRate={onRate}
                  onFlag={onFlag}
                  onRewrite={onRewrite}
                />
                {index === anchorIndex && authored}
              </div>
            );
          })}
          {mode === 'author' && authored}
          {payload.modelAnswer && mode !== 'author' && (
            <p className="model-answer">
              Model&rsquo;s final answer: <strong>{payload.modelAnswer}</strong>
            </p>
          )}
        </div>
        <ReasoningJudgement
          ref={answerRef}
          payload={payload}
          annotation={annotation}
          readOnly={readOnly}
          check={check}
          validation={validation}
          showValidation={showValidation}
          onSubmitRequest={() => void requestSubmit()}
          onLeave={() => current && focusStep(current, 'card')}
        />
      </div>
    </div>
  );
}
