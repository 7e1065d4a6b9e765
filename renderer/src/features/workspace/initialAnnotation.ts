import { emptyAnnotationFor, type Annotation, type Task } from '@shared/domain';
import { blindSeed, startRankingAnnotation } from '@shared/ranking';

/** A fresh annotation; ranking tasks get this annotator's own blind, shuffled order. */
export const initialAnnotation = (task: Task, annotatorId: string): Annotation =>
  task.payload.kind === 'ranking' ? startRankingAnnotation(task.payload, blindSeed(annotatorId, task.id)) : emptyAnnotationFor(task.payload);
