import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/** Builds the renderer once; every test then starts its own harness on it. */
export default function globalSetup() {
  const root = resolve(__dirname, '../..');
  execFileSync(resolve(root, 'node_modules/.bin/vite'), ['build', '--config', 'vite.harness.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
}
