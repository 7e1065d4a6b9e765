import type { Result, Task } from '../../domain';
import { extractFinalAnswer, gsm8kAnswer, lastBoxed, withoutAnswerMarker } from '../../reasoning/extractAnswer';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from '../limits';
import { IdMaker, type JsonRecord, type Problem } from '../preference/common';
import { checkTask, finish, optionalText, readRecords, splitSolutionSteps, textField, titleOf } from './records';

/**
 * A model's solutions to GSM8K (or MATH) problems, one record per problem and model answer:
 * `{question | problem, <solution field>, answer?, model?}` where the solution field is the first of
 * MODEL_SOLUTION_FIELDS present. The solution is cut into steps at blank lines (paragraphs) or, without them,
 * at line ends; a closing `#### N` or `# Answer` line becomes the model's final answer. The set's answer
 * (`answer`: GSM8K `#### N`, or MATH's answer) is the reference. Tasks are first_error tasks.
 */
export const MODEL_SOLUTION_FIELDS = ['model_solution', 'model_answer', 'model_output', 'completion', 'response', 'output', 'generation', 'prediction'] as const;
export const MODEL_SOLUTIONS_DEFAULT_PROJECT = 'Model solutions';

export const modelSolutionField = (record: JsonRecord): string | undefined => MODEL_SOLUTION_FIELDS.find((f) => typeof record[f] === 'string');

export const isModelSolutionRecord = (record: JsonRecord): boolean =>
  (typeof record.question === 'string' || typeof record.problem === 'string') && modelSolutionField(record) !== undefined;

const referenceOf = (record: JsonRecord): string | undefined => {
  const answer = optionalText(record.answer);
  if (answer !== undefined) return gsm8kAnswer(answer) ?? lastBoxed(answer) ?? answer;
  const solution = optionalText(record.solution);
  return solution === undefined ? undefined : (lastBoxed(solution) ?? undefined);
};

export const importModelSolutions = (text: string, options: { project?: string; limits?: ImportLimits } = {}): Result<Task[]> => {
  const read = readRecords(text, options.limits ?? DEFAULT_IMPORT_LIMITS);
  if (!read.ok) return read;
  const problems: Problem[] = [];
  const tasks: Task[] = [];
  const ids = new IdMaker('solution');
  for (const r of read.value.records) {
    const problemField = typeof r.record.question === 'string' || r.record.problem === undefined ? 'question' : 'problem';
    const problem = textField(r, problemField, r.record[problemField], problems);
    const field = modelSolutionField(r.record) ?? 'model_solution';
    const solution = textField(r, field, r.record[field], problems);
    if (problem === null || solution === null) continue;
    const modelAnswer = extractFinalAnswer(solution) ?? undefined;
    const steps = splitSolutionStepsKeepingMarks(solution);
    if (steps.length === 0) {
      problems.push({ place: r.place, field, what: 'the solution has no steps' });
      continue;
    }
    const model = optionalText(r.record.model);
    const id = ids.next(`${problem}\u0000${solution}\u0000${model ?? ''}`);
    const input = {
      id,
      project: options.project ?? MODEL_SOLUTIONS_DEFAULT_PROJECT,
      title: titleOf(problem, id),
      payload: {
        kind: 'reasoning',
        mode: 'first_error',
        problem,
        referenceAnswer: referenceOf(r.record),
        showReference: true,
        modelSteps: steps.map((content, i) => ({ id: `step-${i + 1}`, content })),
        modelAnswer,
        source: { format: 'model-solutions', ...(model ? { model } : {}) },
      },
    };
    const task = checkTask(r, input, problems);
    if (task) tasks.push(task);
  }
  return finish(problems, read.value.unit, tasks);
};

/** Steps without the closing answer marker line, which becomes the model's answer instead. */
const splitSolutionStepsKeepingMarks = (solution: string): string[] => splitSolutionSteps(withoutAnswerMarker(solution));
