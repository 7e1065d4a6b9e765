import { lazy, Suspense, useEffect } from 'react';
import { api } from './api';
import { ImportProgressPanel } from './features/inbox/ImportProgressPanel';
import { ExportProgressPanel } from './features/inbox/ExportProgressPanel';
import { InboxPage } from './features/inbox/InboxPage';
import { SettingsDialog } from './features/settings/SettingsDialog';
import { ShortcutsDialog } from './features/shortcuts/ShortcutsDialog';
import { StatusBar } from './features/statusbar/StatusBar';
import { SyncPanel } from './features/sync/SyncPanel';
import { ReviewPage } from './features/review/ReviewPage';
import { PassphraseScreen } from './features/vault/PassphraseScreen';
import { useAppStore } from './state/appStore';
import { useInboxStore } from './state/inboxStore';
import { useReviewStore } from './state/reviewStore';
import { isTypingTarget } from './ui/keyboardTargets';
import { Notices } from './ui/Notices';
import { useTheme } from './ui/useTheme';
import { loadTaskPage } from './features/task/taskPageLoader';

// The task screen (markdown, KaTeX, highlighting, every workspace) loads when a task opens, not with the inbox.
const TaskPage = lazy(() => loadTaskPage().then((m) => ({ default: m.TaskPage })));
/** A submission under review opens in the same workspaces, so it loads lazily too. */
const ReviewItemPage = lazy(() => import('./features/review/ReviewItemPage').then((m) => ({ default: m.ReviewItemPage })));
const AgreementReportPage = lazy(() => import('./features/review/agreement/AgreementReportPage').then((m) => ({ default: m.AgreementReportPage })));

export function App() {
  const { booted, bootError, route, dialog, settings, vault } = useAppStore();
  const openDialog = useAppStore((s) => s.openDialog);
  useTheme(settings?.theme);

  useEffect(() => {
    void useAppStore.getState().boot().then(() => useReviewStore.getState().refresh());
    return api().onEvent((event) => {
      useAppStore.getState().onEvent(event);
      if (event.type === 'reviewQueueChanged' || event.type === 'syncStatus') void useReviewStore.getState().refresh();
      if (event.type === 'searchIndex') useInboxStore.getState().applySearchIndex(event.pending);
      if (event.type === 'tasksChanged') {
        void useInboxStore.getState().applyChanges(event.taskIds);
        void useAppStore.getState().refreshInfo();
      }
    });
  }, []);

  useEffect(() => {
    const report = () => void api().setNetworkAvailable({ available: navigator.onLine });
    window.addEventListener('online', report);
    window.addEventListener('offline', report);
    return () => {
      window.removeEventListener('online', report);
      window.removeEventListener('offline', report);
    };
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '?' && !isTypingTarget(e.target)) {
        e.preventDefault();
        openDialog('shortcuts');
      } else if (e.key === ',' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        openDialog('settings');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openDialog]);

  if (!booted) return <div className="boot">Opening your encrypted workspace…</div>;
  if (bootError) return <div className="boot boot-error" role="alert">{bootError}</div>;
  if (vault && vault !== 'ready') return <PassphraseScreen creating={vault === 'new_passphrase'} />;

  return (
    <div className="app">
      <main className="app-main">
        {route.page === 'inbox' ? (
          <InboxPage />
        ) : route.page === 'task' ? (
          <Suspense fallback={<div className="boot" aria-busy="true">Opening the task…</div>}>
            <TaskPage key={route.taskId} taskId={route.taskId} />
          </Suspense>
        ) : route.page === 'review' ? (
          <ReviewPage />
        ) : route.page === 'agreement' ? (
          <Suspense fallback={<div className="boot" aria-busy="true">Opening the report…</div>}>
            <AgreementReportPage key={route.project} project={route.project} />
          </Suspense>
        ) : (
          <Suspense fallback={<div className="boot" aria-busy="true">Opening the submission…</div>}>
            <ReviewItemPage key={route.submissionId} submissionId={route.submissionId} />
          </Suspense>
        )}
      </main>
      <StatusBar />
      <ImportProgressPanel />
      <ExportProgressPanel />
      <Notices />
      {dialog === 'shortcuts' && <ShortcutsDialog onClose={() => openDialog('none')} />}
      {dialog === 'settings' && <SettingsDialog onClose={() => openDialog('none')} />}
      {dialog === 'sync' && <SyncPanel onClose={() => openDialog('none')} />}
    </div>
  );
}
