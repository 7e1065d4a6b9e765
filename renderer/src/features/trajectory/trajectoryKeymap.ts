import type { StepLabel } from '@shared/domain';
import { rewriteFrom, setStepLabel, toggleFirstWrong, type RunStep } from '@shared/trajectory';
import { TRAJECTORY_KEYS, type TrajectoryKey, type TrajectoryKeyId } from './trajectoryKeys';
import { editTrajectory, useTrajectoryView } from './useTrajectory';

/** What a key handler may use: the corrected run, whether the task is read-only, and submit. */
export interface KeymapContext {
  steps: readonly RunStep[];
  readOnly: boolean;
  submit(): void;
  addStep(): void;
}


const current = (ctx: KeymapContext): RunStep | undefined => ctx.steps[useTrajectoryView.getState().selected];
const move = (ctx: KeymapContext, by: number) => {
  const view = useTrajectoryView.getState();
  if (ctx.steps.length === 0) return;
  view.select(Math.max(0, Math.min(ctx.steps.length - 1, view.selected + by)));
};
const label = (value: StepLabel) => (ctx: KeymapContext) => {
  const step = current(ctx);
  if (step) editTrajectory((a) => setStepLabel(a, step.step.id, a.stepLabels[step.step.id] === value ? null : value));
};
const focusSoon = (selector: string) => requestAnimationFrame(() => document.querySelector<HTMLElement>(selector)?.focus());

/** What each key does; keyed by the ids in trajectoryKeys.ts, so the two cannot drift. */
const HANDLERS: Record<TrajectoryKeyId, (ctx: KeymapContext) => void> = {
  next: (ctx) => move(ctx, 1),
  previous: (ctx) => move(ctx, -1),
  first: (ctx) => move(ctx, -ctx.steps.length),
  last: (ctx) => move(ctx, ctx.steps.length),
  good: label('good'),
  neutral: label('neutral'),
  bad: label('bad'),
  firstWrong: (ctx) => {
    const step = current(ctx);
    if (step) editTrajectory((a) => toggleFirstWrong(a, step.step.id));
  },
  comment: () => focusSoon('#step-comment'),
  edit: (ctx) => {
    const step = current(ctx);
    if (!step) return;
    useTrajectoryView.getState().setEditing(step.step.id);
    focusSoon('#step-thought-editor');
  },
  rewrite: (ctx) => {
    const step = current(ctx);
    if (step && step.origin !== 'new') editTrajectory((a) => rewriteFrom(a, step.step.id));
  },
  add: (ctx) => ctx.addStep(),
  showAll: (ctx) => {
    const step = current(ctx);
    if (step) useTrajectoryView.getState().expand(step.step.id);
  },
  problem: () => useTrajectoryView.getState().show('problem'),
  patch: () => useTrajectoryView.getState().show('patch'),
  step: () => useTrajectoryView.getState().show('step'),
  submit: (ctx) => ctx.submit(),
};

export interface KeyBinding extends TrajectoryKey {
  run(ctx: KeymapContext): void;
}

/** The keymap: the data the `?` list shows, each entry with its handler. */
export const TRAJECTORY_KEYMAP: readonly KeyBinding[] = TRAJECTORY_KEYS.map((k) => ({ ...k, run: HANDLERS[k.id] }));

/** The binding a key press triggers, if any. */
export const bindingFor = (e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): KeyBinding | undefined => {
  const ctrl = e.ctrlKey || e.metaKey;
  if (e.altKey) return undefined;
  return TRAJECTORY_KEYMAP.find((b) => Boolean(b.ctrl) === ctrl && b.keys.includes(e.key));
};
