import { taskSchema, type Task } from '../domain';
import { serializeCanonicalTasks } from '../formats/canonicalJsonl';
import { DEMO_PROJECT } from './demoProject';
import { rankingDemo } from './rankingDemo';
import { reasoningDemo } from './reasoningDemo';
import { trajectoryDemo } from './trajectoryDemo';

export { DEMO_PROJECT };

/** One task of each kind, written as an expert would meet them, so a newcomer sees real work at once. */
export const demoTasks: Task[] = [rankingDemo, reasoningDemo, trajectoryDemo].map((input) => taskSchema.parse(input));

/** The demo tasks as a canonical JSONL file, as an import would receive them. */
export const demoTasksJsonl = (): string => serializeCanonicalTasks(demoTasks);
