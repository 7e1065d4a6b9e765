import { formatElapsed, toolOf, type RunStep } from '@shared/trajectory';
import { ModelMarkdown } from '../../ui/markdown/ModelMarkdown';
import { CommentBadge } from '../comments/CommentBadge';
import { commentTargetProps } from '../comments/commentTargets';
import { ActionView } from './ActionView';
import { Observation } from './Observation';
import { StepEditor } from './StepEditor';
import { useTrajectoryView } from './useTrajectory';

const ORIGIN_TEXT = { original: '', edited: 'edited by you', new: 'written by you' } as const;

/** The selected step, filling the centre: thought, action, observation (or the editor for them). */
export function StepView({ runStep, total, readOnly }: { runStep: RunStep; total: number; readOnly: boolean }) {
  const editing = useTrajectoryView((s) => s.editing === runStep.step.id) && !readOnly;
  const { step } = runStep;
  return (
    <section className="step-view" aria-labelledby="step-heading">
      <header className="step-header">
        <h2 id="step-heading">
          Step {runStep.number} of {total}
        </h2>
        <span className="tool-chip">{toolOf(step)}</span>
        {step.elapsedSeconds !== null && <span className="muted">{formatElapsed(step.elapsedSeconds)}</span>}
        {runStep.origin !== 'original' && <span className={`origin-badge origin-${runStep.origin}`}>{ORIGIN_TEXT[runStep.origin]}</span>}
        <CommentBadge anchor={{ kind: 'step', stepId: step.id }} label={`step ${runStep.number}`} />
      </header>
      {editing ? (
        <StepEditor runStep={runStep} />
      ) : (
        <>
          <h3>Thought</h3>
          {step.thought.trim() !== '' ? (
            <div className="thought" {...commentTargetProps({ kind: 'step', stepId: step.id }, `Step ${runStep.number}`)}>
              <ModelMarkdown text={step.thought} />
            </div>
          ) : (
            <p className="muted">No thought.</p>
          )}
          <h3>Action</h3>
          <ActionView step={step} />
        </>
      )}
      <h3>Observation</h3>
      {editing && runStep.origin === 'new' ? <p className="muted">Edited above.</p> : <Observation stepId={step.id} text={step.observation} totalChars={step.observationChars} />}
    </section>
  );
}
