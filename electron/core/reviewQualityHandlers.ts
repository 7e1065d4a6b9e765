import { AppFailure } from '@shared/domain';
import type { CoreHandlers } from '@shared/ipc';
import type { PlatformClient } from './sync/platformClient';
import type { SyncEngine } from './sync/syncEngine';

type ReviewQualityHandlers = Pick<CoreHandlers, 'getTaskJudgements' | 'getAgreementReport'>;

const supported = <K extends 'taskJudgements' | 'agreementReport'>(client: PlatformClient, name: K): NonNullable<PlatformClient[K]> => {
  const method = client[name];
  if (!method) throw new AppFailure('conflict', 'This platform connection cannot read agreement figures.');
  return method.bind(client) as NonNullable<PlatformClient[K]>;
};

/** Agreement across experts, gold scores and platform histories: read live from the platform, for reviewers. */
export const createReviewQualityHandlers = (requireSync: () => SyncEngine): ReviewQualityHandlers => ({
  getTaskJudgements: ({ taskId }) => requireSync().platformRead((client) => supported(client, 'taskJudgements')(taskId)),
  getAgreementReport: ({ project }) => requireSync().platformRead((client) => supported(client, 'agreementReport')(project)),
});
