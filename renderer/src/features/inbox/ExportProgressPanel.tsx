import { useExportStore } from '../../state/exportStore';

/** While an export writes: how many submitted tasks were looked at and written, and Cancel (no file is left). */
export function ExportProgressPanel() {
  const running = useExportStore((s) => s.running);
  const cancel = useExportStore((s) => s.cancel);
  if (!running) return null;
  const { fileName, total, considered, exported } = running;
  const percent = total > 0 ? Math.min(100, Math.round((considered / total) * 100)) : 100;
  const label = `Exporting to ${fileName}`;
  return (
    <section className="import-progress" role="region" aria-label="Export">
      <div className="import-progress-text">
        <strong>{label}</strong>
        <span>
          {considered.toLocaleString()} of {total.toLocaleString()} submitted tasks · {exported.toLocaleString()} written
        </span>
      </div>
      <progress max={100} value={percent} aria-label={label} aria-valuetext={`${percent}%`} />
      <button type="button" className="button" onClick={cancel}>
        Cancel
      </button>
    </section>
  );
}
