/**
 * A throwaway PostgreSQL cluster for tests and benches: initdb in a temporary folder, a free port on
 * 127.0.0.1, the socket in that folder, removed at the end. initdb refuses to run as root, so as root the
 * commands run as the `postgres` user (Debian's package creates it) in a folder that user owns.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The newest /usr/lib/postgresql/N/bin holding initdb, or ASSAY_PG_BIN; null when PostgreSQL is not installed. */
export const findPostgresBin = (): string | null => {
  const given = process.env.ASSAY_PG_BIN;
  if (given !== undefined && existsSync(join(given, 'initdb'))) return given;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? null : join(root, versions[0], 'bin');
};

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

const shellQuote = (arg: string): string => `'${arg.replace(/'/g, `'\\''`)}'`;

export interface TestCluster {
  /** postgres://assay@127.0.0.1:PORT/postgres (trust authentication, no password). */
  url: string;
  port: number;
  dir: string;
  /** pg_ctl stop -m fast, then start again on the same port (a database restart under load). */
  restart(): Promise<void>;
  stopServer(): void;
  startServer(): void;
  /** Stops the server and removes the folder. */
  stop(): void;
}

export const startCluster = async (): Promise<TestCluster> => {
  const bin = findPostgresBin();
  if (bin === null) throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb; apt-get install postgresql)');
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'assay-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const exec = (tool: string, args: string[]): void => {
    const command = join(bin, tool);
    if (asRoot) execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', [command, ...args].map(shellQuote).join(' ')], { stdio: 'pipe' });
    else execFileSync(command, args, { stdio: 'pipe' });
  };
  const port = await freePort();
  const data = join(dir, 'data');
  exec('initdb', ['-D', data, '-A', 'trust', '-U', 'assay', '--no-locale', '-E', 'UTF8', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`;
  const startServer = (): void => exec('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  const stopServer = (): void => exec('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  startServer();
  return {
    url: `postgres://assay@127.0.0.1:${port}/postgres`,
    port,
    dir,
    restart: async () => {
      stopServer();
      startServer();
    },
    stopServer,
    startServer,
    stop: () => {
      try {
        stopServer();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
