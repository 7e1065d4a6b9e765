import { z } from 'zod';
import { idSchema } from '../domain';
import { agreementReportSchema, taskJudgementsResponseSchema } from '../sync/reviewQuality';

/** A reviewer's live reads of agreement from the platform (issue 9): they need the network, nothing is cached. */
export const reviewQualityOperations = {
  /** Every expert's judgement of a task side by side, with gold scores, agreement figures and each history. */
  getTaskJudgements: { input: z.object({ taskId: idSchema }).strict(), output: taskJudgementsResponseSchema },
  /** A project's agreement report. */
  getAgreementReport: { input: z.object({ project: z.string().trim().min(1).max(200) }).strict(), output: agreementReportSchema },
} as const;
