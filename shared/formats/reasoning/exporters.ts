import { fail, ok, type Annotation, type ReasoningAnnotation, type ReasoningPayload, type Result, type StepRating, type Task } from '../../domain';
import {
  correctedSteps,
  effectiveFinalAnswer,
  finishReasonOf,
  firstErrorOf,
  hasRewrite,
  keptSteps,
  modeOf,
  totalStepSeconds,
} from '../../reasoning/reasoningLogic';

/**
 * Training files from submitted reasoning work. Each exporter takes the reasoning tasks of the batch (others are
 * left out) and writes JSON Lines, one record a line, LF endings, a trailing newline.
 */
export interface AnnotatedReasoning {
  task: Task;
  annotation: Annotation;
}

interface Resolved {
  task: Task;
  payload: ReasoningPayload;
  annotation: ReasoningAnnotation;
}

const jsonl = (lines: readonly unknown[]): string => (lines.length === 0 ? '' : `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);

const resolve = (items: readonly AnnotatedReasoning[]): Result<Resolved[]> => {
  const out: Resolved[] = [];
  for (const { task, annotation } of items) {
    if (task.payload.kind !== 'reasoning') continue;
    if (annotation.kind !== 'reasoning') {
      return fail('invalid_input', `Task ${task.id} has a ${annotation.kind} annotation, not a reasoning one`, `task ${task.id}, field annotation.kind`);
    }
    out.push({ task, payload: task.payload, annotation });
  }
  return ok(out);
};

/** The model steps the expert rated, in order, up to the first unrated one (and, in first_error mode, the first error). */
const ratedPrefix = ({ payload, annotation }: Resolved): { content: string; rating: StepRating; id: string }[] => {
  const out: { content: string; rating: StepRating; id: string }[] = [];
  for (const step of payload.modelSteps) {
    const rating = annotation.stepRatings[step.id];
    if (rating === undefined) break;
    out.push({ content: step.content, rating, id: step.id });
    if (rating === -1 && modeOf(payload) === 'first_error') break;
  }
  return out;
};

const solutionText = (steps: readonly { content: string }[], finalAnswer: string): string => {
  const body = steps.map((s) => s.content.trim()).join('\n\n');
  if (finalAnswer.trim() === '' || /\\boxed\s*\{/.test(body)) return body;
  return `${body}\n\nFinal answer: $\\boxed{${finalAnswer.trim()}}$`;
};

/** The expert's corrected solution, when the work yields one: author mode, a rewrite, or every step right. */
const correctedSolution = (r: Resolved): string | null => {
  const finish = finishReasonOf(r.payload, r.annotation);
  if (finish === 'give_up' || finish === 'bad_problem') return null;
  const mode = modeOf(r.payload);
  const rewritten = hasRewrite(r.payload, r.annotation);
  if (mode !== 'author' && !rewritten && firstErrorOf(r.payload, r.annotation.stepRatings) !== null) return null;
  const steps = correctedSteps(r.payload, r.annotation).filter((s) => s.content.trim() !== '');
  if (steps.length === 0) return null;
  return solutionText(steps, effectiveFinalAnswer(r.payload, r.annotation));
};

export interface Prm800kRecord {
  labeler: string | null;
  timestamp: string | null;
  generation: null;
  is_quality_control_question: false;
  is_initial_screening_question: false;
  question: {
    problem: string;
    ground_truth_answer: string | null;
    ground_truth_solution: string | null;
    pre_generated_steps: string[];
    pre_generated_answer: string | null;
  };
  label: {
    steps: { completions: { text: string; rating: StepRating | null; flagged: boolean }[]; human_completion: string | null; chosen_completion: number | null }[];
    total_time: number;
    finish_reason: string;
  };
}

/**
 * PRM800K-shaped label records: the model's steps as `pre_generated_steps`; for each step the expert judged,
 * its completion with the rating and flag (`chosen_completion` 0 unless rated -1, as in PRM800K, where a -1 ends the
 * labelling); the expert's rewrite as `human_completion`s: the first on the step it replaces, each further one a
 * step of its own; `total_time` in ms (the active time on the steps); `finish_reason`. Author tasks give the
 * expert's steps as human completions only.
 */
export const toPrm800kJsonl = (items: readonly AnnotatedReasoning[], options: { labeler?: string; timestamp?: string } = {}): Result<string> => {
  const resolved = resolve(items);
  if (!resolved.ok) return resolved;
  const records = resolved.value.map((r): Prm800kRecord => {
    const { payload, annotation } = r;
    const flagged = new Set(annotation.flaggedStepIds);
    const steps: Prm800kRecord['label']['steps'] = [];
    const anchor = annotation.rewriteFromStepId;
    const rated = ratedPrefix(r);
    for (const step of rated) {
      const isAnchor = step.id === anchor;
      steps.push({
        completions: [{ text: step.content, rating: step.rating, flagged: flagged.has(step.id) }],
        human_completion: isAnchor ? (annotation.authoredSteps[0]?.content ?? null) : null,
        chosen_completion: step.rating === -1 || isAnchor ? null : 0,
      });
    }
    const authored = annotation.authoredSteps.map((s) => s.content);
    const anchoredAt = rated.findIndex((s) => s.id === anchor);
    const extra = modeOf(payload) === 'author' || anchor === null ? authored : anchoredAt >= 0 ? authored.slice(1) : authored;
    if (modeOf(payload) === 'author' || anchor !== null) {
      for (const text of extra) steps.push({ completions: [], human_completion: text, chosen_completion: null });
    }
    return {
      labeler: options.labeler ?? null,
      timestamp: options.timestamp ?? null,
      generation: null,
      is_quality_control_question: false,
      is_initial_screening_question: false,
      question: {
        problem: payload.problem,
        ground_truth_answer: payload.referenceAnswer ?? null,
        ground_truth_solution: payload.referenceSolution ?? null,
        pre_generated_steps: payload.modelSteps.map((s) => s.content),
        pre_generated_answer: payload.modelAnswer ?? null,
      },
      label: { steps, total_time: Math.round(totalStepSeconds(annotation) * 1000), finish_reason: finishReasonOf(payload, annotation) },
    };
  });
  return ok(jsonl(records));
};

export interface StepwiseLine {
  prompt: string;
  completions: string[];
  labels: boolean[];
}

/**
 * TRL stepwise supervision (the PRM trainer's dataset type): `{prompt, completions, labels}`, one completion per
 * step, one boolean per completion. +1 is true and -1 false; 0 ("not wrong, no progress") is true by default,
 * as PRM800K counts neutral steps as acceptable (pass `neutral: false` to count them as negatives). Each task
 * gives the model's rated steps (up to the first unrated, and in first_error mode up to the first error); with a
 * rewrite, a second line gives the corrected solution: the model's kept steps with their labels, then the
 * expert's steps, true.
 */
export const toTrlStepwiseJsonl = (items: readonly AnnotatedReasoning[], options: { neutral?: boolean } = {}): Result<string> => {
  const resolved = resolve(items);
  if (!resolved.ok) return resolved;
  const neutral = options.neutral ?? true;
  const label = (rating: StepRating) => (rating === 0 ? neutral : rating === 1);
  const lines: StepwiseLine[] = [];
  for (const r of resolved.value) {
    const rated = ratedPrefix(r);
    if (rated.length > 0) lines.push({ prompt: r.payload.problem, completions: rated.map((s) => s.content), labels: rated.map((s) => label(s.rating)) });
    if (hasRewrite(r.payload, r.annotation) && finishReasonOf(r.payload, r.annotation) !== 'give_up' && finishReasonOf(r.payload, r.annotation) !== 'bad_problem') {
      const kept = keptSteps(r.payload, r.annotation);
      const keptRatings = kept.map((s) => r.annotation.stepRatings[s.id]);
      if (keptRatings.some((x) => x === undefined || x === -1)) continue;
      const authored = r.annotation.authoredSteps.filter((s) => s.content.trim() !== '');
      lines.push({
        prompt: r.payload.problem,
        completions: [...kept.map((s) => s.content), ...authored.map((s) => s.content)],
        labels: [...keptRatings.map((x) => label(x!)), ...authored.map(() => true)],
      });
    }
  }
  return ok(jsonl(lines));
};

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

/**
 * SFT chat JSONL: `{messages: [{role: user, content: problem}, {role: assistant, content: corrected solution}]}`.
 * The corrected solution is the model's steps before the rewrite, then the expert's, then the final answer in
 * `\boxed{}` unless a step already boxes it. Tasks without a correct solution (given up, bad problem, or a wrong
 * step left unrewritten) give no line.
 */
export const toSftChatJsonl = (items: readonly AnnotatedReasoning[]): Result<string> => {
  const resolved = resolve(items);
  if (!resolved.ok) return resolved;
  const lines: { messages: ChatMessage[] }[] = [];
  for (const r of resolved.value) {
    const solution = correctedSolution(r);
    if (solution !== null) lines.push({ messages: [{ role: 'user', content: r.payload.problem }, { role: 'assistant', content: solution }] });
  }
  return ok(jsonl(lines));
};

/**
 * DPO JSONL (TRL's conversational preference format): `{prompt: [user problem], chosen: [assistant corrected
 * solution], rejected: [assistant model's original solution]}`, one line per task the expert rewrote.
 */
export const toReasoningDpoJsonl = (items: readonly AnnotatedReasoning[]): Result<string> => {
  const resolved = resolve(items);
  if (!resolved.ok) return resolved;
  const lines: { prompt: ChatMessage[]; chosen: ChatMessage[]; rejected: ChatMessage[] }[] = [];
  for (const r of resolved.value) {
    if (modeOf(r.payload) === 'author' || !hasRewrite(r.payload, r.annotation)) continue;
    const chosen = correctedSolution(r);
    if (chosen === null) continue;
    const rejected = solutionText(r.payload.modelSteps, r.payload.modelAnswer ?? '');
    lines.push({ prompt: [{ role: 'user', content: r.payload.problem }], chosen: [{ role: 'assistant', content: chosen }], rejected: [{ role: 'assistant', content: rejected }] });
  }
  return ok(jsonl(lines));
};
