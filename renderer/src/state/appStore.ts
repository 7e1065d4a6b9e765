import { create } from 'zustand';
import type { AppError, Settings } from '@shared/domain';
import type { AppEvent, OutputOf, SyncStatus } from '@shared/ipc';
import { api } from '../api';
import { dropPrefetchedTask, prefetchTask } from '../features/task/taskPageLoader';

export type Route =
  | { page: 'inbox' }
  | { page: 'task'; taskId: string }
  | { page: 'review' }
  | { page: 'reviewItem'; submissionId: string }
  | { page: 'agreement'; project: string };
type AppInfo = OutputOf<'getAppInfo'>;

export interface Notice {
  id: number;
  tone: 'info' | 'success' | 'error';
  text: string;
  detail?: string;
}

type VaultState = OutputOf<'getVaultState'>['state'];

interface AppState {
  booted: boolean;
  /** 'ready' once the encrypted store is open; otherwise the passphrase screen shows. */
  vault: VaultState | null;
  bootError: string | null;
  info: AppInfo | null;
  settings: Settings | null;
  sync: SyncStatus | null;
  route: Route;
  /** The task the app reopened at start because it was open at quit (its page falls back to the inbox if it is gone). */
  reopenedTaskId: string | null;
  notices: Notice[];
  dialog: 'none' | 'shortcuts' | 'settings' | 'sync';
  boot(): Promise<void>;
  navigate(route: Route): void;
  openDialog(dialog: AppState['dialog']): void;
  notify(tone: Notice['tone'], text: string, detail?: string): void;
  notifyError(error: AppError): void;
  dismissNotice(id: number): void;
  updateSettings(patch: Partial<Settings>): Promise<void>;
  refreshInfo(): Promise<void>;
  onEvent(event: AppEvent): void;
}

let nextNoticeId = 1;

/** What the store last heard as the open task; written only when it changes (a task opened, or left for another screen). */
let rememberedTaskId: string | null | undefined;
const rememberOpenTask = (taskId: string | null): void => {
  if (taskId === rememberedTaskId) return;
  rememberedTaskId = taskId;
  // A convenience for the next start, never worth an error on screen; the in-memory settings are left alone so
  // opening a task re-renders nothing.
  void api().updateSettings({ reopenTaskId: taskId });
};

export const useAppStore = create<AppState>((set, get) => ({
  booted: false,
  vault: null,
  bootError: null,
  info: null,
  settings: null,
  sync: null,
  route: { page: 'inbox' },
  reopenedTaskId: null,
  notices: [],
  dialog: 'none',

  async boot() {
    // The settings are asked for beside the vault's state (a locked vault answers 'locked', and the passphrase screen
    // boots again): the task open at quit starts loading, code and data, as soon as they name it.
    const settingsRead = api()
      .getSettings({})
      .then((r) => {
        if (r.ok && r.value.reopenTaskId) prefetchTask(r.value.reopenTaskId);
        return r;
      });
    const vault = await api().getVaultState({});
    if (!vault.ok) return set({ bootError: vault.error.message, booted: true });
    set({ vault: vault.value.state });
    if (vault.value.state !== 'ready') return set({ booted: true });
    const [info, settings, sync] = await Promise.all([api().getAppInfo({}), settingsRead, api().getSyncStatus({})]);
    if (!info.ok) return set({ bootError: info.error.message, booted: true });
    const reopen = settings.ok ? settings.value.reopenTaskId : null;
    rememberedTaskId = reopen;
    set({
      booted: true,
      info: info.value,
      settings: settings.ok ? settings.value : null,
      sync: sync.ok ? sync.value : null,
      ...(reopen ? { route: { page: 'task', taskId: reopen }, reopenedTaskId: reopen } : {}),
    });
    if (info.value.storeNotice) get().notify('error', info.value.storeNotice);
  },

  navigate(route) {
    if (route.page === 'task') prefetchTask(route.taskId);
    else dropPrefetchedTask();
    set({ route, dialog: 'none', reopenedTaskId: null });
    rememberOpenTask(route.page === 'task' ? route.taskId : null);
  },

  openDialog(dialog) {
    set({ dialog });
  },

  notify(tone, text, detail) {
    const notice: Notice = detail === undefined ? { id: nextNoticeId++, tone, text } : { id: nextNoticeId++, tone, text, detail };
    set({ notices: [...get().notices.slice(-3), notice] });
  },

  notifyError(error) {
    get().notify('error', error.message, error.detail);
  },

  dismissNotice(id) {
    set({ notices: get().notices.filter((n) => n.id !== id) });
  },

  async updateSettings(patch) {
    const result = await api().updateSettings(patch);
    if (result.ok) set({ settings: result.value });
    else get().notifyError(result.error);
  },

  async refreshInfo() {
    const info = await api().getAppInfo({});
    if (info.ok) set({ info: info.value });
  },

  onEvent(event) {
    if (event.type === 'syncStatus') set({ sync: event.status });
  },
}));
