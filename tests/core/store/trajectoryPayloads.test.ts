import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { taskSchema } from '@shared/domain';
import { DISPLAY_OBSERVATION_CHARS } from '@shared/trajectory';
import { openEncryptedDatabase } from '../../../electron/core/store/database';
import { migrate } from '../../../electron/core/store/migrations';
import { openStore } from '../../../electron/core/store/openStore';
import { putTasks } from '../../../electron/core/store/workflow';
import { useTempDirs } from '../../support/tempDir';

const tempDir = useTempDirs();
const LONG = 'y'.repeat(DISPLAY_OBSERVATION_CHARS * 2);
const task = taskSchema.parse({
  id: 'run-1',
  project: 'p',
  title: 'A long run',
  payload: { kind: 'trajectory', problemStatement: 'Fix it', repository: { name: 'r' }, steps: [{ id: 'step-1', action: 'pytest', observation: LONG }], patch: 'diff' },
});

describe('trajectory payloads in the store (migration 5)', () => {
  it('keeps the whole payload apart and the display copy in the row; get() gives the whole task back', () => {
    const { store } = openStore(join(tempDir(), 's.db'), randomBytes(32));
    putTasks(store, [task], 'import');
    expect(store.tasks.get('run-1')).toEqual(task);
    const shown = store.tasks.getForDisplay('run-1');
    expect(shown?.payload.kind === 'trajectory' && shown.payload.steps[0]).toMatchObject({ observationChars: LONG.length });
    const row = store.db.prepare<[string], string>('SELECT payload_json FROM tasks WHERE id = ?').pluck().get('run-1') ?? '';
    expect(row.length).toBeLessThan(LONG.length);
    // Deleting the task (a revoked platform task) drops its payload too: the foreign key cascades.
    const count = () => store.db.prepare<[], number>('SELECT count(*) FROM task_payloads').pluck().get();
    expect(count()).toBe(1);
    store.db.prepare('DELETE FROM tasks WHERE id = ?').run('run-1');
    expect(count()).toBe(0);
    store.close();
  });

  it('a trajectory written before version 5 (whole payload in the row) still opens, trimmed, and reads whole', () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const path = join(dir, 'old.db');
    const old = openEncryptedDatabase(path, key);
    migrate(old, 4);
    old
      .prepare(
        `INSERT INTO tasks (id, search_id, project, kind, version, title, guidelines, payload_json, lease_json, excerpt, source, received_at)
         VALUES ('run-1', 1, 'p', 'trajectory', 1, 'A long run', '', ?, NULL, 'Fix it', 'import', '2026-01-01T00:00:00.000Z')`,
      )
      .run(JSON.stringify(task.payload));
    old.prepare("INSERT INTO task_state VALUES ('run-1', 'new', '2026-01-01T00:00:00.000Z')").run();
    old.close();

    const { store } = openStore(path, key);
    expect(store.tasks.get('run-1')).toEqual(task);
    const shown = store.tasks.getForDisplay('run-1');
    expect(shown?.payload.kind === 'trajectory' && shown.payload.steps[0]?.observation).toHaveLength(DISPLAY_OBSERVATION_CHARS);
    store.close();
  });
});
