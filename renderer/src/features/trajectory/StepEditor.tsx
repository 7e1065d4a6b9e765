import type { TrajectoryStep } from '@shared/domain';
import { languageOf, replaceStep, type RunStep } from '@shared/trajectory';
import { CodeView } from './lazyMonaco';
import { usePasteSignal } from '../workspace/usePasteSignal';
import { editTrajectory, useTrajectoryView } from './useTrajectory';

/** Thought, action (Monaco) and, for the expert's own steps, the observation from their own run. */
export function StepEditor({ runStep }: { runStep: RunStep }) {
  const { step, origin } = runStep;
  const onPaste = usePasteSignal(`step:${step.id}`);
  const update = (patch: Partial<TrajectoryStep>, field: string) => editTrajectory((a) => replaceStep(a, { ...step, ...patch }), `step-${step.id}-${field}`);
  const done = () => {
    useTrajectoryView.getState().setEditing(null);
    requestAnimationFrame(() => document.querySelector<HTMLElement>('.timeline-list')?.focus());
  };
  return (
    <form
      className="step-editor"
      aria-label={`Edit step ${runStep.number}`}
      onPaste={onPaste}
      onSubmit={(e) => {
        e.preventDefault();
        done();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          done();
        }
      }}
    >
      <label htmlFor="step-thought-editor">Thought</label>
      <textarea id="step-thought-editor" rows={4} value={step.thought} onChange={(e) => update({ thought: e.target.value }, 'thought')} />
      <span className="field-label" id="step-action-label">
        Action
      </span>
      <CodeView value={step.action} language={languageOf(step)} label="Edit action" readOnly={false} height={160} onChange={(action) => update({ action }, 'action')} />
      {origin === 'new' && (
        <>
          <label htmlFor="step-observation-editor">Observation (from your own run)</label>
          <textarea id="step-observation-editor" className="mono" rows={5} value={step.observation} onChange={(e) => update({ observation: e.target.value }, 'observation')} />
        </>
      )}
      <div className="row">
        <button type="submit" className="button primary">
          Done <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}
