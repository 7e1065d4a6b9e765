import type { Result, Task } from '../../domain';
import type { ImportLimits } from '../limits';
import { importMiniSweAgent } from './miniSweAgent';
import { importOpenHandsEvents, importOpenHandsOutput } from './openHands';
import { importSweAgentTraj } from './sweAgent';
import { importSweBenchInstances } from './sweBench';

/**
 * The trajectory importers as importTasks calls them. `parsed` is the whole document when detection already
 * parsed it, so a large run is parsed once.
 */
export type TrajectoryImporter = (text: string, limits: ImportLimits, parsed?: unknown) => Result<Task[]>;

export const trajectoryImporters = {
  'swe-agent-traj': (text, _limits, parsed) => importSweAgentTraj(text, parsed),
  'mini-swe-agent': (text, _limits, parsed) => importMiniSweAgent(text, parsed),
  'openhands-events': (text, _limits, parsed) => importOpenHandsEvents(text, parsed),
  'openhands-output': (text, limits) => importOpenHandsOutput(text, undefined, limits.maxTasks),
  'swe-bench-instance': (text, limits) => importSweBenchInstances(text, undefined, limits.maxTasks),
} satisfies Record<string, TrajectoryImporter>;
