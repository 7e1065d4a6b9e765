import { ModelMarkdown } from '../../ui/markdown/ModelMarkdown';
import type { TaskPayload } from '@shared/domain';

/**
 * A read-only view of the kinds whose workspace has not landed yet (reasoning, trajectory).
 * Model text is untrusted: markdown through ModelMarkdown, tool output as plain text.
 */
export function TaskPayloadView({ payload }: { payload: Exclude<TaskPayload, { kind: 'ranking' }> }) {
  switch (payload.kind) {
    case 'reasoning':
      return (
        <div className="payload reasoning-preview">
          <section aria-label="Problem" className="problem">
            <ModelMarkdown text={payload.problem} />
          </section>
          <ol className="steps">
            {payload.modelSteps.map((s) => (
              <li key={s.id}>
                <ModelMarkdown text={s.content} />
              </li>
            ))}
          </ol>
          {payload.modelAnswer && <p className="model-answer">Model answer: {payload.modelAnswer}</p>}
        </div>
      );
    case 'trajectory':
      return (
        <div className="payload trajectory-preview">
          <section aria-label="Problem statement" className="problem">
            <ModelMarkdown text={payload.problemStatement} />
          </section>
          <ol className="timeline">
            {payload.steps.map((s) => (
              <li key={s.id} className="timeline-step">
                {s.thought && <ModelMarkdown text={s.thought} />}
                {s.action && <pre className="action">{s.action}</pre>}
                {s.observation && <pre className="observation">{s.observation}</pre>}
                {s.edits.map((e) => (
                  <p key={e.path} className="edit-path">
                    edits {e.path}
                  </p>
                ))}
              </li>
            ))}
          </ol>
        </div>
      );
  }
}
