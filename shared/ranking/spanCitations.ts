import type { RankingAnnotation } from '../domain';
import { blindLabel } from './blindOrder';

/** Short citable names of highlights: the response's blind label and a number (A1, A2, B1...). */
export const spanCitations = (annotation: RankingAnnotation): Map<string, string> => {
  const counts = new Map<string, number>();
  const names = new Map<string, string>();
  for (const span of annotation.spans) {
    const label = blindLabel(Math.max(0, annotation.displayOrder.indexOf(span.responseId)));
    const n = (counts.get(label) ?? 0) + 1;
    counts.set(label, n);
    names.set(span.id, `${label}${n}`);
  }
  return names;
};
