import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { GENESIS_HASH, revisionHash, verifyChain } from '@shared/review';
import { afterEach, describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from '../../../electron/core/store/database';
import { migrate } from '../../../electron/core/store/migrations';
import { openStore } from '../../../electron/core/store/openStore';
import type { Store } from '../../../electron/core/store/store';
import { putTasks, saveDraft } from '../../../electron/core/store/workflow';
import { rankingAnnotation, rankingTask } from '../../support/taskFixtures';
import { useTempDirs } from '../../support/tempDir';
import { openTestStore } from '../../support/testStore';

const tempDir = useTempDirs();
let store: Store | undefined;
afterEach(() => store?.close());

const threeRevisions = (): Store => {
  const s = openTestStore(tempDir()).store;
  store = s;
  putTasks(s, [rankingTask('t1'), rankingTask('t2')], 'import');
  for (const text of ['one', 'two', 'three']) saveDraft(s, { taskId: 't1', annotation: rankingAnnotation(text), activeSeconds: 4 });
  saveDraft(s, { taskId: 't2', annotation: rankingAnnotation('other'), activeSeconds: 1 });
  return s;
};

describe('the tamper-evident history of a draft in the real store', () => {
  it('chains every revision and reports the history intact', () => {
    const s = threeRevisions();
    const check = s.drafts.verifyHistory('t1');
    expect(check).toMatchObject({ intact: true, revisions: 3 });
    const hashes = s.db.prepare<[], string>("SELECT chain_hash FROM draft_revisions WHERE task_id = 't1' ORDER BY revision").pluck().all();
    expect(hashes.every((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
    expect(new Set(hashes).size).toBe(3);
    expect(check.intact && check.head).toBe(hashes[2]);
    // Each task has its own chain.
    expect(s.drafts.verifyHistory('t2')).toMatchObject({ intact: true, revisions: 1 });
  });

  it('names the revision whose annotation was altered in the database', () => {
    const s = threeRevisions();
    s.db.prepare("UPDATE draft_revisions SET annotation_json = replace(annotation_json, 'two', 'TWO') WHERE task_id = 't1' AND revision = 2").run();
    expect(s.drafts.verifyHistory('t1')).toMatchObject({ intact: false, brokenAt: 2 });
    expect(s.drafts.verifyHistory('t2').intact).toBe(true);
  });

  it('catches a forged hash on the next link, a changed time, and a removed revision', () => {
    const s = threeRevisions();
    // Someone edits revision 2 and recomputes its hash: revision 3 no longer follows.
    const row = s.db.prepare<[], { chain_hash: string }>("SELECT chain_hash FROM draft_revisions WHERE task_id = 't1' AND revision = 1").get()!;
    const revisions = s.drafts.revisions('t1');
    const forged = revisionHash(row.chain_hash, {
      taskId: 't1', revision: 2, taskVersion: revisions[1]!.taskVersion ?? null, activeSeconds: 400, savedAt: revisions[1]!.savedAt, author: null,
      annotation: JSON.parse(JSON.stringify(revisions[1]!.annotation)) as unknown,
    });
    s.db.prepare("UPDATE draft_revisions SET active_seconds = 400, chain_hash = ? WHERE task_id = 't1' AND revision = 2").run(forged);
    expect(s.drafts.verifyHistory('t1')).toMatchObject({ intact: false, brokenAt: 3 });

    const s2 = threeRevisions();
    s2.db.prepare("UPDATE draft_revisions SET saved_at = '2020-01-01T00:00:00.000Z' WHERE task_id = 't1' AND revision = 1").run();
    expect(s2.drafts.verifyHistory('t1')).toMatchObject({ intact: false, brokenAt: 1 });
    s.close();

    const s3 = threeRevisions();
    s3.db.prepare("DELETE FROM draft_revisions WHERE task_id = 't1' AND revision = 2").run();
    expect(s3.drafts.verifyHistory('t1')).toMatchObject({ intact: false, brokenAt: 3 });
    s2.close();
  });

  it('exports the chain as JSONL that an independent check accepts', () => {
    const s = threeRevisions();
    const lines = s.drafts.auditExport('t1').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(lines[0]!.previousHash).toBe(GENESIS_HASH);
    expect(lines[1]!.previousHash).toBe(lines[0]!.hash);
    expect((lines[2]!.annotation as { justification: string }).justification).toBe('three');
    const rebuilt = lines.map(({ previousHash: _p, hash, ...content }) => ({ content: content as never, hash: hash as string }));
    expect(verifyChain(rebuilt).intact).toBe(true);
    rebuilt[0]!.content = { ...(rebuilt[0]!.content as object), activeSeconds: 0 } as never;
    expect(verifyChain(rebuilt)).toMatchObject({ intact: false, brokenAt: 1 });
  });

  it('gives revisions written before the chain existed their hashes when the store is upgraded', () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const path = join(dir, 'old.db');
    const old = openEncryptedDatabase(path, key);
    migrate(old, 8);
    old.exec(`
      INSERT INTO tasks (id, search_id, project, kind, version, title, guidelines, payload_json, lease_json, excerpt, source, received_at)
      VALUES ('old', 1, 'p', 'ranking', 1, 'Old', '', '${JSON.stringify(rankingTask('old').payload)}', NULL, 'x', 'import', '2026-01-01T00:00:00.000Z');
      INSERT INTO draft_revisions (task_id, revision, annotation_json, active_seconds, saved_at, task_version)
      VALUES ('old', 1, '${JSON.stringify(rankingAnnotation('a'))}', 3, '2026-01-02T00:00:00.000Z', 1),
             ('old', 2, '${JSON.stringify(rankingAnnotation('b'))}', 5, '2026-01-03T00:00:00.000Z', 1);
    `);
    old.close();
    const opened = openStore(path, key).store;
    store = opened;
    expect(opened.drafts.verifyHistory('old')).toMatchObject({ intact: true, revisions: 2 });
    opened.db.prepare("UPDATE draft_revisions SET annotation_json = replace(annotation_json, '\"b\"', '\"c\"') WHERE revision = 2").run();
    expect(opened.drafts.verifyHistory('old')).toMatchObject({ intact: false, brokenAt: 2 });
  });
});
