import type { RankingAnnotation, CandidateResponse } from '@shared/domain';
import { removeHighlight, spanCitations } from '@shared/ranking';
import { editRanking } from './useRanking';

interface Props {
  annotation: RankingAnnotation;
  responses: CandidateResponse[];
  readOnly: boolean;
  onCite(citation: string): void;
}

/** The highlighted spans, each citable in the justification by its short name. */
export function SpanList({ annotation, responses, readOnly, onCite }: Props) {
  if (annotation.spans.length === 0) {
    return <p className="hint">Select text in a response to highlight it with a label (hallucination, error…).</p>;
  }
  const names = spanCitations(annotation);
  const contentOf = new Map(responses.map((r) => [r.id, r.content]));
  return (
    <ul className="span-list" aria-label="Highlights">
      {annotation.spans.map((span) => {
        const quote = (contentOf.get(span.responseId) ?? '').slice(span.start, span.end);
        const name = names.get(span.id) ?? '?';
        return (
          <li key={span.id} className={`span-item span-${span.label}`}>
            <span className="span-name">{name}</span>
            <span className="span-label">{span.label}</span>
            <q className="span-quote">{quote.length > 90 ? `${quote.slice(0, 90)}…` : quote}</q>
            {span.comment && <span className="span-comment">{span.comment}</span>}
            <span className="span-actions">
              <button type="button" className="link-button" disabled={readOnly} onClick={() => onCite(`[${name}]`)}>
                Cite
              </button>
              <button
                type="button"
                className="link-button"
                disabled={readOnly}
                aria-label={`Remove highlight ${name}`}
                onClick={() => editRanking((a) => removeHighlight(a, span.id))}
              >
                Remove
              </button>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
