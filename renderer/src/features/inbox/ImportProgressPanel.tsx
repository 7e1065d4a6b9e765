import { useImportStore } from '../../state/importStore';

const MB = 1024 * 1024;
const size = (bytes: number) => (bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`);

/** While a file imports: how far it has been read, how many tasks so far, and Cancel (nothing of it is kept). */
export function ImportProgressPanel() {
  const running = useImportStore((s) => s.running);
  const cancel = useImportStore((s) => s.cancel);
  if (!running) return null;
  const { fileName, phase, bytesRead, size: total, tasksRead } = running;
  const percent = total > 0 ? Math.min(100, Math.round((bytesRead / total) * 100)) : 100;
  const label = phase === 'reading' ? `Reading ${fileName}` : `Saving ${tasksRead.toLocaleString()} tasks from ${fileName}`;
  return (
    <section className="import-progress" role="region" aria-label="Import">
      <div className="import-progress-text">
        <strong>{label}</strong>
        <span>
          {phase === 'reading' ? `${size(bytesRead)} of ${size(total)} · ${tasksRead.toLocaleString()} tasks read` : 'Writing them all at once: the inbox shows them when done.'}
        </span>
      </div>
      <progress
        max={100}
        value={phase === 'reading' ? percent : undefined}
        aria-label={label}
        aria-valuetext={phase === 'reading' ? `${percent}%` : 'saving'}
      />
      <button type="button" className="button" onClick={cancel} disabled={phase !== 'reading'}>
        Cancel
      </button>
    </section>
  );
}
