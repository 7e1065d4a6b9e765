/**
 * Child process for the crash-safety test: saves drafts as fast as it can and prints `ack <revision> <marker>`
 * only after each save has committed, until the parent kills it.
 *   node --import tsx draftSaverChild.ts <dbPath> <keyHex> <round>
 */
import { writeSync } from 'node:fs';
import { openStore } from '../../electron/core/store/openStore';
import { putTasks, saveDraft } from '../../electron/core/store/workflow';
import { rankingAnnotation, rankingTask } from './taskFixtures';

const [dbPath, keyHex, round] = process.argv.slice(2);
if (!dbPath || !keyHex || !round) throw new Error('usage: draftSaverChild <dbPath> <keyHex> <round>');

const { store, notice } = openStore(dbPath, Buffer.from(keyHex, 'hex'));
if (notice !== null) writeSync(1, `notice ${notice}\n`);
if (!store.tasks.get('crash')) putTasks(store, [rankingTask('crash')], 'import');
writeSync(1, 'ready\n');

for (let n = 0; ; n += 1) {
  const marker = `${round}-${n}`;
  const draft = saveDraft(store, { taskId: 'crash', annotation: rankingAnnotation(marker), activeSeconds: n });
  // writeSync: the line reaches the pipe before the next save starts, so an ack always means "committed".
  writeSync(1, `ack ${draft.revision} ${marker}\n`);
}
