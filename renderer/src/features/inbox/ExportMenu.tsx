import { useState } from 'react';
import type { ExportFormat } from '@shared/formats/exportAnnotations';
import { useExportStore } from '../../state/exportStore';
import { useInboxStore } from '../../state/inboxStore';

const FORMATS: { format: ExportFormat; label: string }[] = [
  { format: 'dpo-jsonl', label: 'DPO preference pairs (TRL JSONL)' },
  { format: 'hh-rlhf-jsonl', label: 'hh-rlhf chosen/rejected (JSONL)' },
  { format: 'prm800k-jsonl', label: 'Reasoning: PRM800K-shaped step labels (JSONL)' },
  { format: 'trl-stepwise-jsonl', label: 'Reasoning: TRL stepwise supervision (JSONL)' },
  { format: 'sft-chat-jsonl', label: 'Reasoning: corrected solutions, SFT chat (JSONL)' },
  { format: 'reasoning-dpo-jsonl', label: 'Reasoning: corrected vs original, DPO (JSONL)' },
  { format: 'canonical-annotations-jsonl', label: 'All annotations, lossless (Assay JSONL)' },
  { format: 'trajectory-source', label: 'Trajectories in their source format (.traj, …), with edits' },
  { format: 'trajectory-sft-jsonl', label: 'Trajectories as SFT chats with tool calls (JSONL)' },
  { format: 'trajectory-step-labels-jsonl', label: 'Trajectory step labels (JSONL)' },
  { format: 'swe-bench-predictions-jsonl', label: 'SWE-bench predictions of the final patches (JSONL)' },
];

/** Exports submitted work of the project in view (or all projects) as a training file, a chunk at a time (exportStore). */
export function ExportMenu() {
  const [open, setOpen] = useState(false);
  const project = useInboxStore((s) => s.filters.project);
  const start = useExportStore((s) => s.start);
  const exporting = useExportStore((s) => s.running !== null);

  const run = (format: ExportFormat) => {
    setOpen(false);
    void start(format, project ?? undefined);
  };

  return (
    <div className="menu-anchor">
      <button type="button" className="button" aria-haspopup="menu" aria-expanded={open} disabled={exporting} onClick={() => setOpen(!open)}>
        Export…
      </button>
      {open && (
        <div
          className="menu"
          role="menu"
          aria-label={`Export submitted work${project ? ` of ${project}` : ''}`}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setOpen(false);
            }
          }}
        >
          {FORMATS.map(({ format, label }, i) => (
            <button key={format} type="button" role="menuitem" autoFocus={i === 0} onClick={() => run(format)}>
              {label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
