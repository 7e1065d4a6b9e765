import type { Result, Task } from '../../domain';
import type { FormatId } from '../detectors';
import type { ImportLimits } from '../limits';
import { importGsm8k, importMath } from './mathProblems';
import { importModelSolutions } from './modelSolutions';
import { importPrm800k } from './prm800k';

export type ReasoningFormat = Extract<FormatId, 'prm800k' | 'gsm8k' | 'math' | 'reasoning-model-solutions'>;

/** Ready for the `importers` table in shared/formats/importTasks.ts: same signature, each format's default project. */
export const reasoningImporters: Record<ReasoningFormat, (text: string, limits: ImportLimits) => Result<Task[]>> = {
  prm800k: (text, limits) => importPrm800k(text, { limits }),
  gsm8k: (text, limits) => importGsm8k(text, { limits }),
  math: (text, limits) => importMath(text, { limits }),
  'reasoning-model-solutions': (text, limits) => importModelSolutions(text, { limits }),
};
