import type { PasteSignal } from '@shared/domain';
import type { Db } from './database';

/** Large pastes into a justification or a step, per task: where, how many characters, when. Never the text. */
export const createActivityRepository = (db: Db) => {
  const insert = db.prepare<[string, string, number, string]>('INSERT INTO paste_signals (task_id, target, chars, at) VALUES (?, ?, ?, ?)');
  const ofTask = db.prepare<[string], PasteSignal>('SELECT target, chars, at FROM paste_signals WHERE task_id = ? ORDER BY id LIMIT 1000');
  return {
    recordPaste(taskId: string, paste: PasteSignal): void {
      insert.run(taskId, paste.target, paste.chars, paste.at);
    },
    pastes: (taskId: string): PasteSignal[] => ofTask.all(taskId),
  };
};
export type ActivityRepository = ReturnType<typeof createActivityRepository>;
