import { emptyAnnotationFor, type Annotation, type Task } from '@shared/domain';
import { blindSeed, startRankingAnnotation } from '@shared/ranking';
import { startReasoningAnnotation } from '@shared/reasoning';

/** A fresh annotation; ranking tasks get this annotator's own blind, shuffled order; author tasks an empty first step. */
export const initialAnnotation = (task: Task, annotatorId: string): Annotation => {
  switch (task.payload.kind) {
    case 'ranking':
      return startRankingAnnotation(task.payload, blindSeed(annotatorId, task.id));
    case 'reasoning':
      return startReasoningAnnotation(task.payload);
    default:
      return emptyAnnotationFor(task.payload);
  }
};
