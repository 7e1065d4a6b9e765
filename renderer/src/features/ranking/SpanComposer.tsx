import { useEffect, useRef, useState } from 'react';
import type { RankingPayload } from '@shared/domain';
import { addHighlight, anchorSelection } from '@shared/ranking';
import { useAppStore } from '../../state/appStore';
import { editRanking } from './useRanking';

export interface PendingSelection {
  responseId: string;
  text: string;
  rect: DOMRect;
  /** The column's rendered text and where the selection starts in it, to tell repeated words apart. */
  renderedText: string;
  renderedOffset: number;
}

/** The small form that turns a text selection into a labelled highlight. */
export function SpanComposer({ selection, payload, onDone }: { selection: PendingSelection; payload: RankingPayload; onDone(): void }) {
  const [label, setLabel] = useState(payload.rubric.spanLabels[0] ?? 'error');
  const [comment, setComment] = useState('');
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);

  const save = () => {
    const content = payload.responses.find((r) => r.id === selection.responseId)?.content ?? '';
    const at = anchorSelection(content, selection.text, selection.renderedText, selection.renderedOffset);
    if (!at) {
      useAppStore
        .getState()
        .notify('error', 'That selection crosses formatting or math, so it cannot be anchored in the response text. Select a run of plain text.');
      return onDone();
    }
    editRanking((a) => addHighlight(a, { id: crypto.randomUUID(), responseId: selection.responseId, ...at, label, comment: comment.trim() }));
    window.getSelection()?.removeAllRanges();
    onDone();
  };

  const top = Math.min(selection.rect.bottom + 8, window.innerHeight - 180);
  const left = Math.min(Math.max(8, selection.rect.left), window.innerWidth - 330);
  return (
    <form
      className="span-composer"
      style={{ top, left }}
      aria-label="New highlight"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onDone();
        }
      }}
    >
      <q className="span-quote">{selection.text.length > 80 ? `${selection.text.slice(0, 80)}…` : selection.text}</q>
      <label>
        Label
        <select ref={first} value={label} onChange={(e) => setLabel(e.target.value)}>
          {payload.rubric.spanLabels.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </label>
      <label>
        Comment
        <input type="text" value={comment} onChange={(e) => setComment(e.target.value)} placeholder="Optional: what is wrong here" />
      </label>
      <div className="composer-actions">
        <button type="button" className="button ghost" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button primary">
          Add highlight
        </button>
      </div>
    </form>
  );
}
