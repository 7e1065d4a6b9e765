import type { Result, Task } from '../../domain';
import { gsm8kAnswer, lastBoxed, withoutAnswerMarker } from '../../reasoning/extractAnswer';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from '../limits';
import { IdMaker, type Problem } from '../preference/common';
import { checkTask, finish, optionalText, readRecords, textField, titleOf } from './records';

/**
 * Problem sets with worked solutions, imported as author tasks (the expert writes the solution; the set's
 * answer is the reference):
 * - GSM8K: `{question, answer}`, the answer one step a line with `<<calc=result>>` marks, ending `#### N`;
 * - MATH / MATH-500: `{problem, solution, answer?, subject?, level?, unique_id?}`, the answer in `\boxed{}`.
 */
export const GSM8K_DEFAULT_PROJECT = 'GSM8K';
export const MATH_DEFAULT_PROJECT = 'MATH';

interface Options {
  project?: string;
  limits?: ImportLimits;
}

export const importGsm8k = (text: string, options: Options = {}): Result<Task[]> => {
  const read = readRecords(text, options.limits ?? DEFAULT_IMPORT_LIMITS);
  if (!read.ok) return read;
  const problems: Problem[] = [];
  const tasks: Task[] = [];
  const ids = new IdMaker('gsm8k');
  for (const r of read.value.records) {
    const question = textField(r, 'question', r.record.question, problems);
    const answer = textField(r, 'answer', r.record.answer, problems);
    if (question === null || answer === null) continue;
    const final = gsm8kAnswer(answer);
    if (final === null) {
      problems.push({ place: r.place, field: 'answer', what: 'expected the final answer on a last line "#### N"' });
      continue;
    }
    const id = ids.next(`${question}\u0000${answer}`);
    const input = {
      id,
      project: options.project ?? GSM8K_DEFAULT_PROJECT,
      title: titleOf(question, id),
      payload: {
        kind: 'reasoning',
        mode: 'author',
        problem: question,
        referenceAnswer: final,
        referenceSolution: withoutAnswerMarker(answer),
        showReference: true,
        source: { format: 'gsm8k' },
      },
    };
    const task = checkTask(r, input, problems);
    if (task) tasks.push(task);
  }
  return finish(problems, read.value.unit, tasks);
};

export const importMath = (text: string, options: Options = {}): Result<Task[]> => {
  const read = readRecords(text, options.limits ?? DEFAULT_IMPORT_LIMITS);
  if (!read.ok) return read;
  const problems: Problem[] = [];
  const tasks: Task[] = [];
  const ids = new IdMaker('math');
  for (const r of read.value.records) {
    const problem = textField(r, 'problem', r.record.problem, problems);
    const solution = textField(r, 'solution', r.record.solution, problems);
    if (problem === null || solution === null) continue;
    const answer = optionalText(r.record.answer) ?? lastBoxed(solution);
    if (answer === null || answer === undefined) {
      problems.push({ place: r.place, field: 'answer', what: 'no answer field and no \\boxed{} answer in the solution' });
      continue;
    }
    const uniqueId = optionalText(r.record.unique_id);
    const id = ids.next(uniqueId ?? `${problem}\u0000${solution}`);
    const input = {
      id,
      project: options.project ?? MATH_DEFAULT_PROJECT,
      title: titleOf(problem, id),
      payload: {
        kind: 'reasoning',
        mode: 'author',
        problem,
        referenceAnswer: answer,
        referenceSolution: solution,
        showReference: true,
        source: { format: 'math', ...(uniqueId ? { id: uniqueId } : {}) },
      },
    };
    const task = checkTask(r, input, problems);
    if (task) tasks.push(task);
  }
  return finish(problems, read.value.unit, tasks);
};
