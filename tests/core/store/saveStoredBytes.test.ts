import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Annotation } from '@shared/domain';
import { canonicalJson } from '@shared/review/canonicalJson';
import { GENESIS_HASH } from '@shared/review/historyChain';
import { sha256Hex } from '@shared/review/sha256';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../electron/core/store/store';
import { putTasks, saveDraft } from '../../../electron/core/store/workflow';
import { seededRandom } from '../../support/seed';
import { rankingAnnotation, rankingTask } from '../../support/taskFixtures';
import { useTempDirs } from '../../support/tempDir';
import { openTestStore } from '../../support/testStore';

/**
 * What an autosave stores, spelled out independently of the store's code: the revision row with its hash chain
 * (the shared, plain-TypeScript SHA-256 over the canonical JSON), the draft, the status row and the outbox entry,
 * each byte for byte as the save path wrote them before it was made cheaper. A faster save must not change a byte.
 */
const tempDir = useTempDirs();
let store: Store;
afterEach(() => store?.close());

const naughty = JSON.parse(readFileSync(join(__dirname, '../../fixtures/big-list-of-naughty-strings.json'), 'utf8')) as string[];

/** Strings with lone surrogates, control characters and astral characters mixed in (seeded). */
const oddStrings = (count: number): string[] => {
  const random = seededRandom(13);
  const units = [0xd800, 0xdbff, 0xdc00, 0xdfff, 0x0000, 0x001f, 0x007f, 0x2028, 0xfeff, 0xfffd];
  return Array.from({ length: count }, () => {
    let text = '';
    const length = 1 + Math.floor(random() * 40);
    for (let i = 0; i < length; i++) {
      const pick = random();
      if (pick < 0.3) text += String.fromCharCode(units[Math.floor(random() * units.length)]!);
      else if (pick < 0.45) text += String.fromCodePoint(0x10000 + Math.floor(random() * 0xfffff));
      else text += String.fromCharCode(0x20 + Math.floor(random() * 0x2000));
    }
    return text;
  });
};

interface RevisionRow {
  task_id: string;
  revision: number;
  annotation_json: string;
  active_seconds: number;
  saved_at: string;
  task_version: number | null;
  author: string | null;
  chain_hash: string | null;
}

interface Saved {
  taskId: string;
  annotation: Annotation;
  activeSeconds: number;
  author: string | null;
}

const signIn = (userName: string | null): void => {
  store.transaction(() =>
    store.sync.set(
      'account',
      userName === null ? null : { platformUrl: 'https://lab.example', token: 't', userId: 'u1', userName, role: 'expert', signedInAt: '2026-11-30T00:00:00.000Z' },
    ),
  );
};

describe('what an autosave stores', () => {
  it('is byte for byte the revision chain, draft, status and outbox entry the save path has always written', () => {
    store = openTestStore(tempDir()).store;
    putTasks(store, [rankingTask('t1'), rankingTask('t2'), rankingTask('t3')], 'import');
    const texts = [...naughty, ...oddStrings(120)];
    const saved: Saved[] = [];
    texts.forEach((text, i) => {
      // Names from the naughty list (a lone surrogate cannot round-trip through a TEXT column, so none of those here).
      if (i % 97 === 0) signIn(i % 2 === 0 ? `Dr. ${naughty[i % naughty.length]!.slice(0, 20)}` : null);
      const taskId = `t${1 + (i % 3)}`;
      const annotation = rankingAnnotation(text);
      const activeSeconds = i % 5 === 0 ? i + 0.25 : i;
      const author = store.sync.get('account')?.userName ?? null;
      const draft = saveDraft(store, { taskId, annotation, activeSeconds });
      expect(draft).toEqual({ taskId, revision: saved.filter((s) => s.taskId === taskId).length + 1, annotation, activeSeconds, savedAt: draft.savedAt, taskVersion: 1 });
      saved.push({ taskId, annotation, activeSeconds, author });
    });

    for (const taskId of ['t1', 't2', 't3']) {
      const inputs = saved.filter((s) => s.taskId === taskId);
      const rows = store.db.prepare<[string], RevisionRow>('SELECT * FROM draft_revisions WHERE task_id = ? ORDER BY revision').all(taskId);
      expect(rows).toHaveLength(inputs.length);
      const outbox = store.db
        .prepare<[string], { op: string; payload_json: string; created_at: string; idempotency_key: string; state: string; attempts: number }>(
          'SELECT op, payload_json, created_at, idempotency_key, state, attempts FROM outbox WHERE task_id = ? ORDER BY id',
        )
        .all(taskId);
      expect(outbox).toHaveLength(inputs.length);
      let previous = GENESIS_HASH;
      rows.forEach((row, i) => {
        const input = inputs[i]!;
        const annotationJson = JSON.stringify(input.annotation);
        const content = { taskId, revision: i + 1, taskVersion: 1, activeSeconds: input.activeSeconds, savedAt: row.saved_at, author: input.author, annotation: JSON.parse(annotationJson) as unknown };
        const hash = sha256Hex(previous + canonicalJson(content));
        expect(row).toEqual({ task_id: taskId, revision: i + 1, annotation_json: annotationJson, active_seconds: input.activeSeconds, saved_at: row.saved_at, task_version: 1, author: input.author, chain_hash: hash });
        previous = hash;
        const payloadJson = JSON.stringify({ taskVersion: 1, revision: i + 1, annotation: input.annotation, activeSeconds: input.activeSeconds, savedAt: row.saved_at });
        expect(outbox[i]).toEqual({ op: 'save_draft', payload_json: payloadJson, created_at: row.saved_at, idempotency_key: outbox[i]!.idempotency_key, state: 'pending', attempts: 0 });
        expect(outbox[i]!.idempotency_key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      });
      expect(store.drafts.verifyHistory(taskId)).toEqual({ intact: true, revisions: inputs.length, head: previous });

      const last = rows.at(-1)!;
      expect(store.db.prepare('SELECT task_id, revision, annotation_json, active_seconds, saved_at, task_version, kept_through_version FROM drafts WHERE task_id = ?').get(taskId)).toEqual({
        task_id: taskId,
        revision: last.revision,
        annotation_json: last.annotation_json,
        active_seconds: last.active_seconds,
        saved_at: last.saved_at,
        task_version: 1,
        kept_through_version: null,
      });
      const receivedAt = store.db.prepare<[string], string>('SELECT received_at FROM tasks WHERE id = ?').pluck().get(taskId)!;
      const laterMs = Math.max(Date.parse(last.saved_at), Date.parse(receivedAt));
      expect(store.db.prepare('SELECT status, updated_at, recency FROM task_state WHERE task_id = ?').get(taskId)).toEqual({
        status: 'in_progress',
        updated_at: last.saved_at,
        recency: -laterMs,
      });
    }
    const keys = store.db.prepare<[], string>('SELECT idempotency_key FROM outbox').pluck().all();
    expect(new Set(keys).size).toBe(texts.length);
    const ids = store.db.prepare<[], number>('SELECT id FROM outbox ORDER BY id').pluck().all();
    expect(ids).toEqual(Array.from({ length: texts.length }, (_, i) => i + 1));
  });

  it('continues the chain across a set-aside draft and a version kept in task_versions, as before', () => {
    store = openTestStore(tempDir()).store;
    putTasks(store, [rankingTask('t1')], 'import');
    saveDraft(store, { taskId: 't1', annotation: rankingAnnotation('v1 a'), activeSeconds: 1 });
    putTasks(store, [rankingTask('t1', 'A changed prompt.')], 'import');
    const onV1 = saveDraft(store, { taskId: 't1', annotation: rankingAnnotation('v1 b'), activeSeconds: 2 });
    expect(onV1).toMatchObject({ revision: 2, taskVersion: 1 });
    store.transaction(() => store.drafts.setAside('t1'));
    const onV2 = saveDraft(store, { taskId: 't1', annotation: rankingAnnotation('v2 a'), activeSeconds: 3 });
    expect(onV2).toMatchObject({ revision: 3, taskVersion: 2 });
    expect(store.drafts.verifyHistory('t1')).toMatchObject({ intact: true, revisions: 3 });
    const payloads = store.outbox.forTask('t1').map((e) => e.payload as { taskVersion: number; revision: number });
    expect(payloads.map((p) => [p.taskVersion, p.revision])).toEqual([
      [1, 1],
      [1, 2],
      [2, 3],
    ]);
  });
});
