/**
 * Child process for the sync property test's real crash: a real core over the real encrypted store in
 * `dataDir` (signed in already), syncing through the parent's fault proxy, until the parent SIGKILLs it.
 * Prints `ready` once the core is open and the sync starts, `synced` if the sync finished before the kill.
 *   node --import tsx syncCrashChild.ts <dataDir> <timeoutMs> <pageSize>
 */
import { writeSync } from 'node:fs';
import { createPlatformClient } from '../../../electron/core/sync/platformClient';
import { startTestCore } from '../testCore';

const [dataDir, timeoutMs, pageSize] = process.argv.slice(2);
if (!dataDir || !timeoutMs || !pageSize) throw new Error('usage: syncCrashChild <dataDir> <timeoutMs> <pageSize>');

const core = startTestCore(dataDir, {
  sync: {
    createClient: (credentials, signal) => createPlatformClient({ baseUrl: credentials.platformUrl, token: credentials.token, signal, timeoutMs: Number(timeoutMs) }),
    autoSync: false,
    random: () => 0.5,
    pageSize: Number(pageSize),
  },
});
// Stay alive until the parent's SIGKILL, even when the sync is over at once (offline, nothing to do).
setInterval(() => undefined, 60_000);
const syncing = core.call('syncNow');
writeSync(1, 'ready\n');
void syncing.then(
  () => writeSync(1, 'synced\n'),
  (error: unknown) => writeSync(1, `sync-error ${String(error).replace(/\n/g, ' ')}\n`),
);
