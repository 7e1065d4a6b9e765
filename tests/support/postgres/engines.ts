/**
 * Runs a suite on both engines of the platform: the embedded SQLite store and PostgreSQL. PostgreSQL comes
 * from ASSAY_TEST_POSTGRES_URL (set by tests/support/postgres/globalSetup.ts, or by hand). Without it the
 * PostgreSQL half says so and skips, except in CI (CI set), where it fails: CI never skips it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, it } from 'vitest';

export type EngineName = 'sqlite' | 'postgres';
export const ENGINES: readonly EngineName[] = ['sqlite', 'postgres'];

export const testPostgresUrl = (): string | null => {
  const url = process.env.ASSAY_TEST_POSTGRES_URL;
  return url === undefined || url === '' ? null : url;
};

const inCi = (): boolean => process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';

let warned = false;

/** `describe` once per engine; the body gets the engine's name. */
export const describeEngines = (name: string, body: (engine: EngineName) => void): void => {
  for (const engine of ENGINES) {
    if (engine === 'postgres' && testPostgresUrl() === null) {
      if (inCi()) {
        describe(`${name} [postgres]`, () => {
          it('needs PostgreSQL: CI never skips the PostgreSQL half', () => {
            throw new Error('ASSAY_TEST_POSTGRES_URL is not set and no PostgreSQL was found; .ci/run installs Debian postgresql');
          });
        });
        continue;
      }
      if (!warned) {
        warned = true;
        console.warn('PostgreSQL not found (no ASSAY_TEST_POSTGRES_URL, no /usr/lib/postgresql/*/bin): the PostgreSQL half of the platform suites is skipped.');
      }
      describe.skip(`${name} [postgres: skipped, PostgreSQL not found]`, () => body(engine));
      continue;
    }
    describe(`${name} [${engine}]`, () => body(engine));
  }
};

const withDatabaseUrl = (base: string, database: string): string => {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
};

let counter = 0;

/** A fresh, empty PostgreSQL database on the test server; `drop` removes it (closing its connections). */
export const createTestDatabase = async (): Promise<{ url: string; drop(): Promise<void> }> => {
  const base = testPostgresUrl();
  if (base === null) throw new Error('ASSAY_TEST_POSTGRES_URL is not set');
  const name = `assay_t_${process.pid}_${Date.now().toString(36)}_${++counter}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabaseUrl(base, name),
    drop: async () => {
      const again = new pg.Client({ connectionString: base });
      await again.connect();
      try {
        await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await again.end();
      }
    },
  };
};

/** Where a store of `engine` lives for one test: a temporary folder, or a fresh database. */
export const createStoreLocation = async (engine: EngineName): Promise<{ location: string; remove(): Promise<void> }> => {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'assay-platform-'));
    return { location: dir, remove: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const database = await createTestDatabase();
  return { location: database.url, remove: () => database.drop() };
};

/** A suite that only makes sense on PostgreSQL (several processes on one database): skips or fails like the PostgreSQL half above. */
export const describePostgres = (name: string, body: () => void): void => {
  if (testPostgresUrl() !== null) {
    describe(`${name} [postgres]`, body);
    return;
  }
  if (inCi()) {
    describe(`${name} [postgres]`, () => {
      it('needs PostgreSQL: CI never skips it', () => {
        throw new Error('ASSAY_TEST_POSTGRES_URL is not set and no PostgreSQL was found; .ci/run installs Debian postgresql');
      });
    });
    return;
  }
  console.warn(`PostgreSQL not found: "${name}" is skipped.`);
  describe.skip(`${name} [postgres: skipped, PostgreSQL not found]`, body);
};
