import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TaskInput } from '../../shared/domain';
import { verifyChain } from '../../shared/review/historyChain';
import { postReviewResponseSchema, pushResponseSchema, reviewQueueResponseSchema } from '../../shared/sync/protocol';
import { agreementReportSchema, taskJudgementsResponseSchema } from '../../shared/sync/reviewQuality';
import { runCli } from '../../platform/cli/commands';
import { openPlatformStore } from '../../platform/store';
import { agreementCsv } from '../../platform/store/agreementReport';
import { migrate } from '../../platform/store/migrations';
import { openDatabase } from '../../platform/store/sqlite';
import { client, makeTasks, mutation, startPlatform, toJsonl, type TestPlatform } from './helpers';
import { describeEngines } from '../support/postgres/engines';

/** The CLI's flag for where the test platform's store is. */
const storeArgs = (p: TestPlatform): string[] => (p.engine === 'postgres' ? ['--database', p.dir] : ['--data', p.dir]);

const repo = join(__dirname, '..', '..');

/** Reasoning tasks with three model steps each: r1, r2, r3. */
const stepTasks: TaskInput[] = ['r1', 'r2', 'r3'].map((id) => ({
  id,
  project: 'proofs',
  title: `Proof ${id}`,
  payload: { kind: 'reasoning', problem: `Prove ${id}`, modelSteps: [{ id: 's1', content: 'a' }, { id: 's2', content: 'b' }, { id: 's3', content: 'c' }] },
}));

type Rating = -1 | 0 | 1;
const judgement = (s1: Rating, s2: Rating, s3: Rating, firstErrorStepId: string | null) => ({
  kind: 'reasoning' as const,
  stepRatings: { s1, s2, s3 },
  firstErrorStepId,
  finalAnswer: 'x',
});

const captured = () => {
  const io = { outText: '', errText: '', out: (t: string) => void (io.outText += t), err: (t: string) => void (io.errText += t) };
  return io;
};

describeEngines('review quality on the platform: overlap, gold, agreement, hash chain', (engine) => {
  let p: TestPlatform;
  let experts: Record<'alice' | 'bob' | 'cy', ReturnType<typeof client>>;
  let rita: ReturnType<typeof client>;
  let nextId = 0;

  const submit = async (who: keyof typeof experts, taskId: string, annotation: ReturnType<typeof judgement>) => {
    nextId += 1;
    const res = await experts[who].post('/v1/mutations', { clientId: `client-${who}`, mutations: [mutation({ id: nextId, taskId, revision: nextId, annotation })] });
    const id = pushResponseSchema.parse(res.body).results[0]?.submissionId;
    if (id === undefined) throw new Error(`submit failed: ${res.text}`);
    return id;
  };

  beforeEach(async () => {
    p = await startPlatform({ engine });
    const { store } = p.server;
    experts = {
      alice: client(p.server.url, (await store.addUser('alice', 'expert')).token),
      bob: client(p.server.url, (await store.addUser('bob', 'expert')).token),
      cy: client(p.server.url, (await store.addUser('cy', 'expert')).token),
    };
    await store.addUser('dan', 'expert');
    rita = client(p.server.url, (await store.addUser('rita', 'reviewer')).token);
    await store.importTasks({ project: 'proofs', fileName: 'tasks.jsonl', text: toJsonl(stepTasks) });
  });
  afterEach(() => p.close());

  describe('overlap assignment', () => {
    it('gives each task to N distinct experts, never twice to one, and leaves full tasks to nobody else', async () => {
      const { store } = p.server;
      for (const user of ['alice', 'bob', 'cy']) expect((await store.assign({ user, project: 'proofs', count: 2, overlap: 3 })).assigned).toEqual(['r1', 'r2']);
      // r1 and r2 have their three experts: dan gets the next task with room.
      expect((await store.assign({ user: 'dan', project: 'proofs', count: 2, overlap: 3 })).assigned).toEqual(['r3']);
      // alice already holds r1 and r2; only r3 has room and is new to her.
      expect((await store.assign({ user: 'alice', project: 'proofs', count: 5, overlap: 3 })).assigned).toEqual(['r3']);
      await expect(store.assign({ user: 'alice', taskId: 'r1', overlap: 3 })).rejects.toThrow(/alice already holds or held task r1/);
      await expect(store.assign({ user: 'dan', taskId: 'r1', overlap: 3 })).rejects.toThrow(/already has 3 expert/);
      await expect(store.assign({ user: 'dan', taskId: 'r1', overlap: 3, force: true })).rejects.toThrow(/never taken from a holder/);
      // Without overlap, a shared task is not free.
      expect((await store.assign({ user: 'dan', project: 'proofs', count: 3 })).assigned).toEqual([]);
      const holders = await store.db.query<{ task_id: string; names: string }>(
        "SELECT a.task_id, u.name AS names FROM assignments a JOIN users u ON u.id = a.user_id WHERE a.ended_at IS NULL ORDER BY a.task_id, u.name",
      ).then((rows) => {
        const byTask = new Map<string, string[]>();
        for (const r of rows) byTask.set(r.task_id, [...(byTask.get(r.task_id) ?? []), r.names]);
        return [...byTask.values()].map((names) => ({ names: names.join(' ') }));
      });
      expect(holders).toHaveLength(3);
      expect(new Set((holders as Array<{ names: string }>)[0]!.names.split(' '))).toEqual(new Set(['alice', 'bob', 'cy']));
    });

    it('revokes one holder with --user, leaving the others, and refuses an overlap out of range', async () => {
      const { store } = p.server;
      for (const user of ['alice', 'bob']) await store.assign({ user, taskId: 'r1', overlap: 2 });
      expect(await store.revoke('r1', 'bob')).toEqual({ user: 'bob' });
      await expect(store.revoke('r1', 'bob')).rejects.toThrow(/not assigned to bob/);
      expect(await store.revoke('r1')).toEqual({ user: 'alice' });
      await expect(store.assign({ user: 'alice', project: 'proofs', count: 1, overlap: 99 })).rejects.toThrow(/overlap must be a whole number from 1 to 20/);
    });

    it('from the CLI: several experts at once, each task to all of them', async () => {
      await p.server.store.close();
      const io = captured();
      expect(await runCli(['assign', ...storeArgs(p), '--user', 'alice,bob,cy', '--project', 'proofs', '--overlap', '3', '--count', '2'], io)).toEqual({ kind: 'done', exitCode: 0 });
      expect(io.outText).toBe('Assigned 2 task(s) to alice: r1, r2\nAssigned 2 task(s) to bob: r1, r2\nAssigned 2 task(s) to cy: r1, r2\n');
      const refused = captured();
      expect(await runCli(['assign', ...storeArgs(p), '--user', 'alice,bob', '--project', 'proofs', '--count', '1'], refused)).toEqual({ kind: 'done', exitCode: 2 });
      expect(refused.errText).toMatch(/Several users need --overlap N/);
    });
  });

  describe('gold tasks', () => {
    it('experts cannot tell: their snapshot, changes and the review queue are byte-identical before and after marking gold', async () => {
      const { store } = p.server;
      await store.assign({ user: 'alice', project: 'proofs', count: 3 });
      await submit('alice', 'r2', judgement(1, 1, 1, null));
      const seen = async () => [
        (await experts.alice.get('/v1/snapshot')).text,
        (await experts.alice.get('/v1/changes')).text,
        (await rita.get('/v1/review/queue')).text,
      ];
      const before = await seen();
      await store.gold.mark('r1', judgement(1, -1, 0, 's2'));
      await store.gold.mark('r2', judgement(1, 1, 1, null));
      expect(await seen()).toEqual(before);
      expect(before[0]).not.toMatch(/gold/i);
      expect(reviewQueueResponseSchema.parse(JSON.parse(before[2]!)).items).toHaveLength(1);
    });

    it('from the CLI: gold --expected FILE marks it, --clear undoes it, a file that is not JSON is refused by name', async () => {
      await p.server.store.close();
      const file = join(mkdtempSync(join(tmpdir(), 'assay-gold-')), 'expected.json');
      writeFileSync(file, JSON.stringify(judgement(1, -1, 0, 's2')));
      const io = captured();
      expect(await runCli(['gold', ...storeArgs(p), '--task', 'r1', '--expected', file], io)).toEqual({ kind: 'done', exitCode: 0 });
      expect(io.outText).toBe(`Task r1 is gold: experts' reasoning judgements of it are scored against ${file}\n`);
      const reopened = await openPlatformStore(p.dir);
      expect(await reopened.gold.expected('r1')).toMatchObject({ stepRatings: { s1: 1, s2: -1, s3: 0 }, firstErrorStepId: 's2' });
      reopened.close();
      writeFileSync(file, '{"kind": "reasoning",');
      const bad = captured();
      expect(await runCli(['gold', ...storeArgs(p), '--task', 'r1', '--expected', file], bad)).toEqual({ kind: 'done', exitCode: 1 });
      expect(bad.errText).toMatch(/expected\.json is not JSON/);
      const cleared = captured();
      expect(await runCli(['gold', ...storeArgs(p), '--task', 'r1', '--clear'], cleared)).toEqual({ kind: 'done', exitCode: 0 });
      expect(cleared.outText).toBe('Task r1 is no longer gold\n');
      const usage = captured();
      expect(await runCli(['report', 'agreement', ...storeArgs(p)], usage)).toEqual({ kind: 'done', exitCode: 2 });
      expect(usage.errText).toMatch(/--project is required/);
    });

    it('refuses an expected judgement of another kind or a malformed one, naming the field', async () => {
      const { store } = p.server;
      await expect(store.gold.mark('r1', { kind: 'ranking', displayOrder: [] })).rejects.toThrow(/r1 is a reasoning task; the expected judgement is for ranking/);
      await expect(store.gold.mark('r1', { kind: 'reasoning', stepRatings: { s1: 5 } })).rejects.toThrow(/at stepRatings\.s1/);
      await expect(store.gold.mark('nope', judgement(1, 1, 1, null))).rejects.toThrow(/No task nope/);
      expect(await store.gold.expected('r1')).toBeNull();
    });
  });

  describe('judgements side by side and the agreement report', () => {
    beforeEach(async () => {
      const { store } = p.server;
      for (const user of ['alice', 'bob', 'cy']) await store.assign({ user, project: 'proofs', count: 2, overlap: 3 });
      await store.gold.mark('r1', judgement(1, -1, -1, 's2'));
      await submit('alice', 'r1', judgement(1, -1, -1, 's2')); // all as expected
      await submit('bob', 'r1', judgement(1, 1, -1, 's3')); // s2 differs
      await submit('cy', 'r1', judgement(1, -1, 0, 's2')); // s3 differs
      await submit('alice', 'r2', judgement(1, 1, 1, null));
      await submit('bob', 'r2', judgement(1, 1, 1, null));
    });

    it('serves one task’s judgements with gold scores, agreement figures and intact histories to reviewers only', async () => {
      const res = await rita.get('/v1/review/tasks/r1/judgements');
      expect(res.status, res.text).toBe(200);
      const body = taskJudgementsResponseSchema.parse(res.body);
      expect(body.judgements.map((j) => [j.expert, j.goldScore?.score, j.goldScore?.firstWrongStep])).toEqual([
        ['alice', 1, 'same'],
        ['bob', 2 / 3, 'different'],
        ['cy', 2 / 3, 'same'],
      ]);
      // s1: 3 of 3 pairs agree; s2: 1 of 3 (alice, cy); s3: 1 of 3 (alice, bob). 5 of 9.
      const steps = body.agreement.figures.find((f) => f.measure === 'step_label_agreement');
      expect(steps).toEqual({ measure: 'step_label_agreement', value: 5 / 9, n: 9 });
      expect(body.agreement.figures.find((f) => f.measure === 'first_wrong_step_agreement')).toEqual({ measure: 'first_wrong_step_agreement', value: 1 / 3, n: 3 });
      for (const j of body.judgements) expect(verifyChain(j.history)).toMatchObject({ intact: true, revisions: 1 });
      expect((await experts.alice.get('/v1/review/tasks/r1/judgements')).status).toBe(403);
      expect((await rita.get('/v1/review/tasks/zz/judgements')).status).toBe(404);
    });

    it('reports a project: figures per kind and task, gold scores per expert; the CLI prints the same as CSV', async () => {
      const res = await rita.get('/v1/review/agreement?project=proofs');
      expect(res.status, res.text).toBe(200);
      const report = agreementReportSchema.parse(res.body);
      expect(report).toMatchObject({ project: 'proofs', taskCount: 3 });
      expect(report.tasks.map((t) => [t.taskId, t.experts, t.gold])).toEqual([
        ['r1', ['alice', 'bob', 'cy'], true],
        ['r2', ['alice', 'bob'], false],
      ]);
      const reasoning = report.kinds.find((k) => k.kind === 'reasoning');
      // Step pairs: r1 5 of 9, r2 3 of 3 -> 8 of 12.
      expect(reasoning?.figures.find((f) => f.measure === 'step_label_agreement')).toEqual({ measure: 'step_label_agreement', value: 8 / 12, n: 12 });
      expect(reasoning?.figures.find((f) => f.measure === 'fleiss_kappa_steps')?.n).toBe(3);
      expect(report.experts).toEqual([
        { expert: 'alice', judged: 2, goldTasks: 1, goldMean: 1 },
        { expert: 'bob', judged: 2, goldTasks: 1, goldMean: 2 / 3 },
        { expert: 'cy', judged: 1, goldTasks: 1, goldMean: 2 / 3 },
      ]);
      expect((await rita.get('/v1/review/agreement?project=nope')).status).toBe(404);
      expect((await rita.get('/v1/review/agreement')).status).toBe(400);
      expect((await experts.bob.get('/v1/review/agreement?project=proofs')).status).toBe(403);

      await p.server.store.close();
      const io = captured();
      expect(await runCli(['report', 'agreement', ...storeArgs(p), '--project', 'proofs'], io)).toEqual({ kind: 'done', exitCode: 0 });
      const lines = io.outText.trim().split('\n');
      expect(lines[0]).toBe('scope,project,kind,task,expert,measure,value,n');
      expect(lines).toContain('project,proofs,reasoning,,,step_label_agreement,0.6667,12');
      expect(lines).toContain('task,proofs,reasoning,r1,alice bob cy,step_label_agreement,0.5556,9');
      expect(lines).toContain('gold,proofs,reasoning,r1,bob,gold_score,0.6667,3');
      expect(lines.filter((l) => l.startsWith('gold,'))).toHaveLength(3);
    });
  });

  describe('the hash chain of each judgement', () => {
    it('chains submissions and a reviewer’s fix; a revision altered in the database is detected and named, by the app’s check, the CLI and an independent script', async () => {
      const { store } = p.server;
      await store.assign({ user: 'alice', project: 'proofs', count: 1 });
      await submit('alice', 'r1', judgement(1, 1, 1, null));
      const second = await submit('alice', 'r1', judgement(1, -1, -1, 's2'));
      // The third submission is sent twice (a lost answer): it lands, and is chained, once.
      const third = mutation({ id: 50, taskId: 'r1', revision: 50, annotation: judgement(1, -1, 0, 's2') });
      const statuses = [];
      for (let i = 0; i < 2; i++) statuses.push(pushResponseSchema.parse((await experts.alice.post('/v1/mutations', { clientId: 'client-alice', mutations: [third] })).body).results[0]?.status);
      expect(statuses).toEqual(['applied', 'duplicate']);
      const queue = reviewQueueResponseSchema.parse((await rita.get('/v1/review/queue')).body);
      const fix = await rita.post('/v1/reviews', { submissionId: queue.items[0]!.submissionId, verdict: 'fixed', fixedAnnotation: judgement(1, -1, -1, 's2'), idempotencyKey: 'fix-key-0001' });
      expect(fix.status, fix.text).toBe(201);
      const fixId = postReviewResponseSchema.parse(fix.body).review.id;
      // The verdict sent again lands once too: no second fix link.
      const again = await rita.post('/v1/reviews', { submissionId: queue.items[0]!.submissionId, verdict: 'fixed', fixedAnnotation: judgement(1, -1, -1, 's2'), idempotencyKey: 'fix-key-0001' });
      expect(postReviewResponseSchema.parse(again.body).duplicate).toBe(true);

      const history = async () => taskJudgementsResponseSchema.parse((await rita.get('/v1/review/tasks/r1/judgements')).body).judgements[0]!.history;
      const intact = await history();
      expect(intact.map((l) => [l.content.revision, l.source, l.content.author])).toEqual([
        [1, 'submission', 'alice'],
        [2, 'submission', 'alice'],
        [3, 'submission', 'alice'],
        [4, 'fix', 'rita'],
      ]);
      expect(intact[3]!.sourceId).toBe(fixId);
      expect(verifyChain(intact)).toMatchObject({ intact: true, revisions: 4 });

      const exportFile = join(mkdtempSync(join(tmpdir(), 'assay-audit-')), 'audit.jsonl');
      writeFileSync(exportFile, await store.chain.auditJsonl('proofs'));
      const clean = spawnSync('python3', [join(repo, 'scripts/audit/verify_chain.py'), exportFile], { encoding: 'utf8' });
      expect(clean.stdout, clean.stderr).toBe('intact: 1 chains, 4 revisions\n');
      expect(clean.status).toBe(0);

      // Someone with database access rewrites alice's second submission.
      await store.db.query('UPDATE submissions SET annotation_json = ? WHERE id = ?', [JSON.stringify(judgement(1, 1, 1, null)), second]);
      expect(verifyChain(await history())).toMatchObject({ intact: false, brokenAt: 2 });
      expect(await store.chain.verifyProject('proofs')).toEqual([
        { taskId: 'r1', expert: 'alice', sourceId: second, check: expect.objectContaining({ intact: false, brokenAt: 2 }) },
      ]);
      writeFileSync(exportFile, await store.chain.auditJsonl('proofs'));
      const tampered = spawnSync('python3', [join(repo, 'scripts/audit/verify_chain.py'), exportFile], { encoding: 'utf8' });
      expect(tampered.status).toBe(1);
      expect(tampered.stdout).toContain(`task r1, expert alice: revision 2 does not match its hash (submission ${second})`);

      await p.server.store.close();
      const io = captured();
      expect(await runCli(['audit', 'verify', ...storeArgs(p), '--project', 'proofs'], io)).toEqual({ kind: 'done', exitCode: 1 });
      expect(io.outText).toContain(`BROKEN task r1, expert alice: revision 2 does not match its hash`);
      expect(io.outText).toContain(`(${second})`);
    });

    it('a removed link is caught too, and the store chains work made before the chain existed when the store opens', async () => {
      const { store } = p.server;
      await store.assign({ user: 'alice', project: 'proofs', count: 1 });
      await submit('alice', 'r1', judgement(1, 1, 1, null));
      await submit('alice', 'r1', judgement(0, 1, 1, null));
      // As a store just migrated to version 7 is: submissions, no links, not yet backfilled.
      await store.db.query('DELETE FROM judgement_revisions');
      await store.db.query("DELETE FROM meta WHERE key = 'judgement_chain_backfilled'");
      await p.server.close();
      const reopened = await openPlatformStore(p.dir);
      try {
        expect(await reopened.chain.verifyProject(null)).toEqual([{ taskId: 'r1', expert: 'alice', sourceId: null, check: expect.objectContaining({ intact: true, revisions: 2 }) }]);
        await reopened.db.query('DELETE FROM judgement_revisions WHERE revision = 1');
        expect((await reopened.chain.verifyProject(null))[0]?.check).toMatchObject({ intact: false, brokenAt: 2 });
      } finally {
        await reopened.close();
      }
    });
  });
});

describe('overlap on a store with tasks in other projects', () => {
  it('keeps to the project asked for', async () => {
    const p = await startPlatform();
    try {
      const { store } = p.server;
      await store.addUser('alice', 'expert');
      await store.importTasks({ project: 'math', fileName: 'a.jsonl', text: toJsonl(makeTasks(2)) });
      await store.importTasks({ project: 'proofs', fileName: 'b.jsonl', text: toJsonl(stepTasks) });
      expect((await store.assign({ user: 'alice', project: 'proofs', count: 9, overlap: 2 })).assigned).toEqual(['r1', 'r2', 'r3']);
    } finally {
      await p.close();
    }
  });
});

describe('status and single-holder assignment with overlap', () => {
  it('counts each task once in the total, and refuses to hand a shared task to one expert without --overlap', async () => {
    const p = await startPlatform();
    try {
      const { store } = p.server;
      for (const name of ['alice', 'bob', 'cy']) await store.addUser(name, 'expert');
      await store.importTasks({ project: 'proofs', fileName: 'b.jsonl', text: toJsonl(stepTasks) });
      for (const user of ['alice', 'bob']) await store.assign({ user, project: 'proofs', count: 1, overlap: 2 });
      expect((await store.status()).projects).toEqual([{ project: 'proofs', total: 3, byState: { unassigned: 2, assigned: 2, submitted: 0, returned: 0, accepted: 0 } }]);
      await expect(store.assign({ user: 'cy', taskId: 'r1', force: true })).rejects.toThrow(/shared by 2 experts/);
    } finally {
      await p.close();
    }
  });
});

describe('upgrading a version 5 store', () => {
  it('chains the submissions and fixes already there, oldest first, and allows overlap on the old assignments', async () => {
    const d = mkdtempSync(join(tmpdir(), 'assay-platform-v5-'));
    try {
      const old = openDatabase(join(d, 'platform.sqlite'));
      migrate(old, 5);
      const task = { ...stepTasks[0]!, version: 1 };
      const fix = { id: 'rev_1', submissionId: 'sub_2', taskId: 'r1', verdict: 'fixed', comments: [], reviewer: 'rita', reviewedAt: '2030-01-03T00:00:00.000Z', fixedAnnotation: judgement(1, -1, -1, 's2') };
      old.exec(`
        INSERT INTO users VALUES ('u1', 'alice', 'expert', '2030-01-01T00:00:00.000Z'), ('u2', 'rita', 'reviewer', '2030-01-01T00:00:00.000Z'), ('u3', 'bob', 'expert', '2030-01-01T00:00:00.000Z');
        INSERT INTO projects VALUES ('proofs', '', NULL, '2030-01-01T00:00:00.000Z');
        INSERT INTO tasks (id, project, kind, version, task_json, imported_at, updated_at) VALUES ('r1', 'proofs', 'reasoning', 1, '${JSON.stringify(task)}', '2030-01-01T00:00:00.000Z', '2030-01-01T00:00:00.000Z');
        INSERT INTO assignments (task_id, user_id, state, lease_expires_ms, assigned_at, last_submission_id) VALUES ('r1', 'u1', 'accepted', 9e15, '2030-01-01T00:00:00.000Z', 'sub_2');
        INSERT INTO submissions (id, assignment_id, task_id, user_id, revision, annotation_json, active_seconds, client_time, idempotency_key, submitted_at, task_version)
          VALUES ('sub_2', 1, 'r1', 'u1', 2, '${JSON.stringify(judgement(1, 1, 1, null))}', 9, '2030-01-02T00:00:00.000Z', 'k2', '2030-01-02T00:00:00.000Z', 1),
                 ('sub_1', 1, 'r1', 'u1', 1, '${JSON.stringify(judgement(0, 0, 0, null))}', 5, '2030-01-01T00:00:00.000Z', 'k1', '2030-01-01T00:00:00.000Z', 1);
        INSERT INTO reviews (id, submission_id, task_id, reviewer_id, verdict, record_json, reviewed_at) VALUES ('rev_1', 'sub_2', 'r1', 'u2', 'fixed', '${JSON.stringify(fix)}', '2030-01-03T00:00:00.000Z');
      `);
      old.close();
      const store = await openPlatformStore(d);
      try {
        const history = (await store.agreement.taskJudgements('r1')).judgements[0]!.history;
        expect(history.map((l) => [l.content.revision, l.sourceId, l.content.author])).toEqual([
          [1, 'sub_1', 'alice'],
          [2, 'sub_2', 'alice'],
          [3, 'rev_1', 'rita'],
        ]);
        expect(verifyChain(history)).toMatchObject({ intact: true, revisions: 3 });
        expect((await store.assign({ user: 'bob', taskId: 'r1', overlap: 2 })).assigned).toEqual(['r1']);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});

describe('the agreement CSV', () => {
  it('quotes what needs quoting and never lets a spreadsheet run a cell as a formula', () => {
    const csv = agreementCsv({
      project: 'a,"b"',
      generatedAt: '2030-01-01T00:00:00.000Z',
      taskCount: 1,
      kinds: [{ kind: 'ranking', tasks: 1, figures: [{ measure: 'kendall_tau_b', value: -0.5, n: 1 }] }],
      tasks: [{ taskId: '=HYPERLINK("x")', kind: 'ranking', experts: ['@ann', 'bo'], gold: false, figures: [{ measure: 'pairwise_agreement', value: null, n: 0 }] }],
      gold: [],
      experts: [],
    });
    expect(csv.split('\n')).toEqual([
      'scope,project,kind,task,expert,measure,value,n',
      'project,"a,""b""",ranking,,,kendall_tau_b,-0.5000,1',
      `task,"a,""b""",ranking,"'=HYPERLINK(""x"")",'@ann bo,pairwise_agreement,,0`,
      '',
    ]);
  });
});
