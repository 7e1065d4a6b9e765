import type { TrajectoryStep } from '@shared/domain';
import { editorCallOf, languageOf, toolArguments } from '@shared/trajectory';
import { CodeView } from './lazyMonaco';

const heightFor = (text: string) => Math.min(360, Math.max(44, (text.split('\n').length + 1) * 19));

const prettyArguments = (text: string): string => {
  const args = toolArguments(text);
  return args ? JSON.stringify(args, null, 2) : text;
};

/** The action as the agent wrote it: an editor call as path + old/new text, anything else as code in Monaco. */
export function ActionView({ step }: { step: TrajectoryStep }) {
  const editor = editorCallOf(step);
  if (editor) {
    return (
      <div className="editor-call">
        <p className="editor-path">
          <span className="tool-chip">{editor.command}</span> <code>{editor.path}</code>
        </p>
        {editor.oldText !== null && (
          <>
            <h4>Old text</h4>
            <pre className="old-text">{editor.oldText}</pre>
          </>
        )}
        {editor.newText !== null && (
          <>
            <h4>{editor.oldText === null ? 'Text' : 'New text'}</h4>
            <pre className="new-text">{editor.newText}</pre>
          </>
        )}
      </div>
    );
  }
  return (
    <>
      {step.action !== '' ? (
        <CodeView value={step.action} language={languageOf(step)} label="Action" readOnly height={heightFor(step.action)} />
      ) : (
        <p className="muted">No action: the agent only wrote a message.</p>
      )}
      {step.toolCalls.length > 0 && (
        <details className="tool-calls">
          <summary>
            Tool call{step.toolCalls.length > 1 ? 's' : ''}: {step.toolCalls.map((c) => c.name).join(', ')}
          </summary>
          {step.toolCalls.map((c, i) => (
            <pre key={`${c.id}-${i}`} className="tool-call-args" aria-label={`Arguments of ${c.name}`}>
              {prettyArguments(c.arguments)}
            </pre>
          ))}
        </details>
      )}
    </>
  );
}
