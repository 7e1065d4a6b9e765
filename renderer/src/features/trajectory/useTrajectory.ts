import { create } from 'zustand';
import type { TrajectoryAnnotation } from '@shared/domain';
import { useDraftStore } from '../workspace/draftStore';

/** The open trajectory annotation, or null while another kind (or nothing) is open. */
export const useTrajectoryAnnotation = (): TrajectoryAnnotation | null => useDraftStore((s) => (s.annotation?.kind === 'trajectory' ? s.annotation : null));

/** Edits the open trajectory annotation through the shared draft store (autosave, undo, read-only). */
export const editTrajectory = (change: (a: TrajectoryAnnotation) => TrajectoryAnnotation, coalesceKey?: string) =>
  useDraftStore.getState().edit((a) => (a.kind === 'trajectory' ? change(a) : a), coalesceKey);

export type TrajectoryPane = 'problem' | 'step' | 'patch';

/** What the expert is looking at; not part of the annotation (not saved, not undone). */
interface TrajectoryView {
  selected: number;
  pane: TrajectoryPane;
  /** The step whose thought and action are open for editing, by id. */
  editing: string | null;
  /** Observations shown whole, by step id. */
  expanded: ReadonlySet<string>;
  select(index: number): void;
  show(pane: TrajectoryPane): void;
  setEditing(stepId: string | null): void;
  expand(stepId: string): void;
  reset(): void;
}

export const useTrajectoryView = create<TrajectoryView>((set) => ({
  selected: 0,
  pane: 'step',
  editing: null,
  expanded: new Set(),
  select: (index) => set({ selected: index, pane: 'step' }),
  show: (pane) => set({ pane }),
  setEditing: (editing) => set({ editing }),
  expand: (stepId) => set((s) => ({ expanded: new Set([...s.expanded, stepId]) })),
  reset: () => set({ selected: 0, pane: 'step', editing: null, expanded: new Set() }),
}));
