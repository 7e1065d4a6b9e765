import type { TaskPayload } from '@shared/domain';

/**
 * A plain, read-only view of a task per kind, until each kind's workspace lands.
 * Model text is untrusted: it is only ever rendered as React text, never as HTML.
 */
export function TaskPayloadView({ payload }: { payload: TaskPayload }) {
  switch (payload.kind) {
    case 'ranking':
      return (
        <div className="payload ranking-preview">
          <section aria-label="Conversation" className="conversation">
            {payload.conversation.map((m, i) => (
              <div key={i} className={`message role-${m.role}`}>
                <div className="message-role">{m.role}</div>
                <div className="plain-text">{m.content}</div>
              </div>
            ))}
          </section>
          <div className="response-columns" style={{ gridTemplateColumns: `repeat(${Math.min(payload.responses.length, 4)}, minmax(0, 1fr))` }}>
            {payload.responses.map((r, i) => (
              <section key={r.id} className="response-card" aria-label={`Response ${String.fromCharCode(65 + i)}`}>
                <h2 className="blind-label">Response {String.fromCharCode(65 + i)}</h2>
                <div className="plain-text">{r.content}</div>
              </section>
            ))}
          </div>
        </div>
      );
    case 'reasoning':
      return (
        <div className="payload reasoning-preview">
          <section aria-label="Problem" className="problem plain-text">
            {payload.problem}
          </section>
          <ol className="steps">
            {payload.modelSteps.map((s) => (
              <li key={s.id} className="plain-text">
                {s.content}
              </li>
            ))}
          </ol>
          {payload.modelAnswer && <p className="model-answer">Model answer: {payload.modelAnswer}</p>}
        </div>
      );
    case 'trajectory':
      return (
        <div className="payload trajectory-preview">
          <section aria-label="Problem statement" className="problem plain-text">
            {payload.problemStatement}
          </section>
          <ol className="timeline">
            {payload.steps.map((s) => (
              <li key={s.id} className="timeline-step">
                {s.thought && <p className="plain-text thought">{s.thought}</p>}
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
