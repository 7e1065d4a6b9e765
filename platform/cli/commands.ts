import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { rubricSchema } from '../../shared/domain';
import { roleSchema } from '../../shared/sync/protocol';
import { isManifestName, releaseChannelSchema, releaseProblems } from '../../shared/updates/releaseFiles';
import { KNOWN_MANIFESTS, withStagingPercentage } from '../../shared/updates/latestYml';
import { createPlatformServer, type PlatformServer } from '../server';
import { openPlatformStore, type PlatformStore } from '../store';
import { PlatformError } from '../store/errors';
import { isPostgresUrl, isUnavailable, type PostgresOptions } from '../store/database';
import type { RequestLogEntry } from '../http/handler';
import { agreementCsv } from '../store/agreementReport';
import { EXPORT_FORMATS, TASK_STATES, type ExportFormat, type PlatformStatus } from '../store/reports';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const USAGE = `Assay platform (reference server for sync protocol v1)

Every command takes --data DIR, the folder holding the platform's embedded store, or
--database postgres://USER@HOST/DB (or the ASSAY_PLATFORM_DATABASE variable) to use PostgreSQL; several
serve processes may share one PostgreSQL database. With PostgreSQL: [--pool-size 10] connections per process,
[--statement-timeout 30000] milliseconds.

  serve   --data DIR [--port 8787] [--host 127.0.0.1] [--rate-limit N]     serve protocol v1 (N requests per minute per user);
                                                                            GET /healthz, /readyz; JSON request log on
                                                                            stdout unless --quiet; SIGTERM drains gracefully
  user add --data DIR --role expert|reviewer|admin NAME                     create a user; prints the API token once
  user token --data DIR NAME                                                issue another token for a user
  user list --data DIR
  import  --data DIR --project P [--guidelines FILE] [--rubric FILE] [--retire-older] FILE
                                                                            import tasks (format detected); --retire-older:
                                                                            updated tasks refuse work on their older versions
  assign  --data DIR --user NAME [--project P] (--count N [--reclaim-expired] | --task ID [--force])
  assign  --data DIR --user NAME[,NAME...] --overlap N [--project P] (--count N | --task ID)
                                                                            overlap: each task goes to up to N distinct
                                                                            experts; each NAME gets --count such tasks
  revoke  --data DIR --task ID [--user NAME]                                withdraw a task from its holder(s)
  gold    --data DIR --task ID (--expected FILE | --clear)                  mark a task gold with its expected judgement
                                                                            (an annotation as JSON); experts cannot tell
  report agreement --data DIR --project P [--out FILE]                     agreement across experts and gold scores, CSV
  audit export --data DIR [--project P] [--out FILE]                        every judgement's hash chain, JSONL (docs/audit.md)
  audit verify --data DIR [--project P]                                     check every chain; exit 1 naming a broken link
  status  --data DIR [--json]                                               tasks by project and state (with an
                                                                            overlap, states count assignments)
  export  --data DIR --format ${EXPORT_FORMATS.join('|')} [--project P] [--out FILE]
  release add --data DIR --channel stable [--staging PCT] FILE...           publish an update: the installers and their
                                                                            latest*.yml, served at /v1/updates/CHANNEL/;
                                                                            --staging: offer it to PCT% of installs first
  release rollout --data DIR --channel stable --staging PCT                 raise (or lower) the current release's share
  min-version set --data DIR VERSION | clear --data DIR | show --data DIR   apps older than VERSION (e.g. 0.2.0) may not
                                                                            sync (HTTP 426 upgrade_required); their work waits
`;

class UsageError extends Error {}

const options = {
  data: { type: 'string' },
  database: { type: 'string' },
  'pool-size': { type: 'string' },
  'statement-timeout': { type: 'string' },
  quiet: { type: 'boolean' },
  port: { type: 'string' },
  host: { type: 'string' },
  'rate-limit': { type: 'string' },
  role: { type: 'string' },
  project: { type: 'string' },
  guidelines: { type: 'string' },
  rubric: { type: 'string' },
  'retire-older': { type: 'boolean' },
  user: { type: 'string' },
  count: { type: 'string' },
  task: { type: 'string' },
  force: { type: 'boolean' },
  'reclaim-expired': { type: 'boolean' },
  overlap: { type: 'string' },
  expected: { type: 'string' },
  clear: { type: 'boolean' },
  format: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  channel: { type: 'string' },
  staging: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values'];

const need = (value: string | undefined, flag: string): string => {
  if (value === undefined || value === '') throw new UsageError(`--${flag} is required`);
  return value;
};

const wholeNumber = (value: string, flag: string, min: number): number => {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`--${flag} must be a whole number of at least ${min}`);
  return n;
};

const percentage = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 100) throw new UsageError('--staging must be a whole percentage from 0 to 100');
  return n;
};

const onePositional = (positionals: string[], what: string): string => {
  if (positionals.length !== 1 || positionals[0] === undefined) throw new UsageError(`Expected exactly one ${what}`);
  return positionals[0];
};

const formatStatus = (status: PlatformStatus): string => {
  const header = ['project', 'total', ...TASK_STATES];
  const rows = status.projects.map((p) => [p.project, String(p.total), ...TASK_STATES.map((s) => String(p.byState[s]))]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const table = status.projects.length === 0 ? 'No tasks yet.' : [line(header), ...rows.map(line)].join('\n');
  return `${table}\n\nusers: ${status.users}  submissions: ${status.submissions}  quarantined: ${status.quarantined}\n`;
};

type Env = Record<string, string | undefined>;

/** --database, else --data, else ASSAY_PLATFORM_DATABASE. */
const storeLocation = (values: Values, env: Env): string => {
  if (values.database !== undefined && values.data !== undefined) throw new UsageError('Give either --data or --database, not both');
  const database = values.database ?? (values.data === undefined ? env.ASSAY_PLATFORM_DATABASE : undefined);
  if (database !== undefined && database !== '') {
    if (!isPostgresUrl(database)) throw new UsageError('--database (or ASSAY_PLATFORM_DATABASE) must be a postgres:// URL');
    return database;
  }
  return resolve(need(values.data, 'data (or --database postgres://...)'));
};

const postgresOptions = (values: Values): PostgresOptions => ({
  ...(values['pool-size'] === undefined ? {} : { poolSize: wholeNumber(values['pool-size'], 'pool-size', 1) }),
  ...(values['statement-timeout'] === undefined ? {} : { statementTimeoutMs: wholeNumber(values['statement-timeout'], 'statement-timeout', 0) }),
});

const runAdmin = async (command: string, positionals: string[], values: Values, io: CliIo, env: Env): Promise<void> => {
  const withStore = async <T>(_values: Values, use: (store: PlatformStore) => Promise<T> | T): Promise<T> => {
    const store = await openPlatformStore(storeLocation(values, env), { postgres: { ...postgresOptions(values), poolSize: 2 } });
    try {
      return await use(store);
    } finally {
      await store.close();
    }
  };
  switch (command) {
    case 'user': {
      const [sub, ...rest] = positionals;
      if (sub === 'add') {
        const role = roleSchema.safeParse(values.role);
        if (!role.success) throw new UsageError('--role must be expert, reviewer or admin');
        const name = onePositional(rest, 'user NAME');
        const { user, token } = await withStore(values, (s) => s.addUser(name, role.data));
        io.out(`Created ${user.role} ${user.name} (${user.id}). API token, shown only this once:\n${token}\n`);
        return;
      }
      if (sub === 'token') {
        const name = onePositional(rest, 'user NAME');
        const token = await withStore(values, (s) => s.issueToken(name));
        io.out(`New API token for ${name}, shown only this once:\n${token}\n`);
        return;
      }
      if (sub === 'list') {
        const users = await withStore(values, (s) => s.listUsers());
        io.out(users.map((u) => `${u.name}\t${u.role}\t${u.id}`).join('\n') + (users.length > 0 ? '\n' : 'No users yet.\n'));
        return;
      }
      throw new UsageError('Expected user add, user token or user list');
    }
    case 'import': {
      const file = onePositional(positionals, 'FILE to import');
      const project = need(values.project, 'project');
      const text = readFileSync(file, 'utf8');
      const guidelines = values.guidelines === undefined ? undefined : readFileSync(values.guidelines, 'utf8');
      const rubric = values.rubric === undefined ? undefined : rubricSchema.parse(JSON.parse(readFileSync(values.rubric, 'utf8')));
      const summary = await withStore(values, (s) =>
        s.importTasks({
          project,
          fileName: file,
          text,
          ...(guidelines === undefined ? {} : { guidelines }),
          ...(rubric === undefined ? {} : { rubric }),
          ...(values['retire-older'] === true ? { retireOlder: true } : {}),
        }),
      );
      io.out(`Imported ${file} as ${summary.format} into ${summary.project}: ${summary.created} new, ${summary.updated} updated, ${summary.unchanged} unchanged\n`);
      return;
    }
    case 'assign': {
      const users = need(values.user, 'user').split(',').map((u) => u.trim());
      if ((values.count === undefined) === (values.task === undefined)) throw new UsageError('Give either --count N or --task ID');
      const overlap = values.overlap === undefined ? undefined : wholeNumber(values.overlap, 'overlap', 1);
      if (users.length > 1 && overlap === undefined) throw new UsageError('Several users need --overlap N (each task to up to N of them)');
      if (new Set(users).size !== users.length || users.includes('')) throw new UsageError('--user names each expert once');
      const summaries = await withStore(values, async (s) => {
        // One transaction per expert: each gets the oldest tasks that still have room, in the order named.
        const done = [];
        for (const user of users) {
          done.push(
            await s.assign({
            user,
            ...(values.project === undefined ? {} : { project: values.project }),
            ...(values.count === undefined ? {} : { count: wholeNumber(values.count, 'count', 1) }),
            ...(values.task === undefined ? {} : { taskId: values.task }),
            ...(overlap === undefined ? {} : { overlap }),
            force: values.force === true,
            reclaimExpired: values['reclaim-expired'] === true,
            }),
          );
        }
        return done;
      });
      for (const summary of summaries) {
        const taken = summary.reassigned.length > 0 ? ` (${summary.reassigned.length} taken from their previous holder)` : '';
        io.out(`Assigned ${summary.assigned.length} task(s) to ${summary.user}${taken}${summary.assigned.length > 0 ? `: ${summary.assigned.join(', ')}` : ''}\n`);
      }
      return;
    }
    case 'revoke': {
      const taskId = need(values.task, 'task');
      const { user } = await withStore(values, (s) => s.revoke(taskId, values.user));
      io.out(`Revoked task ${taskId} from ${user}\n`);
      return;
    }
    case 'gold':
    case 'report':
    case 'audit':
      await runQuality(command, positionals, values, io, withStore);
      return;
    case 'status': {
      const status = await withStore(values, (s) => s.status());
      io.out(values.json === true ? `${JSON.stringify(status, null, 2)}\n` : formatStatus(status));
      return;
    }
    case 'export': {
      const format = need(values.format, 'format');
      if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
      const text = await withStore(values, (s) => s.exportText(format as ExportFormat, values.project));
      if (values.out === undefined) io.out(text);
      else {
        writeFileSync(values.out, text, 'utf8');
        io.err(`Wrote ${text === '' ? 0 : text.split('\n').length - 1} line(s) to ${values.out}\n`);
      }
      return;
    }
    case 'release': {
      const [sub, ...files] = positionals;
      const channel = releaseChannelSchema.safeParse(values.channel);
      if (!channel.success) throw new UsageError('--channel must be a channel such as stable or beta');
      const staging = values.staging === undefined ? undefined : percentage(values.staging);
      if (sub === 'rollout') {
        if (staging === undefined || files.length > 0) throw new UsageError('Expected release rollout --channel CHANNEL --staging PCT');
        const names = await withStore(values, async (s) => {
          const manifests: { name: string; data: Buffer }[] = [];
          for (const name of KNOWN_MANIFESTS) {
            const data = await s.releases.get(channel.data, name);
            if (data !== null) manifests.push({ name, data: Buffer.from(withStagingPercentage(data.toString('utf8'), staging)) });
          }
          if (manifests.length === 0) throw new PlatformError('not_found', `No release on the ${channel.data} channel`);
          await s.releases.add(channel.data, manifests);
          return manifests.map((m) => m.name);
        });
        io.out(`The ${channel.data} release now reaches ${staging}% of installs (${names.join(', ')})\n`);
        return;
      }
      if (sub !== 'add' || files.length === 0) throw new UsageError('Expected release add --channel CHANNEL FILE...');
      const byName = new Map(files.map((file) => [basename(file), file]));
      if (byName.size !== files.length) throw new UsageError('Two files share a name');
      const texts = new Map([...byName].map(([name, file]) => [name, isManifestName(name) ? readFileSync(file, 'utf8') : null]));
      const problems = releaseProblems(texts);
      if (problems.length > 0) throw new PlatformError('invalid', `Nothing published:\n- ${problems.join('\n- ')}`);
      const dataOf = (name: string, file: string): Buffer => {
        const text = texts.get(name);
        return staging === undefined || text === null || text === undefined ? readFileSync(file) : Buffer.from(withStagingPercentage(text, staging));
      };
      await withStore(values, (s) => s.releases.add(channel.data, [...byName].map(([name, file]) => ({ name, data: dataOf(name, file) }))));
      const share = staging === undefined ? '' : ` for ${staging}% of installs`;
      io.out(`Published ${files.length} file(s) on the ${channel.data} channel${share}: ${[...byName.keys()].join(', ')}\n`);
      return;
    }
    case 'min-version': {
      const [sub, ...rest] = positionals;
      if (sub === 'set') {
        const version = await withStore(values, (s) => s.minAppVersion.set(onePositional(rest, 'VERSION')));
        io.out(`Apps older than ${version} are now refused sync (upgrade_required); their work stays queued on their computers\n`);
        return;
      }
      if (sub === 'clear') {
        await withStore(values, (s) => s.minAppVersion.clear());
        io.out('No minimum app version: every version may sync\n');
        return;
      }
      if (sub === 'show') {
        const version = await withStore(values, (s) => s.minAppVersion.get());
        io.out(version === null ? 'No minimum app version\n' : `${version}\n`);
        return;
      }
      throw new UsageError('Expected min-version set VERSION, min-version clear or min-version show');
    }
    default:
      throw new UsageError(`Unknown command ${JSON.stringify(command)}`);
  }
};

const writeOut = (values: Values, io: CliIo, text: string, what: string): void => {
  if (values.out === undefined) io.out(text);
  else {
    writeFileSync(values.out, text, 'utf8');
    io.err(`Wrote ${text === '' ? 0 : text.split('\n').length - 1} ${what} to ${values.out}\n`);
  }
};

/** gold, report agreement, audit export / verify: review quality (issue 9). */
type WithStore = <T>(values: Values, use: (store: PlatformStore) => Promise<T> | T) => Promise<T>;

const runQuality = async (command: string, positionals: string[], values: Values, io: CliIo, withStore: WithStore): Promise<void> => {
  if (command === 'gold') {
    const taskId = need(values.task, 'task');
    if ((values.expected === undefined) === (values.clear !== true)) throw new UsageError('Give either --expected FILE or --clear');
    if (values.clear === true) {
      const was = await withStore(values, (s) => s.gold.clear(taskId));
      io.out(was ? `Task ${taskId} is no longer gold\n` : `Task ${taskId} was not gold\n`);
      return;
    }
    const file = need(values.expected, 'expected');
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      if (error instanceof SyntaxError) throw new PlatformError('invalid', `${file} is not JSON: ${error.message}`);
      throw error;
    }
    const expected = await withStore(values, (s) => s.gold.mark(taskId, value));
    io.out(`Task ${taskId} is gold: experts' ${expected.kind} judgements of it are scored against ${file}\n`);
    return;
  }
  const [sub] = positionals;
  if (command === 'report') {
    if (sub !== 'agreement') throw new UsageError('Expected report agreement --project P');
    const project = need(values.project, 'project');
    writeOut(values, io, await withStore(values, async (s) => agreementCsv(await s.agreement.report(project))), 'row(s)');
    return;
  }
  if (sub === 'export') {
    writeOut(values, io, await withStore(values, (s) => s.chain.auditJsonl(values.project ?? null)), 'revision(s)');
    return;
  }
  if (sub === 'verify') {
    const results = await withStore(values, (s) => s.chain.verifyProject(values.project ?? null));
    const broken = results.filter((r) => !r.check.intact);
    for (const r of broken) {
      if (!r.check.intact) io.out(`BROKEN task ${r.taskId}, expert ${r.expert}: ${r.check.reason}${r.sourceId === null ? '' : ` (${r.sourceId})`}\n`);
    }
    io.out(`${results.length - broken.length} of ${results.length} judgement histories intact\n`);
    if (broken.length > 0) throw new PlatformError('conflict', `${broken.length} judgement history(ies) broken`);
    return;
  }
  throw new UsageError('Expected audit export or audit verify');
};

/** Starts the server for `serve`; resolves with it so the caller decides when to stop. */
export const startServe = async (values: Values, io: CliIo, env: Env = process.env): Promise<PlatformServer> => {
  const rate = values['rate-limit'];
  const location = storeLocation(values, env);
  const server = await createPlatformServer({
    ...(isPostgresUrl(location) ? { database: location, postgres: postgresOptions(values) } : { dataDir: location }),
    ...(values.quiet === true ? {} : { requestLog: (entry: RequestLogEntry) => io.out(`${JSON.stringify(entry)}\n`) }),
    port: values.port === undefined ? 8787 : wholeNumber(values.port, 'port', 0),
    host: values.host ?? '127.0.0.1',
    ...(rate === undefined ? {} : { rateLimit: { requests: wholeNumber(rate, 'rate-limit', 1), windowMs: 60_000 } }),
    log: io.err,
  });
  const engine = server.store.engine === 'postgres' ? 'PostgreSQL' : 'embedded SQLite';
  io.out(`Assay platform serving protocol v1 at ${server.url} (pid ${process.pid}), data in ${engine} at ${server.location}\n`);
  return server;
};

export type CliOutcome = { kind: 'done'; exitCode: number } | { kind: 'serving'; server: PlatformServer };

export const runCli = async (argv: readonly string[], io: CliIo, env: Env = process.env): Promise<CliOutcome> => {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
    const [command, ...rest] = positionals;
    if (values.help === true || command === undefined || command === 'help') {
      io.out(USAGE);
      return { kind: 'done', exitCode: command === undefined && values.help !== true ? 2 : 0 };
    }
    if (command === 'serve') return { kind: 'serving', server: await startServe(values, io, env) };
    await runAdmin(command, rest, values, io, env);
    return { kind: 'done', exitCode: 0 };
  } catch (error) {
    if (error instanceof UsageError || (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('ERR_PARSE_ARGS'))) {
      io.err(`${error.message}\n\n${USAGE}`);
      return { kind: 'done', exitCode: 2 };
    }
    if (error instanceof PlatformError) {
      io.err(`${error.message}\n`);
      return { kind: 'done', exitCode: 1 };
    }
    if (error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'EADDRINUSE' || error.code === 'EACCES' || isUnavailable(error))) {
      io.err(`${error.message}\n`);
      return { kind: 'done', exitCode: 1 };
    }
    throw error;
  }
};
