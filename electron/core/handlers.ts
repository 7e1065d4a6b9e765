import { checkExternalUrl } from '@shared/security/externalUrl';
import { exportAnnotations } from '@shared/formats/exportAnnotations';
import type { ImportFormat } from '@shared/formats/importTasks';
import { AppFailure, type Result, type Task } from '@shared/domain';
import type { CoreHandlers, SyncStatus } from '@shared/ipc';
import type { AppEvents } from './events';
import type { Store } from './store/store';
import type { SyncEngine } from './sync/syncEngine';
import { taskForDisplay } from '@shared/trajectory/forDisplay';
import { createChunkedImports } from './import/chunkedImport';
import type { SearchIndexer } from './store/searchIndexer';
import type { LineParserThread } from './import/threadedLineParser';
import { createCommentReplyHandlers } from './commentReplyHandlers';
import { annotatedTaskOf } from './export/chunkedExport';
import { createExportService, type ExportService } from './export/exportService';
import { createReviewHandlers } from './reviewHandlers';
import { createReviewQualityHandlers } from './reviewQualityHandlers';
import { createUpdateHandlers } from './updates/updateHandlers';
import type { UpdateService } from './updates/updateService';
import { openTaskView } from './store/openTaskView';
import { putTasks, resolveTaskVersion, saveDraft, submitTask } from './store/workflow';

export interface CoreInfo {
  version: string;
  shell: 'electron' | 'harness' | 'test';
  dataDir: string;
  annotatorId: string;
  storeNotice: string | null;
}

type ImportTasksFromText = (fileName: string, text: string) => Result<{ format: ImportFormat; tasks: Task[]; project: string | null }>;

export interface HandlerDeps {
  store: Store;
  events: AppEvents;
  info: CoreInfo;
  demoTasks: readonly Task[];
  importTasksFromText: ImportTasksFromText;
  openExternal?: (url: string) => Promise<boolean>;
  /** Sync with a platform; without it the app is local-only and the sync operations say so. */
  sync?: SyncEngine;
  /** Updates from the platform; without it the update operations say this copy does not update itself. */
  updates?: UpdateService;
  /** Indexes what a large import landed for search, after it; without one the backlog is only counted. */
  searchIndexer?: SearchIndexer;
  /** Reads an import's lines on a thread of its own while the core writes; without it, in the core. */
  lineParser?: LineParserThread | null;
  /** Streamed exports (createCore makes them with the save dialog, when there is one, and closes them). */
  exports?: ExportService;
}

const safeExternalUrl = (raw: string): string => {
  const verdict = checkExternalUrl(raw);
  if (!verdict.allowed) throw new AppFailure('invalid_input', verdict.reason, 'url');
  return verdict.url;
};

/** Every operation of the contract, over one store. Inputs arrive parsed by dispatch(); failures are thrown as AppFailure. */
export const createHandlers = (deps: HandlerDeps): CoreHandlers => {
  const { store, events, info } = deps;
  const imports = createChunkedImports(store, deps.importTasksFromText, undefined, { lineParser: deps.lineParser ?? null });
  const exports = deps.exports ?? createExportService(store);

  const syncStatus = (): SyncStatus =>
    deps.sync?.status() ?? { state: 'local', pending: store.outbox.pendingCount() + store.reviewQueue.pendingCount() + store.replies.pendingCount(), lastSyncAt: null, lastError: null };
  const requireSync = (): SyncEngine => {
    if (!deps.sync) throw new AppFailure('conflict', 'This copy of Assay works locally only; it cannot sync with a platform.');
    return deps.sync;
  };
  let lastPending = syncStatus().pending;
  const announce = (taskIds: string[]): void => {
    if (taskIds.length > 0) events.emit({ type: 'tasksChanged', taskIds });
    if (deps.sync) {
      // The engine announces its status (pending count included) and pushes the change soon.
      deps.sync.notifyLocalChange();
      return;
    }
    const status = syncStatus();
    if (status.pending !== lastPending) {
      lastPending = status.pending;
      events.emit({ type: 'syncStatus', status });
    }
  };

  return {
    // The store is open by the time these handlers exist; the passphrase gate (passphraseGate.ts) answers otherwise.
    getVaultState: () => ({ state: 'ready' as const }),
    unlockVault: () => ({ state: 'ready' as const }),

    getAppInfo: () => ({ ...info, taskCount: store.tasks.count() }),

    listTasks: ({ offset, after, limit, ...filter }) => ({
      ...store.tasks.window(filter, { limit, ...(offset === undefined ? {} : { offset }), ...(after === undefined ? {} : { after }) }),
      projects: store.tasks.projects(),
      total: store.tasks.count(),
      searchPending: deps.searchIndexer?.pending() ?? store.searchBacklog.pending(),
    }),
    getTaskSummaries: ({ ids }) => ({ tasks: store.tasks.summaries(ids) }),

    openTask: ({ id }) => openTaskView(store, id),

    resolveTaskVersion: ({ taskId, choice }) => {
      resolveTaskVersion(store, taskId, choice);
      announce([taskId]);
      return openTaskView(store, taskId);
    },

    openDraftRevision: ({ taskId, revision }) => {
      const draft = store.drafts.revision(taskId, revision);
      const task = draft ? store.tasks.getVersion(taskId, draft.taskVersion ?? 0) : null;
      if (!draft || !task) throw new AppFailure('not_found', `There is no revision ${revision} of task "${taskId}" on this computer.`, 'revision');
      return { task: taskForDisplay(task), draft };
    },

    getStepObservation: ({ taskId, stepId }) => {
      // The version the draft was made against, as the workspace shows it.
      const pinned = store.drafts.get(taskId)?.taskVersion;
      const task = (pinned === undefined ? null : store.tasks.getVersion(taskId, pinned)) ?? store.tasks.get(taskId);
      const step = task?.payload.kind === 'trajectory' ? task.payload.steps.find((s) => s.id === stepId) : undefined;
      if (!step) throw new AppFailure('not_found', `There is no step "${stepId}" in task "${taskId}" on this computer.`, 'stepId');
      return { text: step.observation };
    },

    saveDraft: (input) => {
      const draft = saveDraft(store, input);
      announce([draft.taskId]);
      return draft;
    },

    submitTask: ({ taskId }) => {
      const submission = submitTask(store, taskId);
      announce([taskId]);
      return submission;
    },

    loadDemo: () => {
      const added = putTasks(store, deps.demoTasks, 'demo');
      announce(added);
      return { imported: added.length };
    },

    importTasks: ({ fileName, text }) => {
      const parsed = deps.importTasksFromText(fileName, text);
      if (!parsed.ok) throw new AppFailure('import_failed', parsed.error.message, parsed.error.detail);
      const owned = parsed.value.tasks.find((t) => store.tasks.sourceOf(t.id) === 'platform');
      if (owned) {
        throw new AppFailure('import_failed', `Task "${owned.id}" was assigned by your platform; a file cannot replace it. Nothing was imported.`, `task ${owned.id}`);
      }
      putTasks(store, parsed.value.tasks, 'import');
      announce(parsed.value.tasks.map((t) => t.id));
      return { format: parsed.value.format, imported: parsed.value.tasks.length, project: parsed.value.project };
    },

    beginImport: ({ fileName }) => imports.begin(fileName),
    appendImport: ({ importId, text }) => imports.append(importId, text),
    finishImport: async ({ importId }) => {
      const { taskIds, ...outcome } = await imports.finish(importId);
      deps.searchIndexer?.kick();
      announce(taskIds);
      return outcome;
    },
    cancelImport: ({ importId }) => imports.cancel(importId),

    getSettings: () => store.settings.get(),
    updateSettings: (changes) => store.settings.update(changes),

    getSyncStatus: syncStatus,

    getSyncAccount: () => ({ account: deps.sync?.account() ?? null, workOffline: deps.sync?.workOffline() ?? false }),
    signIn: async ({ platformUrl, token }) => ({ account: await requireSync().signIn(platformUrl, token) }),
    signOut: () => {
      requireSync().signOut();
      return syncStatus();
    },
    syncNow: () => requireSync().syncOnce(),
    setWorkOffline: ({ offline }) => requireSync().setWorkOffline(offline),
    setNetworkAvailable: ({ available }) => {
      deps.sync?.setNetworkAvailable(available);
      return syncStatus();
    },
    listSyncItems: () => requireSync().listItems(),
    retrySyncItem: ({ id }) => requireSync().retryItem(id),

    exportAnnotations: ({ format, project }) => {
      const done = [...store.tasks.list({ status: 'submitted', ...(project ? { project } : {}) }), ...store.tasks.list({ status: 'accepted', ...(project ? { project } : {}) })];
      // Exported beside the version it was made against.
      const items = done.flatMap((summary) => annotatedTaskOf(store, summary.id) ?? []);
      const stamp = new Date().toISOString().slice(0, 10);
      const file = exportAnnotations(items, format, stamp);
      if (!file.ok) throw new AppFailure('invalid_input', file.error.message, file.error.detail);
      return file.value;
    },

    ...exports.handlers,

    openExternal: async ({ url }) => {
      const href = safeExternalUrl(url);
      if (!deps.openExternal) return { opened: false };
      return { opened: await deps.openExternal(href) };
    },

    ...createReviewHandlers(store, () => announce([])),
    ...createReviewQualityHandlers(requireSync),
    ...createUpdateHandlers(deps.updates ?? null, info.version),
    ...createCommentReplyHandlers(store, () => announce([])),
  };
};
