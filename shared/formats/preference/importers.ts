import type { Result, Task } from '../../domain';
import type { FormatId } from '../detectors';
import type { ImportLimits } from '../limits';
import { importAlpacaEval } from './alpacaEval';
import { importHhRlhfTasks } from './hhRlhf';
import { importOasstTrees } from './oasst';

export type PreferenceFormat = Extract<FormatId, 'hh-rlhf' | 'oasst-tree' | 'alpaca-eval'>;

/** Ready for the `importers` table in shared/formats/importTasks.ts: same signature, each format's default project. */
export const preferenceImporters: Record<PreferenceFormat, (text: string, limits: ImportLimits) => Result<Task[]>> = {
  'hh-rlhf': (text, limits) => importHhRlhfTasks(text, { limits }),
  'oasst-tree': (text, limits) => importOasstTrees(text, { limits }),
  'alpaca-eval': (text, limits) => importAlpacaEval(text, { limits }),
};
