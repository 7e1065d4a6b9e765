import { memo, useMemo } from 'react';
import type { ReasoningStep, StepRating } from '@shared/domain';
import { checkCalculatorAnnotations } from '@shared/reasoning';
import { ModelMarkdown } from '../../ui/markdown/ModelMarkdown';
import { CommentBadge } from '../comments/CommentBadge';
import { commentTargetProps } from '../comments/commentTargets';
import { CalculatorMarks } from './CalculatorMarks';
import { RATINGS } from './ratingLabels';

export type StepState = 'gradable' | 'not_graded' | 'replaced';

interface Props {
  step: ReasoningStep;
  index: number;
  rating: StepRating | undefined;
  flagged: boolean;
  state: StepState;
  isFirstError: boolean;
  isRewriteAnchor: boolean;
  current: boolean;
  readOnly: boolean;
  error: string | undefined;
  seconds: number | undefined;
  onRate(stepId: string, rating: StepRating): void;
  onFlag(stepId: string): void;
  onRewrite(stepId: string): void;
}

const STATE_NOTE: Record<StepState, string | null> = {
  gradable: null,
  not_graded: 'Not graded: after the first error',
  replaced: 'Replaced by your rewrite',
};

export const formatSeconds = (s: number) => `${Math.floor(s / 60)}:${String(Math.round(s) % 60).padStart(2, '0')}`;

/** One step of the model's solution: typeset, with its rating, flag and "rewrite from here". */
export const ModelStepCard = memo(function ModelStepCard(p: Props) {
  const calculations = useMemo(() => checkCalculatorAnnotations(p.step.content), [p.step.content]);
  const label = `Step ${p.index + 1}`;
  const ratingText = p.rating === undefined ? 'not rated' : (RATINGS.find((r) => r.value === p.rating)?.label ?? '');
  const classes = ['step-card', 'model-step', `state-${p.state}`];
  if (p.rating !== undefined) classes.push(`rated-${p.rating === 1 ? 'plus' : p.rating === 0 ? 'zero' : 'minus'}`);
  if (p.isFirstError) classes.push('first-error');
  if (p.error) classes.push('has-error');
  return (
    <section
      className={classes.join(' ')}
      data-step-id={p.step.id}
      data-step-kind="model"
      tabIndex={p.current ? 0 : -1}
      aria-label={`${label}, ${ratingText}${p.flagged ? ', flagged' : ''}${STATE_NOTE[p.state] ? `, ${STATE_NOTE[p.state]!.toLowerCase()}` : ''}`}
    >
      <header className="step-header">
        <span className="step-number">{p.index + 1}</span>
        {STATE_NOTE[p.state] && <span className="step-note">{STATE_NOTE[p.state]}</span>}
        {p.isFirstError && <span className="first-error-badge">First error</span>}
        {p.flagged && <span className="flag-badge">⚑ Flagged</span>}
        {p.seconds !== undefined && p.readOnly && <span className="step-time">{formatSeconds(p.seconds)}</span>}
        <CommentBadge anchor={{ kind: 'step', stepId: p.step.id }} label={label.toLowerCase()} />
        <span className="spacer" />
        {!p.readOnly && p.state !== 'not_graded' && (
          <div className="rating-buttons" role="group" aria-label={`Rate ${label.toLowerCase()}`}>
            {RATINGS.map((r) => (
              <button
                key={r.value}
                type="button"
                tabIndex={-1}
                className={`rating-button rating-${r.className}`}
                aria-pressed={p.rating === r.value}
                title={`${r.label} (${r.keys})`}
                onClick={() => p.onRate(p.step.id, r.value)}
              >
                {r.symbol}
              </button>
            ))}
          </div>
        )}
        {p.readOnly && p.rating !== undefined && <span className={`rating-chip rating-${RATINGS.find((r) => r.value === p.rating)!.className}`}>{RATINGS.find((r) => r.value === p.rating)!.symbol}</span>}
        {!p.readOnly && (
          <>
            <button type="button" tabIndex={-1} className="link-button" aria-pressed={p.flagged} onClick={() => p.onFlag(p.step.id)} title="Flag for a reviewer (f)">
              ⚑<span className="visually-hidden"> Flag</span>
            </button>
            {!p.isRewriteAnchor && (
              <button type="button" tabIndex={-1} className="link-button" onClick={() => p.onRewrite(p.step.id)} title="Rewrite from this step (r)">
                Rewrite from here
              </button>
            )}
          </>
        )}
      </header>
      <div className="step-body" {...commentTargetProps({ kind: 'step', stepId: p.step.id }, label)}>
        <ModelMarkdown text={p.step.content} />
      </div>
      <CalculatorMarks checks={calculations} />
      {p.error && <p className="field-error">{p.error}</p>}
      {p.isFirstError && !p.readOnly && !p.isRewriteAnchor && <p className="hint">Press <kbd>r</kbd> to rewrite the solution from this step.</p>}
    </section>
  );
});
