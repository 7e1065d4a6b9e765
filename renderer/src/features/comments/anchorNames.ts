import type { Annotation, TaskPayload } from '@shared/domain';
import { blindLabelOf } from '@shared/ranking/blindOrder';
import type { AnchorNames } from '@shared/review/anchorLabel';

/** How the expert saw what an anchor names: responses by their blind labels, criteria and steps by their names. */
export const anchorNamesFor = (payload: TaskPayload, annotation: Annotation | null): AnchorNames => {
  switch (payload.kind) {
    case 'ranking':
      return {
        responseLabel: (id) => (annotation?.kind === 'ranking' ? blindLabelOf(annotation.displayOrder, id) : null) ?? id,
        criterionLabel: (id) => payload.rubric.criteria.find((c) => c.id === id)?.label ?? id,
      };
    case 'reasoning': {
      const at = new Map(payload.modelSteps.map((s, i) => [s.id, i + 1]));
      return { stepLabel: (id) => (at.has(id) ? `Step ${at.get(id)}` : `Step ${id}`) };
    }
    case 'trajectory': {
      const at = new Map(payload.steps.map((s, i) => [s.id, i + 1]));
      return { stepLabel: (id) => (at.has(id) ? `Step ${at.get(id)}` : `Step ${id}`) };
    }
  }
};
