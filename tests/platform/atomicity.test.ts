import { afterEach, beforeEach, expect, it } from 'vitest';
import { errorBodySchema, pushResponseSchema } from '../../shared/sync/protocol';
import { client, makeTasks, mutation, startPlatform, toJsonl, type TestPlatform } from './helpers';
import { describeEngines } from '../support/postgres/engines';

/**
 * The effect of a mutation, its log row and the client's last mutation id commit together or not at
 * all. A trigger makes the log insert fail after the submission row was written in the same transaction.
 */
describeEngines('mutation atomicity', (engine) => {
  let p: TestPlatform;
  let alice: ReturnType<typeof client>;
  beforeEach(async () => {
    p = await startPlatform({ engine });
    alice = client(p.server.url, (await p.server.store.addUser('alice', 'expert')).token);
    await p.server.store.importTasks({ project: 'math', fileName: 'tasks.jsonl', text: toJsonl(makeTasks(2)) });
    await p.server.store.assign({ user: 'alice', count: 2 });
  });
  afterEach(() => p.close());

  it('leaves no effect and no recorded id when the transaction fails; the retry lands exactly once', async () => {
    const { db } = p.server.store;
    const m1 = mutation({ id: 1, taskId: 't0001' });
    const m2 = mutation({ id: 2, taskId: 't0002' });
    if (engine === 'sqlite') {
      await db.query("CREATE TEMP TRIGGER fail_log BEFORE INSERT ON mutations WHEN NEW.mutation_id = 2 BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
    } else {
      await db.query("CREATE FUNCTION fail_log() RETURNS trigger AS $$ BEGIN IF NEW.mutation_id = 2 THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql");
      await db.query('CREATE TRIGGER fail_log BEFORE INSERT ON mutations FOR EACH ROW EXECUTE FUNCTION fail_log()');
    }
    const failed = await alice.post('/v1/mutations', { clientId: 'c1', mutations: [m1, m2] });
    expect(failed.status).toBe(500);
    expect(errorBodySchema.parse(failed.body).error.code).toBe('server_error');
    // Mutation 1 committed on its own; mutation 2 left nothing behind.
    expect(await p.server.store.submissionCount('t0001')).toBe(1);
    expect(await p.server.store.submissionCount('t0002')).toBe(0);
    expect((await db.query<{ n: number }>("SELECT last_mutation_id AS n FROM clients WHERE id = 'c1'"))[0]?.n).toBe(1);
    expect((await p.server.store.assignments.active('t0002'))?.state).toBe('assigned');

    await db.query(engine === 'sqlite' ? 'DROP TRIGGER fail_log' : 'DROP TRIGGER fail_log ON mutations');
    const retry = pushResponseSchema.parse((await alice.post('/v1/mutations', { clientId: 'c1', mutations: [m1, m2] })).body);
    expect(retry.results.map((r) => r.status)).toEqual(['duplicate', 'applied']);
    expect(retry.lastMutationId).toBe(2);
    expect(await p.server.store.submissionCount('t0001')).toBe(1);
    expect(await p.server.store.submissionCount('t0002')).toBe(1);
  });
});
