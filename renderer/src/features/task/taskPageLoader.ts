import type { OpenTask, Result } from '@shared/domain';
import { api } from '../../api';

/**
 * The task screen's code (markdown, KaTeX, highlighting, workspaces) and a task's data, each fetched once and
 * started as early as possible: opening a task asks for both at the same moment instead of one after the other,
 * and a start that reopens the last task asks for them while the app is still booting. Kept out of TaskPage so
 * the first bundle can start them without loading it.
 */
let pageModule: Promise<typeof import('./TaskPage')> | null = null;
export const loadTaskPage = (): Promise<typeof import('./TaskPage')> => (pageModule ??= import('./TaskPage'));

let prefetched: { taskId: string; result: Promise<Result<OpenTask>> } | null = null;

/** Starts opening a task (its code and its data) before the task page mounts. */
export function prefetchTask(taskId: string): void {
  void loadTaskPage();
  if (prefetched?.taskId !== taskId) prefetched = { taskId, result: api().openTask({ id: taskId }) };
}

/** Forgets a prefetch nobody took (the person went elsewhere first), so a later open reads fresh data. */
export function dropPrefetchedTask(): void {
  prefetched = null;
}

/** The task's data: the prefetched answer if it is for this task (taken once), else a fresh request. */
export function openTaskData(taskId: string): Promise<Result<OpenTask>> {
  const mine = prefetched?.taskId === taskId ? prefetched.result : null;
  prefetched = null;
  return mine ?? api().openTask({ id: taskId });
}
