import { useRef, useState } from 'react';
import { api } from '../../api';
import { useAppStore } from '../../state/appStore';
import { useInboxStore } from '../../state/inboxStore';

/** "Import tasks…": the file is read here and its text handed to the core, the same in the app and the harness. */
export function ImportButton({ className = 'button' }: { className?: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const notify = useAppStore((s) => s.notify);

  const onFile = async (file: File) => {
    setBusy(true);
    try {
      const result = await api().importTasks({ fileName: file.name, text: await file.text() });
      if (result.ok) {
        const { imported, project } = result.value;
        notify('success', `Imported ${imported} ${imported === 1 ? 'task' : 'tasks'} from ${file.name}${project ? ` into ${project}` : ''}.`);
        await Promise.all([useInboxStore.getState().refresh(), useAppStore.getState().refreshInfo()]);
      } else {
        notify('error', `Nothing was imported from ${file.name}. ${result.error.message}`, result.error.detail);
      }
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <>
      <button type="button" className={className} disabled={busy} onClick={() => input.current?.click()}>
        {busy ? 'Importing…' : 'Import tasks…'}
      </button>
      <input
        ref={input}
        type="file"
        accept=".jsonl,.json,.traj,application/json"
        aria-label="Task file to import"
        data-testid="import-file-input"
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void onFile(file);
        }}
      />
    </>
  );
}
