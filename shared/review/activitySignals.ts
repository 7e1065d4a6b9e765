import type { Annotation, PasteSignal, TaskPayload } from '../domain';

/** Active time below this share of the project's median is flagged as fast. */
export const FAST_SHARE = 0.5;

export type ActivityFlag = 'fast' | 'pastes' | 'expert_flag';

export interface ActivitySignals {
  activeSeconds: number;
  medianSeconds: number | null;
  /** Active time over the project's median (1 = typical); null without a median. */
  ratio: number | null;
  pastes: PasteSignal[];
  pastedChars: number;
  flags: ActivityFlag[];
}

/** The expert marked the work as doubtful themselves: all responses bad, not rankable, a flagged step, a bad problem. */
const expertFlagged = (annotation: Annotation): boolean => {
  switch (annotation.kind) {
    case 'ranking':
      return annotation.flags.allBad || annotation.flags.notRankable;
    case 'reasoning':
      return annotation.flaggedStepIds.length > 0 || annotation.finishReason === 'bad_problem';
    case 'trajectory':
      return false;
  }
};

/** What a reviewer sees beside a submission: time against the project's median, large pastes, and why it is flagged. */
export const activitySignals = (item: {
  activeSeconds: number;
  annotation: Annotation;
  activity?: { pastes: PasteSignal[]; projectMedianSeconds: number | null } | undefined;
}): ActivitySignals => {
  const medianSeconds = item.activity?.projectMedianSeconds ?? null;
  const pastes = item.activity?.pastes ?? [];
  const ratio = medianSeconds !== null && medianSeconds > 0 ? item.activeSeconds / medianSeconds : null;
  const flags: ActivityFlag[] = [];
  if (ratio !== null && ratio < FAST_SHARE) flags.push('fast');
  if (pastes.length > 0) flags.push('pastes');
  if (expertFlagged(item.annotation)) flags.push('expert_flag');
  return { activeSeconds: item.activeSeconds, medianSeconds, ratio, pastes, pastedChars: pastes.reduce((n, p) => n + p.chars, 0), flags };
};

/** The text a reviewer's search looks in besides title, expert and project: the prompt or problem, cut short. */
export const searchableTextOf = (payload: TaskPayload): string => {
  switch (payload.kind) {
    case 'ranking':
      return payload.conversation.map((m) => m.content).join(' ').slice(0, 2000);
    case 'reasoning':
      return payload.problem.slice(0, 2000);
    case 'trajectory':
      return `${payload.repository.name} ${payload.problemStatement}`.slice(0, 2000);
  }
};
