import type { StepLabel, TrajectoryAnnotation } from '@shared/domain';
import { setStepComment, setStepLabel, toggleFirstWrong, rewriteFrom, undoRewrite, type RunStep } from '@shared/trajectory';
import { usePasteSignal } from '../workspace/usePasteSignal';
import { editTrajectory, useTrajectoryView } from './useTrajectory';

const LABELS: { value: StepLabel; text: string; key: string }[] = [
  { value: 'good', text: 'Good', key: 'g' },
  { value: 'neutral', text: 'Neutral', key: 'n' },
  { value: 'bad', text: 'Bad', key: 'b' },
];

interface Props {
  runStep: RunStep | undefined;
  annotation: TrajectoryAnnotation;
  readOnly: boolean;
  stepCount: number;
  /** The number of the step the rewrite starts after, when rewriting. */
  rewriteAfter: number | null;
  onAddStep(): void;
}

/** The expert's judgement of the selected step, and the run-level actions. */
export function StepJudgement({ runStep, annotation, readOnly, stepCount, rewriteAfter, onAddStep }: Props) {
  const rewriting = annotation.truncateAfterStepId !== null;
  const onCommentPaste = usePasteSignal(`stepComment:${runStep?.step.id ?? ''}`);
  if (!runStep) {
    return (
      <section className="step-judgement" aria-label="Judgement">
        <p className="muted">This task has no steps yet: write the run yourself.</p>
        {!readOnly && (
          <button type="button" className="button" onClick={onAddStep}>
            Add a step <kbd>a</kbd>
          </button>
        )}
      </section>
    );
  }
  const id = runStep.step.id;
  const label = annotation.stepLabels[id] ?? null;
  const wrong = annotation.firstWrongStepId === id;
  return (
    <section className="step-judgement" aria-label="Judgement">
      <h2>Step {runStep.number}</h2>
      <fieldset className="label-group" disabled={readOnly}>
        <legend>Label</legend>
        {LABELS.map((l) => (
          <label key={l.value} className={`label-option label-${l.value}${label === l.value ? ' checked' : ''}`}>
            <input
              type="radio"
              name={`label-${id}`}
              value={l.value}
              checked={label === l.value}
              onChange={() => editTrajectory((a) => setStepLabel(a, id, l.value))}
            />
            {l.text} <kbd>{l.key}</kbd>
          </label>
        ))}
      </fieldset>
      <label className="check-row">
        <input type="checkbox" checked={wrong} disabled={readOnly} onChange={() => editTrajectory((a) => toggleFirstWrong(a, id))} />
        First wrong step <kbd>w</kbd>
      </label>
      {annotation.firstWrongStepId !== null && !wrong && <p className="muted small">The first wrong step is marked elsewhere in the run.</p>}
      <label htmlFor="step-comment">
        Comment <kbd>c</kbd>
      </label>
      <textarea
        id="step-comment"
        rows={3}
        readOnly={readOnly}
        value={annotation.stepComments[id] ?? ''}
        onPaste={onCommentPaste}
        onChange={(e) => editTrajectory((a) => setStepComment(a, id, e.target.value), `comment-${id}`)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.currentTarget.blur();
            document.querySelector<HTMLElement>('.timeline-list')?.focus();
          }
        }}
      />
      {!readOnly && (
        <div className="step-actions">
          <button type="button" className="button" onClick={() => useTrajectoryView.getState().setEditing(id)}>
            Edit step <kbd>e</kbd>
          </button>
          {runStep.origin !== 'new' && (
            <button type="button" className="button" onClick={() => editTrajectory((a) => rewriteFrom(a, id))}>
              Rewrite from here <kbd>r</kbd>
            </button>
          )}
          <button type="button" className="button" onClick={onAddStep}>
            Add a step <kbd>a</kbd>
          </button>
          {rewriting && (
            <button type="button" className="button ghost" onClick={() => editTrajectory(undoRewrite)}>
              Keep the whole original run
            </button>
          )}
        </div>
      )}
      {rewriting && (
        <p className="muted small" role="note">
          Rewriting: the original steps after step {rewriteAfter ?? '?'} are dropped; {stepCount} steps in the corrected run.
        </p>
      )}
    </section>
  );
}
