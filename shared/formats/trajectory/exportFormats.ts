import type { AnnotatedTask } from '../preference';
import { toSftJsonl, toSourceFormatFile, toStepLabelsJsonl, toSweBenchPredictionsJsonl, trajectoryItems } from './exporters';

export const TRAJECTORY_EXPORT_FORMATS = ['trajectory-source', 'trajectory-sft-jsonl', 'trajectory-step-labels-jsonl', 'swe-bench-predictions-jsonl'] as const;
export type TrajectoryExportFormat = (typeof TRAJECTORY_EXPORT_FORMATS)[number];

const sourceExtension = (items: ReturnType<typeof trajectoryItems>): string => {
  if (items.length !== 1) return 'jsonl';
  const format = items[0]?.task.payload.source?.format;
  return format === 'swe-agent-traj' ? 'traj' : format === 'openhands-output' || format === 'swe-bench-instance' ? 'jsonl' : 'json';
};

/** Trajectory tasks only, in one of the trajectory formats. */
export const trajectoryExport = (all: readonly AnnotatedTask[], format: TrajectoryExportFormat, stamp: string): { fileName: string; text: string; tasks: number } => {
  const items = trajectoryItems(all);
  switch (format) {
    case 'trajectory-source':
      return { fileName: `trajectories.source.${stamp}.${sourceExtension(items)}`, text: toSourceFormatFile(items), tasks: items.length };
    case 'trajectory-sft-jsonl':
      return { fileName: `trajectories.sft.${stamp}.jsonl`, text: toSftJsonl(items), tasks: items.length };
    case 'trajectory-step-labels-jsonl':
      return { fileName: `trajectories.step-labels.${stamp}.jsonl`, text: toStepLabelsJsonl(items), tasks: items.length };
    case 'swe-bench-predictions-jsonl':
      return { fileName: `swe-bench.predictions.${stamp}.jsonl`, text: toSweBenchPredictionsJsonl(items), tasks: items.length };
  }
};
