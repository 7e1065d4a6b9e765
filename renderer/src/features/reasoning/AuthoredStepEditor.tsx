import { memo, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { ReasoningStep } from '@shared/domain';
import { checkCalculatorAnnotations } from '@shared/reasoning';
import { ModelMarkdown } from '../../ui/markdown/ModelMarkdown';
import { CalculatorMarks } from './CalculatorMarks';
import { formatSeconds } from './ModelStepCard';
import { usePasteSignal } from '../workspace/usePasteSignal';
import { latexErrors } from './latexErrors';

const PREVIEW_DELAY_MS = 150;

export type StepCommand = 'newStep' | 'split' | 'merge' | 'moveUp' | 'moveDown' | 'deleteStep';

interface Props {
  step: ReasoningStep;
  index: number;
  count: number;
  current: boolean;
  readOnly: boolean;
  error: string | undefined;
  seconds: number | undefined;
  onChange(id: string, content: string): void;
  onCommand(id: string, command: StepCommand, caret: number): void;
  onEditorKey(e: React.KeyboardEvent<HTMLTextAreaElement>, id: string): void;
}

/** The text as the expert last paused typing: the preview re-typesets only then, and only this step. */
function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (value === settled) return;
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, settled, ms]);
  return settled;
}

/** One of the expert's own steps: an editor with its live typeset preview below. */
export const AuthoredStepEditor = memo(function AuthoredStepEditor(p: Props) {
  const [text, setText] = useState(p.step.content);
  const area = useRef<HTMLTextAreaElement>(null);
  const onPaste = usePasteSignal(`step:${p.step.id}`);
  const sent = useRef(p.step.content);
  // Undo, redo and merges change the stored text: the editor follows, but never back to a text it has typed past.
  useEffect(() => {
    if (p.step.content === sent.current) return;
    sent.current = p.step.content;
    setText(p.step.content);
  }, [p.step.content]);
  const settled = useDeferredValue(useDebounced(text, PREVIEW_DELAY_MS));
  const errors = useMemo(() => latexErrors(settled), [settled]);
  const calculations = useMemo(() => checkCalculatorAnnotations(settled), [settled]);
  const label = `Your step ${p.index + 1}`;
  const caret = () => area.current?.selectionStart ?? text.length;
  const button = (command: StepCommand, symbol: string, title: string, disabled = false) => (
    <button type="button" className="link-button step-tool" tabIndex={-1} disabled={disabled} title={title} aria-label={title} onClick={() => p.onCommand(p.step.id, command, caret())}>
      {symbol}
    </button>
  );
  return (
    <section
      className={`step-card authored-step${p.error ? ' has-error' : ''}`}
      data-step-id={p.step.id}
      data-step-kind="authored"
      tabIndex={p.current ? 0 : -1}
      aria-label={label}
    >
      <header className="step-header">
        <span className="step-number authored">✎ {p.index + 1}</span>
        <span className="step-note">{label}</span>
        {p.seconds !== undefined && p.readOnly && <span className="step-time">{formatSeconds(p.seconds)}</span>}
        <span className="spacer" />
        {!p.readOnly && (
          <div className="step-tools" role="group" aria-label={`${label} tools`}>
            {button('moveUp', '↑', 'Move up (Alt+↑)', p.index === 0)}
            {button('moveDown', '↓', 'Move down (Alt+↓)', p.index === p.count - 1)}
            {button('split', 'Split', 'Split at the cursor (Alt+S)')}
            {button('merge', 'Merge up', 'Merge into the step above (Alt+M)', p.index === 0)}
            {button('deleteStep', 'Delete', 'Delete this step (Alt+Shift+D)', p.count <= 1)}
            {button('newStep', '+ step', 'New step below (Alt+Enter)')}
          </div>
        )}
      </header>
      {!p.readOnly && (
        <textarea
          ref={area}
          className="step-editor"
          aria-label={label}
          spellCheck={false}
          value={text}
          placeholder="Write the step; LaTeX between $…$ or $$…$$"
          onPaste={onPaste}
          onChange={(e) => {
            sent.current = e.target.value;
            setText(e.target.value);
            p.onChange(p.step.id, e.target.value);
          }}
          onKeyDown={(e) => p.onEditorKey(e, p.step.id)}
        />
      )}
      <div className="step-body step-preview" role="group" aria-label={`${label} preview`}>
        {settled.trim() === '' ? <p className="hint">{p.readOnly ? '(empty)' : 'The typeset step appears here.'}</p> : <ModelMarkdown text={settled} />}
      </div>
      {errors.length > 0 && (
        <ul className="latex-errors" aria-label="LaTeX errors">
          {errors.map((e, i) => (
            <li key={i}>
              LaTeX error in <code>{e.tex.length > 40 ? `${e.tex.slice(0, 40)}…` : e.tex}</code>: {e.message}
            </li>
          ))}
        </ul>
      )}
      <CalculatorMarks checks={calculations} />
      {p.error && <p className="field-error">{p.error}</p>}
    </section>
  );
});
