import type { AnnotatedTask } from '../preference';
import { toSftJsonl, toSourceFormatFile, toStepLabelsJsonl, toSweBenchPredictionsJsonl, trajectoryItems } from './exporters';

export const TRAJECTORY_EXPORT_FORMATS = ['trajectory-source', 'trajectory-sft-jsonl', 'trajectory-step-labels-jsonl', 'swe-bench-predictions-jsonl'] as const;
export type TrajectoryExportFormat = (typeof TRAJECTORY_EXPORT_FORMATS)[number];

const sourceExtension = (items: ReturnType<typeof trajectoryItems>, asLines: boolean): string => {
  if (items.length !== 1 || asLines) return 'jsonl';
  const format = items[0]?.task.payload.source?.format;
  return format === 'swe-agent-traj' ? 'traj' : format === 'openhands-output' || format === 'swe-bench-instance' ? 'jsonl' : 'json';
};

/** Trajectory tasks only, in one of the trajectory formats. `asLines`: one line per run even for one run (a page of a longer file). */
export const trajectoryExport = (
  all: readonly AnnotatedTask[],
  format: TrajectoryExportFormat,
  stamp: string,
  asLines = false,
): { fileName: string; text: string; tasks: number } => {
  const items = trajectoryItems(all);
  switch (format) {
    case 'trajectory-source':
      return { fileName: `trajectories.source.${stamp}.${sourceExtension(items, asLines)}`, text: toSourceFormatFile(items, asLines), tasks: items.length };
    case 'trajectory-sft-jsonl':
      return { fileName: `trajectories.sft.${stamp}.jsonl`, text: toSftJsonl(items), tasks: items.length };
    case 'trajectory-step-labels-jsonl':
      return { fileName: `trajectories.step-labels.${stamp}.jsonl`, text: toStepLabelsJsonl(items), tasks: items.length };
    case 'swe-bench-predictions-jsonl':
      return { fileName: `swe-bench.predictions.${stamp}.jsonl`, text: toSweBenchPredictionsJsonl(items), tasks: items.length };
  }
};
