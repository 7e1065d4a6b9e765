import { CITATION_NAME, nextCitationName, pinCitationNames } from '../domain/citationNames';
import type { HighlightSpan, RankingAnnotation } from '../domain';

/**
 * Short citable names of highlights (A1, A2, B1...), keyed by span id. Names are stored on the highlights and
 * never renumbered: removing A1 leaves A2 and A3 as they were.
 */
export const spanCitations = (annotation: RankingAnnotation): Map<string, string> =>
  new Map(pinCitationNames(annotation).spans.map((span) => [span.id, span.name ?? '?']));

/** Adds a highlight under a name never used before in this draft. */
export const addHighlight = (annotation: RankingAnnotation, span: Omit<HighlightSpan, 'name'>): RankingAnnotation => {
  const pinned = pinCitationNames(annotation);
  const { name, citationCounters } = nextCitationName(pinned, span.responseId);
  return { ...pinned, citationCounters, spans: [...pinned.spans, { ...span, name }] };
};

/** Removes a highlight; the others keep their names, and its name is retired. */
export const removeHighlight = (annotation: RankingAnnotation, spanId: string): RankingAnnotation => {
  const pinned = pinCitationNames(annotation);
  return { ...pinned, spans: pinned.spans.filter((s) => s.id !== spanId) };
};

export interface StaleCitation {
  /** As written, without brackets: `A1`. */
  name: string;
  /** Where in the justification each `[A1]` starts (UTF-16 offsets). */
  offsets: number[];
  /** True when the name was a highlight of this draft that has been removed; false when it never was one. */
  removed: boolean;
}

const CITED = /\[([A-Z]{1,3}[1-9]\d{0,5})\]/g;

/** The justification's citations that name no current highlight, in order of first use. */
export const staleCitations = (annotation: RankingAnnotation): StaleCitation[] => {
  const pinned = pinCitationNames(annotation);
  const current = new Set(pinned.spans.map((s) => s.name));
  const found = new Map<string, StaleCitation>();
  for (const match of pinned.justification.matchAll(CITED)) {
    const name = match[1]!;
    if (current.has(name)) continue;
    const parts = CITATION_NAME.exec(name);
    const removed = parts !== null && Number(parts[2]) <= (pinned.citationCounters?.[parts[1]!] ?? 0);
    const entry = found.get(name) ?? { name, offsets: [], removed };
    entry.offsets.push(match.index);
    found.set(name, entry);
  }
  return [...found.values()];
};
