import { annotationSchema, taskSchema, type Annotation, type Task } from '@shared/domain';

export const rankingTask = (id: string, prompt = `Explain ${id} to a beginner.`, project = 'alpha'): Task =>
  taskSchema.parse({
    id,
    project,
    title: `Ranking ${id}`,
    payload: {
      kind: 'ranking',
      conversation: [{ role: 'user', content: prompt }],
      responses: [
        { id: 'r1', content: 'First answer.' },
        { id: 'r2', content: 'Second answer.' },
      ],
    },
  });

export const reasoningTask = (id: string, problem = `Compute ${id}.`, project = 'beta'): Task =>
  taskSchema.parse({
    id,
    project,
    title: `Reasoning ${id}`,
    payload: { kind: 'reasoning', problem, modelSteps: [{ id: 's1', content: 'Step one.' }] },
  });

export const trajectoryTask = (id: string, statement = `Fix bug ${id}.`, project = 'gamma'): Task =>
  taskSchema.parse({
    id,
    project,
    title: `Trajectory ${id}`,
    payload: {
      kind: 'trajectory',
      problemStatement: statement,
      repository: { name: 'demo/repo' },
      steps: [{ id: 't1', thought: 'Look around.', action: 'ls' }],
    },
  });

export const rankingAnnotation = (justification = ''): Annotation => ({
  kind: 'ranking',
  displayOrder: ['r1', 'r2'],
  ranks: { r1: 1, r2: 2 },
  graded: null,
  ratings: {},
  flags: { allBad: false, notRankable: false },
  spans: [],
  justification,
});

export const reasoningAnnotation = (finalAnswer = ''): Annotation =>
  annotationSchema.parse({ kind: 'reasoning', stepRatings: { s1: 1 }, firstErrorStepId: null, authoredSteps: [], finalAnswer, finishReason: null });

/** One line of canonical Assay JSONL per task, as importTasks reads it. */
export const toJsonl = (tasks: readonly Task[]): string => tasks.map((t) => JSON.stringify(t)).join('\n') + '\n';
