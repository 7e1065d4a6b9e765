import { useRef } from 'react';
import { useImportStore } from '../../state/importStore';

/** "Import tasks…": the file is read a chunk at a time into the core, the same in the app and the harness. */
export function ImportButton({ className = 'button' }: { className?: string }) {
  const input = useRef<HTMLInputElement>(null);
  const busy = useImportStore((s) => s.running !== null);

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
          if (file) void useImportStore.getState().start(file).finally(() => input.current && (input.current.value = ''));
        }}
      />
    </>
  );
}
