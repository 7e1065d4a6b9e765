/**
 * The browser harness: the built renderer served on 127.0.0.1 with the REAL core behind a loopback bridge.
 *   npm run harness -- [--data-dir DIR] [--port N] [--no-build]
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startHarnessServer } from '../electron/core/bridge/harnessServer';
import { createCore } from '../electron/core/createCore';
import { createFetchUpdater } from '../electron/core/updates/fetchUpdater';
import { createPassphraseGate } from '../electron/core/passphraseGate';
import { createFileKeyProvider } from '../electron/core/vault/fileKeyProvider';
import type { KeyProvider } from '../electron/core/vault/keyProvider';
import { lineParserFromSource } from './lineParserFromSource';
import packageJson from '../package.json' with { type: 'json' };

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string', default: '0' },
    'static-dir': { type: 'string', default: resolve(__dirname, '../dist/renderer') },
    // 'missing': start as the desktop app does on Linux without a keyring, locked behind the passphrase screen.
    keyring: { type: 'string', default: 'present' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a number from 0 to 65535, not "${values.port}".`);
  process.exit(2);
}
const dataDir = values['data-dir'] ? resolve(values['data-dir']) : mkdtempSync(resolve(tmpdir(), 'assay-harness-'));
mkdirSync(dataDir, { recursive: true });

async function main() {
const open = (keyProvider: KeyProvider) =>
  createCore({
    dataDir,
    keyProvider,
    shell: 'harness',
    version: packageJson.version,
    importLineParser: lineParserFromSource(resolve(__dirname, '..')),
    // Updates from the signed-in platform's feed, the installer's SHA-512 checked as electron-updater does; the
    // harness cannot replace itself, so "restart" only says what it would install.
    updater: createFetchUpdater({
      downloadDir: resolve(dataDir, 'updates'),
      onInstall: (file) => console.log(`Assay harness: would quit and install ${file} (the harness does not replace itself)`),
    }),
  });
const core = values.keyring === 'missing' ? createPassphraseGate({ keyDir: resolve(dataDir, 'keys'), openCore: open }) : open(createFileKeyProvider(dataDir));
const server = await startHarnessServer({
  handlers: core.handlers,
  subscribe: (listener) => core.events.on(listener),
  staticDir: resolve(values['static-dir']),
  token: randomBytes(32).toString('base64url'),
  port,
});

console.log(`Assay harness: ${server.url}`);
console.log(`Data folder: ${dataDir}`);

const stop = async () => {
  await server.close();
  await core.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`The harness could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
