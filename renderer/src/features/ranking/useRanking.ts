import type { RankingAnnotation } from '@shared/domain';
import { useDraftStore } from '../workspace/draftStore';

/** The open ranking annotation, or null while another kind (or nothing) is open. */
export const useRankingAnnotation = (): RankingAnnotation | null =>
  useDraftStore((s) => (s.annotation?.kind === 'ranking' ? s.annotation : null));

/** Edits the open ranking annotation; other kinds are left alone. */
export const editRanking = (change: (a: RankingAnnotation) => RankingAnnotation, coalesceKey?: string) =>
  useDraftStore.getState().edit((a) => (a.kind === 'ranking' ? change(a) : a), coalesceKey);
