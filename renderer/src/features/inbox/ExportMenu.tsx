import { useState } from 'react';
import type { ExportFormat } from '@shared/formats/exportAnnotations';
import { api } from '../../api';
import { useAppStore } from '../../state/appStore';
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

const download = (fileName: string, text: string) => {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/jsonl' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};

/** Exports submitted work of the project in view (or all projects) as a training file. */
export function ExportMenu() {
  const [open, setOpen] = useState(false);
  const project = useInboxStore((s) => s.filters.project);
  const notify = useAppStore((s) => s.notify);

  const run = async (format: ExportFormat) => {
    setOpen(false);
    const result = await api().exportAnnotations({ format, ...(project ? { project } : {}) });
    if (!result.ok) return notify('error', `Export failed: ${result.error.message}`, result.error.detail);
    if (result.value.tasks === 0) return notify('info', 'There is no submitted work to export yet.');
    download(result.value.fileName, result.value.text);
    notify('success', `Exported ${result.value.tasks} submitted ${result.value.tasks === 1 ? 'task' : 'tasks'} to ${result.value.fileName}.`);
  };

  return (
    <div className="menu-anchor">
      <button type="button" className="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
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
            <button key={format} type="button" role="menuitem" autoFocus={i === 0} onClick={() => void run(format)}>
              {label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
