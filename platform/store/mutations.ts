import { formatFieldPath } from '../../shared/formats/describeIssue';
import {
  mutationResultSchema,
  mutationSchema,
  type Mutation,
  type MutationResult,
  type PlatformUser,
  type ProtocolError,
  type PushRequest,
  type PushResponse,
} from '../../shared/sync/protocol';
import { sql } from 'kysely';
import type { AssignmentRepository } from './assignments';
import { all, one, run, transaction, type Executor } from './database';
import type { RevisionChain } from './revisionChain';
import { createSubmissionActivity } from './submissionActivity';
import { isoAt, newId, type StoreContext } from './context';
import { PlatformError } from './errors';

interface LoggedMutation {
  idempotency_key: string;
  user_id: string;
  result_json: string;
}

type Envelope = PushRequest['mutations'][number];

const rejected = (id: number, code: ProtocolError['code'], message: string, detail?: string): MutationResult => ({
  id,
  status: 'rejected',
  error: detail === undefined ? { code, message } : { code, message, detail },
});

/**
 * Applies pushed mutations, each in its own transaction together with its log row and the client's
 * last mutation id, so a crash between two mutations leaves the first fully applied and recorded and the
 * second not at all; a replay then gets the stored answer. With several processes on PostgreSQL, the same
 * mutation arriving at two of them at once is settled by the database: the log's primary key and the
 * idempotency keys are unique, the transaction is SERIALIZABLE, and the loser runs again and finds the
 * winner's stored answer.
 */
export const createMutationRepository = (ctx: StoreContext, assignments: AssignmentRepository, chain: RevisionChain) => {
  const { db, now } = ctx;
  const activity = createSubmissionActivity(ctx);
  const selectClient = (ex: Executor, clientId: string) =>
    one<{ user_id: string; last_mutation_id: number }>(ex, sql`SELECT user_id, last_mutation_id FROM clients WHERE id = ${clientId}`);
  const advanceClient = (tx: Executor, mutationId: number, clientId: string) =>
    run(
      tx,
      sql`UPDATE clients SET last_mutation_id = CASE WHEN last_mutation_id > ${mutationId} THEN last_mutation_id ELSE ${mutationId} END, last_seen_at = ${isoAt(now())} WHERE id = ${clientId}`,
    );

  const storedResult = (row: LoggedMutation, id: number): MutationResult => {
    const first = mutationResultSchema.parse(JSON.parse(row.result_json));
    if (first.status === 'duplicate') throw new Error('a duplicate is never stored');
    return { ...first, id, status: 'duplicate', originalStatus: first.status };
  };

  /** The effect of one well-formed mutation. Runs inside the mutation's transaction. */
  const effect = async (tx: Executor, user: PlatformUser, clientId: string, m: Mutation): Promise<MutationResult> => {
    const task = await one<{ kind: string; version: number; min_accepted_version: number }>(tx, sql`SELECT kind, version, min_accepted_version FROM tasks WHERE id = ${m.taskId}`);
    const assignment = await assignments.latestOfUser(user.id, m.taskId, tx);
    if (task === undefined || assignment === null) {
      return rejected(m.id, 'not_found', `Task ${m.taskId} is not assigned to you`, 'taskId');
    }
    if (assignment.ended_at !== null) {
      const reason = assignment.end_reason ?? 'revoked';
      const quarantineId = newId('q');
      await run(
        tx,
        sql`INSERT INTO quarantine (id, user_id, client_id, mutation_id, idempotency_key, task_id, type, revision, annotation_json, active_seconds, client_time, reason, created_at)
          VALUES (${quarantineId}, ${user.id}, ${clientId}, ${m.id}, ${m.idempotencyKey}, ${m.taskId}, ${m.type}, ${m.revision}, ${JSON.stringify(m.annotation)}, ${m.activeSeconds}, ${m.clientTime}, ${reason}, ${isoAt(now())})`,
      );
      const what = reason === 'reassigned' ? 'was reassigned to someone else' : 'was withdrawn from you';
      return {
        id: m.id,
        status: 'lease_lost',
        error: { code: 'lease_lost', message: `Task ${m.taskId} ${what} on ${assignment.ended_at}; this work was not applied and is kept on the server in quarantine (${quarantineId})` },
        quarantineId,
      };
    }
    const kind = task.kind;
    if (m.annotation.kind !== kind) {
      return rejected(m.id, 'invalid', `Task ${m.taskId} is a ${kind} task; the annotation is for ${m.annotation.kind}`, 'annotation.kind');
    }
    if (assignment.state === 'accepted') {
      return rejected(m.id, 'conflict', `Task ${m.taskId} was already accepted by a reviewer; later changes are not taken`);
    }
    const versions = { version: Number(task.version), min_accepted_version: Number(task.min_accepted_version) };
    const taskVersion = m.taskVersion ?? versions.version;
    if (taskVersion > versions.version) {
      return rejected(m.id, 'invalid', `Task ${m.taskId} has no version ${taskVersion} (its latest is ${versions.version})`, 'taskVersion');
    }
    if (m.type === 'submit' && taskVersion < versions.min_accepted_version) {
      return rejected(
        m.id,
        'conflict',
        `Task ${m.taskId} changed after you started: your work is on version ${taskVersion}, and the platform now takes only version ${versions.min_accepted_version}` +
          `${versions.version > versions.min_accepted_version ? ` or later` : ''}. Your work is kept; open the task and start over on the new version.`,
        'taskVersion',
      );
    }
    // Holding the assignment is what counts, not the lease's expiry: nobody else can hold the task meanwhile.
    await assignments.renew(tx, assignment);
    if (m.type === 'save_draft') {
      await run(
        tx,
        sql`INSERT INTO drafts (assignment_id, revision, annotation_json, active_seconds, client_time, updated_at, task_version)
          VALUES (${assignment.id}, ${m.revision}, ${JSON.stringify(m.annotation)}, ${m.activeSeconds}, ${m.clientTime}, ${isoAt(now())}, ${taskVersion})
          ON CONFLICT (assignment_id) DO UPDATE SET revision = excluded.revision, annotation_json = excluded.annotation_json,
            active_seconds = excluded.active_seconds, client_time = excluded.client_time, updated_at = excluded.updated_at,
            task_version = excluded.task_version
          WHERE excluded.revision >= drafts.revision`,
      );
      return { id: m.id, status: 'applied' };
    }
    const submissionId = newId('sub');
    await run(
      tx,
      sql`INSERT INTO submissions (id, assignment_id, task_id, user_id, revision, annotation_json, active_seconds, client_time, idempotency_key, submitted_at, task_version, app_version, schema_version)
        VALUES (${submissionId}, ${assignment.id}, ${m.taskId}, ${user.id}, ${m.revision}, ${JSON.stringify(m.annotation)}, ${m.activeSeconds}, ${m.clientTime}, ${m.idempotencyKey}, ${isoAt(now())}, ${taskVersion}, ${m.appVersion ?? null}, ${m.schemaVersion ?? null})`,
    );
    await activity.record(tx, submissionId, m.activity);
    await assignments.setState(tx, assignment, 'submitted', submissionId);
    await chain.append(tx, 'submission', submissionId);
    return { id: m.id, status: 'applied', submissionId };
  };

  const applyOne = (user: PlatformUser, clientId: string, envelope: Envelope): Promise<MutationResult> =>
    transaction(db, async (tx): Promise<MutationResult> => {
      const client = await selectClient(tx, clientId);
      const lastId = Number(client?.last_mutation_id ?? 0);
      // One round trip for both replay checks: the same (client, id), or the same key under any client.
      const logged = await all<LoggedMutation & { client_id: string; mutation_id: number }>(
        tx,
        sql`SELECT client_id, mutation_id, idempotency_key, user_id, result_json FROM mutations
          WHERE (client_id = ${clientId} AND mutation_id = ${envelope.id}) OR idempotency_key = ${envelope.idempotencyKey}`,
      );
      const sameId = logged.find((row) => row.client_id === clientId && Number(row.mutation_id) === envelope.id);
      if (sameId) {
        if (sameId.idempotency_key !== envelope.idempotencyKey) {
          return rejected(envelope.id, 'conflict', `Mutation id ${envelope.id} was already used by this client with another idempotency key`, 'id');
        }
        return storedResult(sameId, envelope.id);
      }
      const sameKey = logged.find((row) => row.idempotency_key === envelope.idempotencyKey);
      if (sameKey) {
        if (sameKey.user_id !== user.id) return rejected(envelope.id, 'conflict', 'This idempotency key belongs to another user', 'idempotencyKey');
        // The same work sent again under another client id (a reinstalled app replaying its outbox).
        await advanceClient(tx, envelope.id, clientId);
        return storedResult(sameKey, envelope.id);
      }
      if (envelope.id <= lastId) {
        return rejected(envelope.id, 'invalid', `Mutation id ${envelope.id} is not above this client's last applied id ${lastId}; ids must increase`, 'id');
      }
      const parsed = mutationSchema.safeParse(envelope);
      let result: MutationResult;
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue ? formatFieldPath(issue.path) : '';
        result = rejected(envelope.id, 'invalid', `The mutation does not match the protocol${field === '' ? '' : ` at ${field}`}: ${issue?.message ?? 'invalid'}`, field || undefined);
      } else {
        result = await effect(tx, user, clientId, parsed.data);
      }
      const type = parsed.success ? parsed.data.type : typeof envelope.type === 'string' ? envelope.type.slice(0, 50) : 'unknown';
      const taskId = parsed.success ? parsed.data.taskId : typeof envelope.taskId === 'string' ? envelope.taskId.slice(0, 200) : '';
      await run(
        tx,
        sql`INSERT INTO mutations (client_id, mutation_id, idempotency_key, user_id, type, task_id, result_json, applied_at)
          VALUES (${clientId}, ${envelope.id}, ${envelope.idempotencyKey}, ${user.id}, ${type}, ${taskId}, ${JSON.stringify(result)}, ${isoAt(now())})`,
      );
      await advanceClient(tx, envelope.id, clientId);
      return result;
    });

  return {
    async push(user: PlatformUser, request: PushRequest): Promise<PushResponse> {
      // Whichever process sees a client first creates its row; the others touch it. One statement: a row of
      // another user's is left as it is and answers nothing.
      const mine = await all(
        db.kysely,
        sql`INSERT INTO clients (id, user_id, last_mutation_id, first_seen_at, last_seen_at) VALUES (${request.clientId}, ${user.id}, 0, ${isoAt(now())}, ${isoAt(now())})
          ON CONFLICT (id) DO UPDATE SET last_seen_at = excluded.last_seen_at WHERE clients.user_id = excluded.user_id
          RETURNING id`,
      );
      if (mine.length === 0) throw new PlatformError('forbidden', 'This client id belongs to another user', 'clientId');
      const results: MutationResult[] = [];
      for (const m of request.mutations) results.push(await applyOne(user, request.clientId, m));
      return { results, lastMutationId: Number((await selectClient(db.kysely, request.clientId))?.last_mutation_id ?? 0) };
    },
  };
};
export type MutationRepository = ReturnType<typeof createMutationRepository>;
