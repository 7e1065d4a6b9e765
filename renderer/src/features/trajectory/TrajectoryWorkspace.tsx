import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import type { TrajectoryPayload } from '@shared/domain';
import { addNewStep, checkPatch, effectivePatch, effectiveSteps } from '@shared/trajectory';
import { isOverlayOpen, isTypingTarget } from '../../ui/keyboardTargets';
import { ModelMarkdown } from '../../ui/markdown/ModelMarkdown';
import { useDraftStore } from '../workspace/draftStore';
import { PatchPanel } from './PatchPanel';
import { StepJudgement } from './StepJudgement';
import { StepView } from './StepView';
import { Timeline } from './Timeline';
import { bindingFor, type KeymapContext } from './trajectoryKeymap';
import { editTrajectory, useTrajectoryAnnotation, useTrajectoryView } from './useTrajectory';
import '../../styles/trajectory.css';

/** Keys typed inside Monaco or a text field belong to it, never to the page. */
const insideEditor = (target: EventTarget | null) => isTypingTarget(target) || (target instanceof Element && target.closest('.monaco-frame') !== null);

/** A coding agent's run as an editable timeline: steps on the left, the selected step in the centre, the judgement on the right. */
export function TrajectoryWorkspace({ payload }: { payload: TrajectoryPayload }) {
  const annotation = useTrajectoryAnnotation();
  const readOnly = useDraftStore((s) => s.readOnly);
  const pane = useTrajectoryView((s) => s.pane);
  const selected = useTrajectoryView((s) => s.selected);
  const [submitProblem, setSubmitProblem] = useState<string | null>(null);
  const steps = useMemo(() => (annotation ? effectiveSteps(payload, annotation) : []), [payload, annotation]);
  const patch = annotation ? effectivePatch(payload, annotation) : payload.patch;

  useEffect(() => {
    useTrajectoryView.getState().reset();
    if (payload.steps.length === 0) useTrajectoryView.getState().show('problem');
  }, [payload]);
  useEffect(() => {
    if (selected >= steps.length && steps.length > 0) useTrajectoryView.getState().select(steps.length - 1);
  }, [selected, steps.length]);
  // A reason not to submit is about the run as it was; any change to the run clears it.
  useEffect(() => setSubmitProblem(null), [annotation]);

  const submit = useCallback(async () => {
    const a = useDraftStore.getState().annotation;
    if (a?.kind !== 'trajectory' || useDraftStore.getState().readOnly) return;
    const run = effectiveSteps(payload, a);
    const unlabelled = run.filter((s) => s.origin !== 'new' && !a.stepLabels[s.step.id]);
    const check = checkPatch(effectivePatch(payload, a), payload.repository.files);
    const problem =
      run.length === 0
        ? 'Write at least one step of the run before you submit (a to add one).'
        : unlabelled.length > 0
        ? `Label every step of the agent's run before you submit: step ${unlabelled.map((s) => s.number).slice(0, 8).join(', ')}${unlabelled.length > 8 ? '…' : ''} ${unlabelled.length === 1 ? 'has' : 'have'} no label.`
        : !check.ok
          ? `The final patch does not parse: ${check.parseError}`
          : check.files.some((f) => f.status === 'hostile')
            ? 'The final patch touches a path outside the repository; fix its file names before you submit.'
            : check.files.some((f) => f.status === 'fails')
              ? 'A hunk of the final patch does not apply to the base files; fix it before you submit.'
              : null;
    setSubmitProblem(problem);
    if (problem === null && (await useDraftStore.getState().submit())) {
      // Out of any editor, so Escape leads back to the inbox.
      document.querySelector<HTMLElement>('.timeline-list')?.focus();
    }
  }, [payload]);

  const addStep = useCallback(() => {
    let id = '';
    editTrajectory((a) => {
      const added = addNewStep(a);
      id = added.id;
      return added.annotation;
    });
    if (id === '') return;
    const view = useTrajectoryView.getState();
    view.select(steps.length);
    view.setEditing(id);
    requestAnimationFrame(() => document.querySelector<HTMLElement>('#step-thought-editor')?.focus());
  }, [steps.length]);

  // A layout effect: the keys work from the first frame the run is visible.
  useLayoutEffect(() => {
    const ctx: KeymapContext = { steps, readOnly, submit: () => void submit(), addStep };
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isOverlayOpen()) return;
      const binding = bindingFor(e);
      if (!binding) return;
      if (!binding.ctrl && insideEditor(e.target)) return;
      if (readOnly && !binding.whileReadOnly) return;
      e.preventDefault();
      // Ctrl+Enter is Monaco's "insert line below": take it before the editor sees it.
      if (binding.ctrl) e.stopPropagation();
      binding.run(ctx);
    };
    // Capture phase, so the page's Ctrl keys win over an editor's own bindings.
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [steps, readOnly, submit, addStep]);

  if (!annotation) return null;
  const current = steps[Math.min(selected, steps.length - 1)];
  const labelled = steps.filter((s) => annotation.stepLabels[s.step.id]).length;
  const firstWrong = steps.find((s) => s.step.id === annotation.firstWrongStepId);

  return (
    <div
      className="trajectory-workspace"
      onKeyDown={(e) => {
        // Escape inside an editor leaves the editor, not the task.
        if (e.key === 'Escape' && insideEditor(e.target)) e.preventDefault();
      }}
    >
      <Timeline steps={steps} annotation={annotation} />
      <main className="trajectory-centre" aria-label="Trajectory">
        <div className="pane-tabs" role="tablist" aria-label="View">
          {(
            [
              ['problem', 'Problem', 'i'],
              ['step', current ? `Step ${current.number}` : 'Step', 's'],
              ['patch', 'Final patch', 'p'],
            ] as const
          ).map(([id, text, key]) => (
            <button key={id} type="button" role="tab" aria-selected={pane === id} className={`pane-tab${pane === id ? ' active' : ''}`} onClick={() => useTrajectoryView.getState().show(id)}>
              {text} <kbd>{key}</kbd>
            </button>
          ))}
          <span className="spacer" />
          <span className="muted repo-line">
            {payload.repository.name}
            {payload.repository.baseCommit ? ` @ ${payload.repository.baseCommit.slice(0, 10)}` : ''}
            {payload.instanceId ? ` · ${payload.instanceId}` : ''}
          </span>
        </div>
        <div className="pane-body" role="tabpanel">
          {pane === 'problem' && (
            <section className="problem-view" aria-label="Problem statement">
              <ModelMarkdown text={payload.problemStatement} />
            </section>
          )}
          {pane === 'step' &&
            (current ? (
              <StepView runStep={current} total={steps.length} readOnly={readOnly} />
            ) : (
              <p className="muted">No steps. Add the first one with <kbd>a</kbd>.</p>
            ))}
          {pane === 'patch' && <PatchPanel payload={payload} patch={patch} readOnly={readOnly} />}
        </div>
      </main>
      <aside className="trajectory-side" aria-label="Judgement and submit">
        <StepJudgement
          runStep={current}
          annotation={annotation}
          readOnly={readOnly}
          stepCount={steps.length}
          rewriteAfter={steps.find((s) => s.step.id === annotation.truncateAfterStepId)?.number ?? null}
          onAddStep={addStep}
        />
        <section className="run-summary" aria-label="Run summary">
          <h2>Run</h2>
          <p>
            {labelled} of {steps.length} steps labelled
          </p>
          <p>First wrong step: {firstWrong ? `step ${firstWrong.number}` : 'none marked'}</p>
          {submitProblem && (
            <p className="field-error" role="alert">
              {submitProblem}
            </p>
          )}
          {!readOnly && (
            <button type="button" className="button primary submit-button" onClick={() => void submit()}>
              Submit <kbd>Ctrl</kbd>
              <kbd>Enter</kbd>
            </button>
          )}
        </section>
      </aside>
    </div>
  );
}
