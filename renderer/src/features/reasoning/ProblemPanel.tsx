import { memo } from 'react';
import type { ReasoningPayload } from '@shared/domain';
import { ModelMarkdown } from '../../ui/markdown/ModelMarkdown';

/** The problem, typeset, collapsible (p); the reference answer when the task lets the expert see it. */
export const ProblemPanel = memo(function ProblemPanel({ payload, open, onToggle }: { payload: ReasoningPayload; open: boolean; onToggle(open: boolean): void }) {
  return (
    <section className="problem-panel" aria-label="Problem">
      <div className="panel-header">
        <h2>Problem</h2>
        <button type="button" className="link-button" aria-expanded={open} aria-controls="problem-body" onClick={() => onToggle(!open)}>
          {open ? 'Hide' : 'Show'} <kbd>p</kbd>
        </button>
      </div>
      <div id="problem-body" className="problem-body" hidden={!open}>
        <ModelMarkdown text={payload.problem} />
        {payload.showReference && payload.referenceSolution && (
          <details className="reference-solution">
            <summary>Reference solution</summary>
            <ModelMarkdown text={payload.referenceSolution} />
          </details>
        )}
      </div>
    </section>
  );
});
