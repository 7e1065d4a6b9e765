import { forwardRef, useMemo, useRef, type ReactNode } from 'react';
import type { RankingAnnotation } from '@shared/domain';
import { staleCitations, type StaleCitation } from '@shared/ranking';
import { CommentBadge } from '../comments/CommentBadge';
import { commentTargetProps } from '../comments/commentTargets';
import { usePasteSignal } from '../workspace/usePasteSignal';
import { useDraftStore } from '../workspace/draftStore';
import { editRanking } from './useRanking';

interface Props {
  minLength: number;
  readOnly: boolean;
  error: string | undefined;
}

const NO_SPANS: RankingAnnotation['spans'] = [];
const NO_ORDER: string[] = [];

/** The justification's text with each citation of a removed (or unknown) highlight wrapped in a mark. */
const markedText = (text: string, stale: readonly StaleCitation[]): ReactNode[] => {
  const cuts = stale.flatMap((c) => c.offsets.map((at) => ({ at, end: at + c.name.length + 2, removed: c.removed }))).sort((a, b) => a.at - b.at);
  const parts: ReactNode[] = [];
  let from = 0;
  for (const cut of cuts) {
    parts.push(text.slice(from, cut.at));
    parts.push(
      <mark key={cut.at} className={cut.removed ? 'stale-citation' : 'unknown-citation'}>
        {text.slice(cut.at, cut.end)}
      </mark>,
    );
    from = cut.end;
  }
  // A trailing newline needs a character after it, or the backdrop ends a line short of the textarea.
  parts.push(`${text.slice(from)}\u200b`);
  return parts;
};

/**
 * Subscribes to the justification and the highlights alone: typing here re-renders nothing else. Citations of highlights that no
 * longer exist are marked in place (a backdrop under the transparent textarea) and listed under it.
 */
export const Justification = forwardRef<HTMLTextAreaElement, Props>(function Justification({ minLength, readOnly, error }, ref) {
  const text = useDraftStore((s) => (s.annotation?.kind === 'ranking' ? s.annotation.justification : ''));
  // What citations can name: the highlights and the names ever given (not ranks or ratings, so those re-render nothing here).
  const spans = useDraftStore((s) => (s.annotation?.kind === 'ranking' ? s.annotation.spans : NO_SPANS));
  const citationCounters = useDraftStore((s) => (s.annotation?.kind === 'ranking' ? s.annotation.citationCounters : undefined));
  const displayOrder = useDraftStore((s) => (s.annotation?.kind === 'ranking' ? s.annotation.displayOrder : NO_ORDER));
  const stale = useMemo(
    () => staleCitations({ kind: 'ranking', displayOrder, ranks: {}, graded: null, ratings: {}, flags: { allBad: false, notRankable: false }, spans, citationCounters, justification: text }),
    [displayOrder, spans, citationCounters, text],
  );
  const backdrop = useRef<HTMLDivElement>(null);
  const length = text.trim().length;
  const onPaste = usePasteSignal('justification');
  const removed = stale.filter((c) => c.removed);
  const unknown = stale.filter((c) => !c.removed);
  return (
    <div
      className={`judgement-block justification${error || removed.length > 0 ? ' has-error' : ''}`}
      {...commentTargetProps({ kind: 'justification', field: 'justification' }, 'the justification')}
    >
      <label htmlFor="justification">Justification</label>
      <CommentBadge anchor={{ kind: 'justification', field: 'justification' }} label="the justification" />
      <div className="justification-editor">
        <div className="justification-backdrop" ref={backdrop} aria-hidden="true">
          {markedText(text, stale)}
        </div>
        <textarea
          id="justification"
          ref={ref}
          value={text}
          readOnly={readOnly}
          rows={6}
          aria-invalid={Boolean(error) || removed.length > 0}
          aria-describedby="justification-count justification-citations"
          placeholder="Why this ranking? Cite highlights like [A1]."
          onScroll={(e) => {
            if (backdrop.current) backdrop.current.scrollTop = e.currentTarget.scrollTop;
          }}
          onPaste={onPaste}
          onChange={(e) => editRanking((a) => ({ ...a, justification: e.target.value }), 'justification')}
        />
      </div>
      <p id="justification-count" className={`counter${minLength > 0 && length < minLength ? ' short' : ''}`}>
        {length} {minLength > 0 ? `/ ${minLength} characters minimum` : 'characters'}
      </p>
      <div id="justification-citations">
        {removed.length > 0 && (
          <p className="field-error stale-citations" data-testid="stale-citations">
            Cites removed {removed.length === 1 ? 'highlight' : 'highlights'} {removed.map((c) => `[${c.name}]`).join(', ')}: cite another or delete the
            citation.
          </p>
        )}
        {unknown.length > 0 && (
          <p className="hint unknown-citations">
            {unknown.map((c) => `[${c.name}]`).join(', ')} {unknown.length === 1 ? 'names' : 'name'} no highlight.
          </p>
        )}
      </div>
      {error && <p className="field-error">{error}</p>}
    </div>
  );
});
