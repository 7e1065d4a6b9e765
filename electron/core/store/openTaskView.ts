import { AppFailure, describeTaskChanges, type Draft, type ItemNames, type OpenTask } from '@shared/domain';
import { blindLabel } from '@shared/ranking/blindOrder';
import { taskForDisplay } from '@shared/trajectory/forDisplay';
import type { Store } from './store';

/** Responses are named as the expert sees them: by the blind label of the draft's order (a new one by its id). */
const namesFor = (draft: Draft | null): ItemNames => {
  if (draft?.annotation.kind !== 'ranking') return {};
  const order = draft.annotation.displayOrder;
  return { responses: (id) => (order.includes(id) ? blindLabel(order.indexOf(id)) : undefined) };
};

const baseOf = (store: Store, id: string, draft: Draft | null, pinned: number) =>
  ({
    status: store.taskState.statusOf(id) ?? 'new',
    draft,
    submission: store.submissions.latest(id),
    review: store.reviews.latest(id),
    revoked: (store.sync.flagsOf(id)?.revokedReason ?? null) !== null,
    history: store.drafts.history(id, draft ? pinned : null),
  }) as const;

/**
 * A task as its workspace opens it: the version the draft was made against (not necessarily the latest), what a
 * newer version changed, and the earlier drafts kept after a fresh start.
 */
export const openTaskView = (store: Store, id: string): OpenTask => {
  // The display copy (a long trajectory without its source record and whole observations): opening reads no more.
  const latestShown = store.tasks.getForDisplay(id);
  if (!latestShown) throw new AppFailure('not_found', `There is no task "${id}" on this computer.`, 'id');
  const draft = store.drafts.get(id);
  const pinned = draft?.taskVersion ?? latestShown.version;
  if (pinned === latestShown.version) return { ...baseOf(store, id, draft, pinned), task: latestShown, newerVersion: null };
  const latest = store.tasks.get(id) ?? latestShown;
  const kept = store.tasks.getVersion(id, pinned);
  const base = baseOf(store, id, draft, pinned);
  if (!kept) {
    // Only a draft from before versions were kept can point at a payload that is gone: it opens on the latest.
    return { ...base, task: latestShown, newerVersion: null };
  }
  const newerVersion = {
    version: latest.version,
    title: latest.title,
    changes: describeTaskChanges(kept, latest, namesFor(draft)),
    kept: (store.drafts.keptThrough(id) ?? 0) >= latest.version,
  };
  // The lease is the assignment's, always the latest.
  return { ...base, task: { ...taskForDisplay(kept), lease: latestShown.lease }, newerVersion };
};
