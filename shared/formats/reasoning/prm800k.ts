import type { PriorStepLabel, Result, StepRating, Task } from '../../domain';
import { extractFinalAnswer } from '../../reasoning/extractAnswer';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from '../limits';
import { IdMaker, isJsonRecord, type JsonRecord, type Problem } from '../preference/common';
import { checkTask, finish, optionalText, readRecords, textField, titleOf, type SourceRecord } from './records';

/**
 * PRM800K label records (openai/prm800k, phase 1 and 2): `{labeler, timestamp, generation, question: {problem,
 * ground_truth_solution, ground_truth_answer, pre_generated_steps, pre_generated_answer, ...}, label: {steps:
 * [{completions: [{text, rating, flagged}], human_completion, chosen_completion}], total_time, finish_reason}}`.
 * One task per record, in first_error mode: the pre-generated steps (or, in phase 1 records without them, the
 * chosen completion of each labelled step) as the model's steps, the ground truth as the reference. The human
 * ratings are kept as prior labels, for reviewers; the expert never sees them.
 */
export const PRM800K_DEFAULT_PROJECT = 'PRM800K';

const RATINGS = new Set([-1, 0, 1]);
const ratingOf = (value: unknown): StepRating | null => (typeof value === 'number' && RATINGS.has(value) ? (value as StepRating) : null);

interface LabelStep {
  text: string | null;
  prior: Omit<PriorStepLabel, 'stepId'>;
}

/** The labelled completion for each step: the one matching the pre-generated text, else the chosen one, else the human's. */
const labelSteps = (r: SourceRecord, label: JsonRecord, pregenerated: readonly string[] | null, problems: Problem[]): LabelStep[] => {
  const steps = label.steps;
  if (steps === undefined || steps === null) return [];
  if (!Array.isArray(steps)) {
    problems.push({ place: r.place, field: 'label.steps', what: 'expected a list' });
    return [];
  }
  return steps.map((raw, i): LabelStep => {
    if (!isJsonRecord(raw)) {
      problems.push({ place: r.place, field: `label.steps[${i}]`, what: 'expected an object' });
      return { text: null, prior: { rating: null, flagged: false } };
    }
    const completions = Array.isArray(raw.completions) ? raw.completions.filter(isJsonRecord) : [];
    const chosen = typeof raw.chosen_completion === 'number' ? completions[raw.chosen_completion] : undefined;
    const matching = pregenerated?.[i] !== undefined ? completions.find((c) => c.text === pregenerated[i]) : undefined;
    const pick = matching ?? chosen ?? (pregenerated ? completions[0] : undefined);
    const human = optionalText(raw.human_completion);
    const text = typeof pick?.text === 'string' ? pick.text : (human ?? null);
    return { text, prior: { rating: ratingOf(pick?.rating), flagged: pick?.flagged === true } };
  });
};

export const importPrm800k = (text: string, options: { project?: string; limits?: ImportLimits } = {}): Result<Task[]> => {
  const project = options.project ?? PRM800K_DEFAULT_PROJECT;
  const read = readRecords(text, options.limits ?? DEFAULT_IMPORT_LIMITS);
  if (!read.ok) return read;
  const problems: Problem[] = [];
  const tasks: Task[] = [];
  const ids = new IdMaker('prm800k');
  for (const r of read.value.records) {
    const before = problems.length;
    const question = r.record.question;
    if (!isJsonRecord(question)) {
      problems.push({ place: r.place, field: 'question', what: question === undefined ? 'required field is missing' : 'expected an object' });
      continue;
    }
    const problem = textField(r, 'question.problem', question.problem, problems);
    const label = isJsonRecord(r.record.label) ? r.record.label : {};
    const rawSteps = question.pre_generated_steps;
    let pregenerated: string[] | null = null;
    if (Array.isArray(rawSteps)) {
      const bad = rawSteps.findIndex((s) => typeof s !== 'string');
      if (bad >= 0) problems.push({ place: r.place, field: `question.pre_generated_steps[${bad}]`, what: 'expected text' });
      else pregenerated = rawSteps as string[];
    } else if (rawSteps !== undefined && rawSteps !== null) {
      problems.push({ place: r.place, field: 'question.pre_generated_steps', what: 'expected a list of steps' });
    }
    const labelled = labelSteps(r, label, pregenerated, problems);
    if (problems.length > before || problem === null) continue;
    const stepTexts = pregenerated ?? labelled.map((l) => l.text).filter((t): t is string => t !== null);
    const id = ids.next(`${problem}\u0000${stepTexts.join('\u0000')}`);
    const modelSteps = stepTexts.map((content, i) => ({ id: `step-${i + 1}`, content }));
    const lastStep = stepTexts.at(-1) ?? '';
    const priorSteps = labelled.slice(0, modelSteps.length).map((l, i) => ({ stepId: `step-${i + 1}`, ...l.prior }));
    const totalTime = typeof label.total_time === 'number' && label.total_time >= 0 ? label.total_time : undefined;
    const finishReason = optionalText(label.finish_reason);
    const input = {
      id,
      project,
      title: titleOf(problem, id),
      payload: {
        kind: 'reasoning',
        mode: 'first_error',
        problem,
        referenceAnswer: optionalText(question.ground_truth_answer),
        referenceSolution: optionalText(question.ground_truth_solution),
        showReference: true,
        modelSteps,
        modelAnswer: optionalText(question.pre_generated_answer) ?? extractFinalAnswer(lastStep) ?? undefined,
        source: { format: 'prm800k', ...(optionalText(r.record.labeler) ? { id: `${String(r.record.labeler)}@${String(r.record.timestamp ?? '')}` } : {}) },
        ...(priorSteps.length > 0 || finishReason || totalTime !== undefined
          ? { priorLabels: { steps: priorSteps, ...(finishReason ? { finishReason } : {}), ...(totalTime !== undefined ? { totalTimeMs: totalTime } : {}) } }
          : {}),
      },
    };
    const task = checkTask(r, input, problems);
    if (task) tasks.push(task);
  }
  return finish(problems, read.value.unit, tasks);
};
