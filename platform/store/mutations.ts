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
import type { AssignmentRepository } from './assignments';
import type { RevisionChain } from './revisionChain';
import { isoAt, newId, type StoreContext } from './context';
import { PlatformError } from './errors';
import { createSubmissionActivity } from './submissionActivity';

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
 * second not at all; a replay then gets the stored answer.
 */
export const createMutationRepository = (ctx: StoreContext, assignments: AssignmentRepository, chain: RevisionChain) => {
  const { db, now } = ctx;
  const activity = createSubmissionActivity(ctx);
  const selectClient = db.prepare<[string], { user_id: string; last_mutation_id: number }>('SELECT user_id, last_mutation_id FROM clients WHERE id = ?');
  const insertClient = db.prepare('INSERT INTO clients (id, user_id, last_mutation_id, first_seen_at, last_seen_at) VALUES (?, ?, 0, ?, ?)');
  const touchClient = db.prepare('UPDATE clients SET last_seen_at = ? WHERE id = ?');
  const advanceClient = db.prepare('UPDATE clients SET last_mutation_id = max(last_mutation_id, ?), last_seen_at = ? WHERE id = ?');
  const byClientId = db.prepare<[string, number], LoggedMutation>(
    'SELECT idempotency_key, user_id, result_json FROM mutations WHERE client_id = ? AND mutation_id = ?',
  );
  const byKey = db.prepare<[string], LoggedMutation>('SELECT idempotency_key, user_id, result_json FROM mutations WHERE idempotency_key = ?');
  const logMutation = db.prepare(
    'INSERT INTO mutations (client_id, mutation_id, idempotency_key, user_id, type, task_id, result_json, applied_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const taskKind = db.prepare<[string], string>('SELECT kind FROM tasks WHERE id = ?').pluck();
  const taskVersions = db.prepare<[string], { version: number; min_accepted_version: number }>('SELECT version, min_accepted_version FROM tasks WHERE id = ?');
  const upsertDraft = db.prepare(`
    INSERT INTO drafts (assignment_id, revision, annotation_json, active_seconds, client_time, updated_at, task_version) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (assignment_id) DO UPDATE SET revision = excluded.revision, annotation_json = excluded.annotation_json,
      active_seconds = excluded.active_seconds, client_time = excluded.client_time, updated_at = excluded.updated_at,
      task_version = excluded.task_version
    WHERE excluded.revision >= drafts.revision`);
  const insertSubmission = db.prepare(`
    INSERT INTO submissions (id, assignment_id, task_id, user_id, revision, annotation_json, active_seconds, client_time, idempotency_key, submitted_at, task_version, app_version, schema_version)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertQuarantine = db.prepare(`
    INSERT INTO quarantine (id, user_id, client_id, mutation_id, idempotency_key, task_id, type, revision, annotation_json, active_seconds, client_time, reason, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);

  const storedResult = (row: LoggedMutation, id: number): MutationResult => {
    const first = mutationResultSchema.parse(JSON.parse(row.result_json));
    if (first.status === 'duplicate') throw new Error('a duplicate is never stored');
    return { ...first, id, status: 'duplicate', originalStatus: first.status };
  };

  /** The effect of one well-formed mutation. Runs inside the mutation's transaction. */
  const effect = (user: PlatformUser, clientId: string, m: Mutation): MutationResult => {
    const kind = taskKind.get(m.taskId);
    const assignment = assignments.latestOfUser(user.id, m.taskId);
    if (kind === undefined || assignment === null) {
      return rejected(m.id, 'not_found', `Task ${m.taskId} is not assigned to you`, 'taskId');
    }
    if (assignment.ended_at !== null) {
      const reason = assignment.end_reason ?? 'revoked';
      const quarantineId = newId('q');
      insertQuarantine.run(quarantineId, user.id, clientId, m.id, m.idempotencyKey, m.taskId, m.type, m.revision, JSON.stringify(m.annotation), m.activeSeconds, m.clientTime, reason, isoAt(now()));
      const what = reason === 'reassigned' ? 'was reassigned to someone else' : 'was withdrawn from you';
      return {
        id: m.id,
        status: 'lease_lost',
        error: { code: 'lease_lost', message: `Task ${m.taskId} ${what} on ${assignment.ended_at}; this work was not applied and is kept on the server in quarantine (${quarantineId})` },
        quarantineId,
      };
    }
    if (m.annotation.kind !== kind) {
      return rejected(m.id, 'invalid', `Task ${m.taskId} is a ${kind} task; the annotation is for ${m.annotation.kind}`, 'annotation.kind');
    }
    if (assignment.state === 'accepted') {
      return rejected(m.id, 'conflict', `Task ${m.taskId} was already accepted by a reviewer; later changes are not taken`);
    }
    const versions = taskVersions.get(m.taskId);
    const taskVersion = m.taskVersion ?? versions?.version ?? 1;
    if (versions && taskVersion > versions.version) {
      return rejected(m.id, 'invalid', `Task ${m.taskId} has no version ${taskVersion} (its latest is ${versions.version})`, 'taskVersion');
    }
    if (m.type === 'submit' && versions && taskVersion < versions.min_accepted_version) {
      return rejected(
        m.id,
        'conflict',
        `Task ${m.taskId} changed after you started: your work is on version ${taskVersion}, and the platform now takes only version ${versions.min_accepted_version}` +
          `${versions.version > versions.min_accepted_version ? ` or later` : ''}. Your work is kept; open the task and start over on the new version.`,
        'taskVersion',
      );
    }
    // Holding the assignment is what counts, not the lease's expiry: nobody else can hold the task meanwhile.
    assignments.renew(assignment);
    if (m.type === 'save_draft') {
      upsertDraft.run(assignment.id, m.revision, JSON.stringify(m.annotation), m.activeSeconds, m.clientTime, isoAt(now()), taskVersion);
      return { id: m.id, status: 'applied' };
    }
    const submissionId = newId('sub');
    insertSubmission.run(submissionId, assignment.id, m.taskId, user.id, m.revision, JSON.stringify(m.annotation), m.activeSeconds, m.clientTime, m.idempotencyKey, isoAt(now()), taskVersion, m.appVersion ?? null, m.schemaVersion ?? null);
    activity.record(submissionId, m.activity);
    assignments.setState(assignment, 'submitted', submissionId);
    chain.append('submission', submissionId);
    return { id: m.id, status: 'applied', submissionId };
  };

  const applyOne = (user: PlatformUser, clientId: string, envelope: Envelope): MutationResult =>
    db.transaction((): MutationResult => {
      const client = selectClient.get(clientId);
      const lastId = client?.last_mutation_id ?? 0;
      const sameId = byClientId.get(clientId, envelope.id);
      if (sameId) {
        if (sameId.idempotency_key !== envelope.idempotencyKey) {
          return rejected(envelope.id, 'conflict', `Mutation id ${envelope.id} was already used by this client with another idempotency key`, 'id');
        }
        return storedResult(sameId, envelope.id);
      }
      const sameKey = byKey.get(envelope.idempotencyKey);
      if (sameKey) {
        if (sameKey.user_id !== user.id) return rejected(envelope.id, 'conflict', 'This idempotency key belongs to another user', 'idempotencyKey');
        // The same work sent again under another client id (a reinstalled app replaying its outbox).
        advanceClient.run(envelope.id, isoAt(now()), clientId);
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
        result = effect(user, clientId, parsed.data);
      }
      const type = parsed.success ? parsed.data.type : typeof envelope.type === 'string' ? envelope.type.slice(0, 50) : 'unknown';
      const taskId = parsed.success ? parsed.data.taskId : typeof envelope.taskId === 'string' ? envelope.taskId.slice(0, 200) : '';
      logMutation.run(clientId, envelope.id, envelope.idempotencyKey, user.id, type, taskId, JSON.stringify(result), isoAt(now()));
      advanceClient.run(envelope.id, isoAt(now()), clientId);
      return result;
    })();

  return {
    push(user: PlatformUser, request: PushRequest): PushResponse {
      const client = selectClient.get(request.clientId);
      if (client && client.user_id !== user.id) throw new PlatformError('forbidden', 'This client id belongs to another user', 'clientId');
      if (!client) insertClient.run(request.clientId, user.id, isoAt(now()), isoAt(now()));
      else touchClient.run(isoAt(now()), request.clientId);
      const results = request.mutations.map((m) => applyOne(user, request.clientId, m));
      return { results, lastMutationId: selectClient.get(request.clientId)?.last_mutation_id ?? 0 };
    },
  };
};
export type MutationRepository = ReturnType<typeof createMutationRepository>;
