/**
 * Vitest global setup: makes PostgreSQL available to the tests that run on both engines. With
 * ASSAY_TEST_POSTGRES_URL set, that server is used. Otherwise, where PostgreSQL is installed, one throwaway
 * cluster serves the whole run (each test file makes its own databases in it) and is removed at the end.
 */
import { findPostgresBin, startCluster, type TestCluster } from './cluster';

let cluster: TestCluster | null = null;

export const setup = async (): Promise<void> => {
  if (process.env.ASSAY_TEST_POSTGRES_URL !== undefined && process.env.ASSAY_TEST_POSTGRES_URL !== '') return;
  // A developer running unrelated tests can spare the cluster's start (about 2 s): the PostgreSQL halves then skip.
  if (process.env.ASSAY_TEST_POSTGRES === 'off') return;
  if (findPostgresBin() === null) return;
  cluster = await startCluster();
  process.env.ASSAY_TEST_POSTGRES_URL = cluster.url;
};

export const teardown = (): void => {
  cluster?.stop();
  cluster = null;
};
