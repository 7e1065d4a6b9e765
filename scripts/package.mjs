// `npm run package [-- --linux|--mac|--win] [--dir] [--plan]` (--plan: print what would be signed, build nothing): builds the app (electron-vite) and its installers
// (electron-builder, electron-builder.yml) for this OS, or the one named: AppImage + deb, dmg + zip (arm64 and
// x64), NSIS. Signing and notarization come from the environment (build/releasePlan.mjs, docs/release.md) and
// are skipped with one line each when absent. build/afterPack.mjs flips the fuses and reads them back.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { releasePlan } from '../build/releasePlan.mjs';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const named = ['linux', 'mac', 'win'].filter((os) => args.includes(`--${os}`));
const here = { darwin: 'mac', win32: 'win' }[process.platform] ?? 'linux';
const targets = named.length > 0 ? named : [here];
const planOnly = args.includes('--plan');
const passThrough = args.filter((a) => !['--linux', '--mac', '--win', '--plan'].includes(a));

const run = (command, commandArgs, env = {}) => {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env }, shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

const plans = targets.map((os) => ({ os, ...releasePlan(process.env, os) }));
for (const plan of plans) for (const line of plan.lines) console.log(`package (${plan.os}): ${line}`);
const problems = plans.flatMap((plan) => plan.problems.map((p) => `package (${plan.os}): ${p}`));
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(2);
}
if (planOnly) process.exit(0);

run('npx', ['electron-vite', 'build']);
for (const plan of plans) {
  run('npx', ['electron-builder', '--config', 'electron-builder.yml', '--publish', 'never', `--${plan.os}`, ...plan.builderArgs, ...passThrough], plan.env);
}
