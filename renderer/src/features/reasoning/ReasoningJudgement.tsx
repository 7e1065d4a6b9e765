import { forwardRef } from 'react';
import type { FinishReason, ReasoningAnnotation, ReasoningPayload } from '@shared/domain';
import { effectiveFinalAnswer, finishReasonOf, firstErrorOf, modeOf, type ReasoningValidation } from '@shared/reasoning';
import type { AnswerCheck } from '@shared/reasoning/answerEquivalence';
import { ModelMarkdown } from '../../ui/markdown/ModelMarkdown';
import { editReasoning } from './useReasoning';
import { CommentBadge } from '../comments/CommentBadge';
import { commentTargetProps } from '../comments/commentTargets';
import { usePasteSignal } from '../workspace/usePasteSignal';

const FINISH: { value: FinishReason; label: string; hint: string }[] = [
  { value: 'solution', label: 'Solution', hint: 'the solution is right (or now is)' },
  { value: 'found_error', label: 'Found error', hint: 'a step is wrong; the rewrite fixes it' },
  { value: 'give_up', label: 'Give up', hint: 'too hard to judge' },
  { value: 'bad_problem', label: 'Bad problem', hint: 'ambiguous, or the reference is wrong' },
];

const VERDICT_TEXT: Record<AnswerCheck['verdict'], string> = {
  matches: 'Matches the reference',
  differs: 'Differs from the reference',
  cannot_compare: 'Cannot compare with the reference',
};

interface Props {
  payload: ReasoningPayload;
  annotation: ReasoningAnnotation;
  readOnly: boolean;
  check: AnswerCheck | null;
  validation: ReasoningValidation;
  showValidation: boolean;
  onSubmitRequest(): void;
  /** Esc in the answer field: back to the steps. */
  onLeave?(): void;
}

const messageFor = (v: ReasoningValidation, field: string) => v.errors.find((e) => e.field === field)?.message;

/** The verdict on the solution: progress, final answer with its check, finish reason, note, submit. */
export const ReasoningJudgement = forwardRef<HTMLInputElement, Props>(function ReasoningJudgement(
  { payload, annotation, readOnly, check, validation, showValidation, onSubmitRequest, onLeave },
  answerRef,
) {
  const mode = modeOf(payload);
  const rated = payload.modelSteps.filter((s) => annotation.stepRatings[s.id] !== undefined).length;
  const firstError = firstErrorOf(payload, annotation.stepRatings);
  const errorIndex = payload.modelSteps.findIndex((s) => s.id === firstError);
  const finish = finishReasonOf(payload, annotation);
  const answer = effectiveFinalAnswer(payload, annotation);
  const shown = showValidation ? validation : { errors: [], warnings: validation.warnings };
  const answerError = messageFor(shown, 'finalAnswer');
  const finishError = messageFor(shown, 'finishReason');
  const noteError = messageFor(shown, 'note');
  const onNotePaste = usePasteSignal('note');
  const acknowledged = check?.verdict === 'differs' && annotation.acknowledgedAnswer === answer;

  return (
    <aside className="judgement-panel reasoning-judgement" aria-label="Judgement">
      <div className="judgement-block">
        <h3 className="block-title">Progress</h3>
        {mode === 'author' ? (
          <p className="progress-line">
            {annotation.authoredSteps.length} {annotation.authoredSteps.length === 1 ? 'step' : 'steps'} written
          </p>
        ) : (
          <p className="progress-line" data-testid="progress">
            {rated} of {payload.modelSteps.length} steps rated
            {firstError !== null && <> · first error at step {errorIndex + 1}</>}
            {annotation.flaggedStepIds.length > 0 && <> · {annotation.flaggedStepIds.length} flagged</>}
          </p>
        )}
        <p className="hint">
          Mode: {mode === 'grade' ? 'rate every step' : mode === 'first_error' ? 'rate until the first wrong step, then rewrite from it' : 'write the solution'}
        </p>
        {messageFor(shown, 'authoredSteps') && <p className="field-error">{messageFor(shown, 'authoredSteps')}</p>}
      </div>

      <div className={`judgement-block final-answer${answerError ? ' has-error' : ''}`}>
        <label className="block-title" htmlFor="final-answer">
          Final answer
        </label>
        <input
          id="final-answer"
          ref={answerRef}
          className="answer-input"
          value={annotation.finalAnswer}
          placeholder={payload.modelAnswer && mode !== 'author' && annotation.rewriteFromStepId === null ? `${payload.modelAnswer} (the model's)` : 'LaTeX, e.g. \\frac{1}{2}'}
          readOnly={readOnly}
          spellCheck={false}
          onChange={(e) => editReasoning((a) => ({ ...a, finalAnswer: e.target.value }), 'finalAnswer')}
          onKeyDown={(e) => {
            // Esc goes back to the steps, not out of the task.
            if (e.key === 'Escape' && onLeave && !readOnly) {
              e.preventDefault();
              onLeave();
            }
          }}
          aria-describedby="answer-check"
        />
        {answer.trim() !== '' && (
          <div className="answer-preview" role="group" aria-label="Final answer preview">
            <ModelMarkdown text={`$${answer.replace(/\$/g, '')}$`} />
          </div>
        )}
        {payload.showReference && payload.referenceAnswer !== undefined && (
          <p className="reference-line">
            Reference: <ModelMarkdown text={`$${payload.referenceAnswer.replace(/\$/g, '')}$`} />
          </p>
        )}
        <p id="answer-check" className={`answer-check verdict-${check?.verdict ?? 'none'}`} role="status">
          {check ? VERDICT_TEXT[check.verdict] : ''}
        </p>
        {answerError && <p className="field-error">{answerError}</p>}
        {check?.verdict === 'differs' && !readOnly && (
          <label className="warning">
            <input
              type="checkbox"
              checked={acknowledged}
              onChange={(e) => editReasoning((a) => ({ ...a, acknowledgedAnswer: e.target.checked ? answer : null }))}
            />
            <span>
              The answer differs from the reference. <em>I checked it; submit it anyway.</em>
            </span>
          </label>
        )}
      </div>

      <fieldset className={`judgement-block finish-reason${finishError ? ' has-error' : ''}`}>
        <legend>Finish reason</legend>
        {FINISH.map((f) => (
          <label key={f.value} className="finish-option">
            <input
              type="radio"
              name="finish-reason"
              value={f.value}
              checked={finish === f.value}
              disabled={readOnly}
              onChange={() => editReasoning((a) => ({ ...a, finishReason: f.value }))}
            />
            <span>
              <strong>{f.label}</strong> <span className="hint-inline">{f.hint}</span>
              {annotation.finishReason === null && f.value === finish && <span className="hint-inline"> (suggested)</span>}
            </span>
          </label>
        ))}
        {finishError && <p className="field-error">{finishError}</p>}
      </fieldset>

      <div className={`judgement-block${noteError ? ' has-error' : ''}`} {...commentTargetProps({ kind: 'justification', field: 'note' }, 'the note')}>
        <label className="block-title" htmlFor="reasoning-note">
          Note for the reviewer{finish === 'bad_problem' ? ' (required)' : ''}
        </label>
        <CommentBadge anchor={{ kind: 'justification', field: 'note' }} label="the note" />
        <textarea
          id="reasoning-note"
          className="note-input"
          value={annotation.note}
          readOnly={readOnly}
          rows={2}
          onPaste={onNotePaste}
          onChange={(e) => editReasoning((a) => ({ ...a, note: e.target.value }), 'note')}
        />
        {noteError && <p className="field-error">{noteError}</p>}
      </div>

      {!readOnly && (
        <div className="submit-block">
          {showValidation && validation.errors.length > 0 && (
            <p className="field-error" role="alert">
              {validation.errors.length} {validation.errors.length === 1 ? 'thing needs' : 'things need'} fixing before you can submit.
            </p>
          )}
          <button type="button" className="button primary submit-button" onClick={onSubmitRequest}>
            Submit <kbd>Ctrl</kbd>
            <kbd>Enter</kbd>
          </button>
        </div>
      )}
    </aside>
  );
});
