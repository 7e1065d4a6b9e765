import { forwardRef, memo, useCallback, useEffect, useRef, type UIEvent } from 'react';
import type { CandidateResponse, HighlightSpan } from '@shared/domain';
import { ModelMarkdown } from '../../ui/markdown/ModelMarkdown';
import { CommentBadge } from '../comments/CommentBadge';
import { commentTargetProps } from '../comments/commentTargets';
import { dispatchKey } from '../shortcuts/keymap';
import { rankIn, rankResponseKeymap } from './rankingKeymap';
import type { PendingSelection } from './SpanComposer';
import { clearSpans, paintSpans } from './spanHighlights';

interface Props {
  response: CandidateResponse;
  label: string;
  rank: number | undefined;
  responseCount: number;
  spans: HighlightSpan[];
  readOnly: boolean;
  hasError: boolean;
  onRank(rank: number | null): void;
  onSelectText(selection: PendingSelection): void;
  onScroll?(e: UIEvent<HTMLDivElement>): void;
}

/**
 * One blinded response. Focus it and press 1..N to rank it (equal numbers tie), 0 or Backspace to unrank.
 * Memoized on its own props, so typing elsewhere never re-renders the markdown.
 */
export const ResponseColumn = memo(
  forwardRef<HTMLDivElement, Props>(function ResponseColumn(props, bodyRef) {
    const { response, label, rank, responseCount, spans, readOnly, hasError, onRank, onSelectText, onScroll } = props;
    const contentRef = useRef<HTMLDivElement>(null);
    const paint = useCallback(
      () =>
        paintSpans(response.id, contentRef.current, response.content, spans),
      [response, spans],
    );
    useEffect(paint, [paint]);
    useEffect(() => () => clearSpans(response.id), [response.id]);
    const rankKeys = { rank: (press: Parameters<typeof rankIn>[0]) => rankIn(press, responseCount, onRank), unrank: () => onRank(null) };

    return (
      <section className={`response-column${hasError ? ' has-error' : ''}`} aria-label={`Response ${label}`} data-response-label={label}>
        <header className="response-header">
          <h2 className="blind-label">Response {label}</h2>
          <span className={`rank-badge${rank ? '' : ' unranked'}`} aria-label={rank ? `Rank ${rank}` : 'Not ranked'}>
            {rank ? `#${rank}` : 'unranked'}
          </span>
          <span className="response-size">{response.content.length.toLocaleString()} chars</span>
          <CommentBadge anchor={{ kind: 'response', responseId: response.id }} label={`response ${label}`} />
        </header>
        <div
          ref={bodyRef}
          className="response-body"
          tabIndex={0}
          aria-label={`Text of response ${label}. Press 1 to ${responseCount} to rank it, 0 to unrank.`}
          onScroll={onScroll}
          onKeyDown={(e) => {
            if (readOnly || e.target !== e.currentTarget) return;
            dispatchKey(rankResponseKeymap, rankKeys, e);
          }}
          onMouseUp={() => {
            const selection = window.getSelection();
            const text = selection?.toString() ?? '';
            const root = contentRef.current;
            if (!selection || !root || readOnly || text.trim().length === 0 || selection.rangeCount === 0) return;
            const range = selection.getRangeAt(0);
            if (!root.contains(range.startContainer)) return;
            const before = document.createRange();
            before.selectNodeContents(root);
            before.setEnd(range.startContainer, range.startOffset);
            onSelectText({
              responseId: response.id,
              text,
              rect: range.getBoundingClientRect(),
              renderedText: root.textContent ?? '',
              renderedOffset: before.toString().length,
            });
          }}
        >
          <div ref={contentRef} {...commentTargetProps({ kind: 'response', responseId: response.id }, `Response ${label}`)}>
            <ModelMarkdown text={response.content} onComplete={paint} />
          </div>
        </div>
      </section>
    );
  }),
);
