import fc from 'fast-check';
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openPlatformStore } from '../../platform/store';
import { makeTasks, mutation, reasoningAnnotation, tempDir, toJsonl } from './helpers';

type Tamper = 'annotation' | 'activeSeconds' | 'submittedAt' | 'taskVersion' | 'reorder';

/**
 * Whatever revision of a judgement is altered in the platform's database, and however, the chain check names
 * that revision (or, for two swapped links, the first of them), and every revision before it still verifies.
 */
describe('the platform hash chain under tampering (seeded)', () => {
  it('names the altered revision', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 6 }), fc.nat(), fc.constantFrom<Tamper>('annotation', 'activeSeconds', 'submittedAt', 'taskVersion', 'reorder'), async (count, pick, tamper) => {
        const dir = tempDir();
        const store = await openPlatformStore(dir);
        try {
          await store.addUser('alice', 'expert');
          await store.importTasks({ project: 'math', fileName: 't.jsonl', text: toJsonl(makeTasks(1)) });
          await store.assign({ user: 'alice', count: 1 });
          const alice = await store.userByName('alice');
          if (!alice) throw new Error('no alice');
          const ids: string[] = [];
          for (let i = 1; i <= count; i++) {
            const result = await store.mutations.push(alice, { clientId: 'c1', mutations: [mutation({ id: i, taskId: 't0001', revision: i, annotation: reasoningAnnotation(`answer ${i}`) })] });
            ids.push(result.results[0]!.submissionId!);
          }
          expect((await store.chain.verifyProject('math'))[0]?.check).toMatchObject({ intact: true, revisions: count });
          const revision = tamper === 'reorder' ? 1 + (pick % (count - 1)) : 1 + (pick % count);
          const id = ids[revision - 1]!;
          if (tamper === 'annotation') await store.db.query("UPDATE submissions SET annotation_json = json_set(annotation_json, '$.finalAnswer', 'changed') WHERE id = ?", [id]);
          if (tamper === 'activeSeconds') await store.db.query('UPDATE submissions SET active_seconds = active_seconds + 1 WHERE id = ?', [id]);
          if (tamper === 'submittedAt') await store.db.query("UPDATE submissions SET submitted_at = '2000-01-01T00:00:00.000Z' WHERE id = ?", [id]);
          if (tamper === 'taskVersion') await store.db.query('UPDATE submissions SET task_version = 7 WHERE id = ?', [id]);
          if (tamper === 'reorder') {
            // Swap which rows two neighbouring links point at.
            const next = ids[revision]!;
            const swap = 'UPDATE judgement_revisions SET source_id = ? WHERE source_id = ?';
            await store.db.query(swap, ['swapping', id]);
            await store.db.query(swap, [id, next]);
            await store.db.query(swap, [next, 'swapping']);
          }
          const [result] = await store.chain.verifyProject('math');
          expect(result?.check).toMatchObject({ intact: false, brokenAt: revision });
          expect(result?.sourceId).toBe(tamper === 'reorder' ? ids[revision] : id);
        } finally {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 15 },
    );
  });
});
