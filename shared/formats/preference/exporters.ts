import { fail, ok, type Annotation, type Message, type RankingPayload, type Result, type Task } from '../../domain';
import { pairwisePreferences, type PairwisePreference } from '../../ranking/rankingLogic';
import { formatHhDialogue } from './hhRlhf';

export interface AnnotatedTask {
  task: Task;
  annotation: Annotation;
}

interface ResolvedPair {
  prompt: Message[];
  chosen: string;
  rejected: string;
  margin: number;
}

const resolvePairs = (items: readonly AnnotatedTask[]): Result<{ task: Task; payload: RankingPayload; pairs: ResolvedPair[] }[]> => {
  const resolved: { task: Task; payload: RankingPayload; pairs: ResolvedPair[] }[] = [];
  for (const { task, annotation } of items) {
    if (task.payload.kind !== 'ranking') {
      return fail('invalid_input', `Task ${task.id} is a ${task.payload.kind} task; preference exports take ranking tasks only`, `task ${task.id}`);
    }
    if (annotation.kind !== 'ranking') {
      return fail('invalid_input', `Task ${task.id} has a ${annotation.kind} annotation, not a ranking`, `task ${task.id}, field annotation.kind`);
    }
    const payload = task.payload;
    const contentOf = new Map(payload.responses.map((r) => [r.id, r.content]));
    const pairs: ResolvedPair[] = [];
    for (const pair of pairwisePreferences(annotation)) {
      const chosen = contentOf.get(pair.chosen);
      const rejected = contentOf.get(pair.rejected);
      const unknown = chosen === undefined ? pair.chosen : rejected === undefined ? pair.rejected : null;
      if (chosen === undefined || rejected === undefined) {
        return fail('invalid_input', `Task ${task.id}: the annotation ranks ${JSON.stringify(unknown)}, which is not one of the task's responses`, `task ${task.id}, field ranks.${unknown ?? ''}`);
      }
      pairs.push({ prompt: payload.conversation, chosen, rejected, margin: pair.margin });
    }
    resolved.push({ task, payload, pairs });
  }
  return ok(resolved);
};

const jsonl = (lines: readonly unknown[]): string => (lines.length === 0 ? '' : `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);

export interface DpoLine {
  prompt: Message[];
  chosen: [{ role: 'assistant'; content: string }];
  rejected: [{ role: 'assistant'; content: string }];
  margin: number;
}

/**
 * TRL DPO ("conversational" preference format) JSONL: one line for every ordered pair the judgement implies
 * (see `pairwisePreferences`: ties and flagged annotations give none), `margin` >= 1.
 */
export const toDpoJsonl = (items: readonly AnnotatedTask[]): Result<string> => {
  const resolved = resolvePairs(items);
  if (!resolved.ok) return resolved;
  const lines: DpoLine[] = resolved.value.flatMap(({ pairs }) =>
    pairs.map((pair) => ({
      prompt: pair.prompt.map((m) => ({ role: m.role, content: m.content })),
      chosen: [{ role: 'assistant', content: pair.chosen }],
      rejected: [{ role: 'assistant', content: pair.rejected }],
      margin: pair.margin,
    })),
  );
  return ok(jsonl(lines));
};

/**
 * hh-rlhf style JSONL: `{chosen, rejected}` dialogue strings, one line per ordered pair (no margin in this
 * format). Only user and assistant turns can be written; a conversation with a system or tool turn fails.
 */
export const toHhRlhfJsonl = (items: readonly AnnotatedTask[]): Result<string> => {
  const resolved = resolvePairs(items);
  if (!resolved.ok) return resolved;
  const lines: { chosen: string; rejected: string }[] = [];
  for (const { task, payload, pairs } of resolved.value) {
    if (pairs.length === 0) continue;
    const prefix = formatHhDialogue(payload.conversation);
    if (prefix === null) {
      const index = payload.conversation.findIndex((m) => m.role !== 'user' && m.role !== 'assistant');
      return fail(
        'invalid_input',
        `Task ${task.id}: hh-rlhf dialogues hold only Human and Assistant turns; turn ${index + 1} is a ${payload.conversation[index]?.role ?? 'other'} message`,
        `task ${task.id}, field payload.conversation[${index}].role`,
      );
    }
    for (const pair of pairs) {
      lines.push({ chosen: `${prefix}\n\nAssistant: ${pair.chosen}`, rejected: `${prefix}\n\nAssistant: ${pair.rejected}` });
    }
  }
  return ok(jsonl(lines));
};

export type { PairwisePreference };
