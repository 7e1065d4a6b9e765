import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { TrajectoryAnnotation } from '@shared/domain';
import { actionSummary, formatElapsed, toolOf, type RunStep } from '@shared/trajectory';
import { useTrajectoryView } from './useTrajectory';

const ROW_HEIGHT = 52;
const LABEL_TEXT = { good: 'good', neutral: 'neutral', bad: 'bad' } as const;

/** Every step of the (corrected) run, virtualized: a run can have hundreds. */
export function Timeline({ steps, annotation }: { steps: readonly RunStep[]; annotation: TrajectoryAnnotation }) {
  const parent = useRef<HTMLDivElement>(null);
  const selected = useTrajectoryView((s) => s.selected);
  const pane = useTrajectoryView((s) => s.pane);
  const virtualizer = useVirtualizer({ count: steps.length, getScrollElement: () => parent.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });

  useEffect(() => {
    if (steps.length > 0) virtualizer.scrollToIndex(Math.min(selected, steps.length - 1), { align: 'auto' });
  }, [selected, steps.length, virtualizer]);

  const activeId = steps[selected] ? `timeline-row-${steps[selected].step.id}` : undefined;
  return (
    <nav className="timeline" aria-label="Run">
      <div className="timeline-heading">
        <h2>Steps</h2>
        <span className="muted">{steps.length}</span>
      </div>
      <div
        ref={parent}
        className="timeline-list"
        role="listbox"
        aria-label="Steps"
        tabIndex={0}
        aria-activedescendant={pane === 'step' ? activeId : undefined}
        data-testid="timeline"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const runStep = steps[item.index] as RunStep;
            const { step } = runStep;
            const label = annotation.stepLabels[step.id];
            const isSelected = item.index === selected;
            const wrong = annotation.firstWrongStepId === step.id;
            return (
              <div
                key={step.id}
                id={`timeline-row-${step.id}`}
                role="option"
                aria-selected={isSelected}
                data-step-id={step.id}
                className={`timeline-row${isSelected ? ' selected' : ''}${wrong ? ' first-wrong' : ''} origin-${runStep.origin}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: item.size, transform: `translateY(${item.start}px)` }}
                onClick={() => useTrajectoryView.getState().select(item.index)}
              >
                <span className="row-number">{runStep.number}</span>
                <span className="row-main">
                  <span className="row-top">
                    <span className="tool-chip">{toolOf(step)}</span>
                    {wrong && <span className="first-wrong-flag">first wrong</span>}
                    {runStep.origin !== 'original' && <span className={`origin-badge origin-${runStep.origin}`}>{runStep.origin === 'new' ? 'new' : 'edited'}</span>}
                    {annotation.stepComments[step.id] && <span className="comment-flag" aria-label="has a comment">✎</span>}
                    <span className="row-elapsed">{formatElapsed(step.elapsedSeconds)}</span>
                  </span>
                  <span className="row-summary">{actionSummary(step) || '—'}</span>
                </span>
                <span className={`label-chip label-${label ?? 'none'}`}>{label ? LABEL_TEXT[label] : 'unlabelled'}</span>
              </div>
            );
          })}
        </div>
      </div>
    </nav>
  );
}
