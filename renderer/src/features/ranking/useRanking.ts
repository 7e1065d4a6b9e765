import type { RankingAnnotation } from '@shared/domain';
import { useDraftStore } from '../workspace/draftStore';

/** The open ranking annotation, or null while another kind (or nothing) is open. */
export const useRankingAnnotation = (): RankingAnnotation | null =>
  useDraftStore((s) => (s.annotation?.kind === 'ranking' ? s.annotation : null));

/** Edits the open ranking annotation; other kinds are left alone. */
export const editRanking = (change: (a: RankingAnnotation) => RankingAnnotation, coalesceKey?: string) =>
  useDraftStore.getState().edit((a) => (a.kind === 'ranking' ? change(a) : a), coalesceKey);

/** Short citable names of highlights: the response's blind label and a number (A1, A2, B1...). */
export const spanCitations = (annotation: RankingAnnotation): Map<string, string> => {
  const counts = new Map<string, number>();
  const names = new Map<string, string>();
  for (const span of annotation.spans) {
    const label = String.fromCharCode(65 + Math.max(0, annotation.displayOrder.indexOf(span.responseId)));
    const n = (counts.get(label) ?? 0) + 1;
    counts.set(label, n);
    names.set(span.id, `${label}${n}`);
  }
  return names;
};
