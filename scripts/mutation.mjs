// `npm run test:mutation [area ...]`: runs Stryker once per area (all areas when none is named), one after
// the other, and leaves reports/mutation/<area>.html and .json. Slow; not part of `npm test`.
import { spawnSync } from 'node:child_process';
import { mutationAreas } from './mutationAreas.mjs';

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in mutationAreas));
if (unknown.length > 0) {
  console.error(`Unknown area(s): ${unknown.join(', ')}. Areas: ${Object.keys(mutationAreas).join(', ')}`);
  process.exit(2);
}
let failed = false;
for (const area of asked.length > 0 ? asked : Object.keys(mutationAreas)) {
  console.log(`\n=== mutation testing: ${area} ===`);
  const run = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs'], {
    stdio: 'inherit',
    // The property and crash tests run once per mutant they cover: fewer random runs (their fixed examples
    // still run) keep an area to minutes. Set the variables to override.
    env: {
      SYNC_PROPERTY_RUNS: '10',
      CRASH_SAFETY_ROUNDS: '10',
      ...process.env,
      MUTATION_AREA: area,
      MUTATION_TESTS: (mutationAreas[area].tests ?? []).join(','),
    },
  });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
