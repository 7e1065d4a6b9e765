// Mutation testing on the code that carries Assay's guarantees (issue 13). Run by `npm run test:mutation`
// (scripts/mutation.mjs), one area at a time: MUTATION_AREA picks the area, so each run mutates only that
// area's files and Vitest runs only the tests related to them.
import { mutationAreas } from './scripts/mutationAreas.mjs';

const areaName = process.env.MUTATION_AREA ?? 'main-security';
const area = mutationAreas[areaName];
if (!area) throw new Error(`Unknown MUTATION_AREA "${areaName}"; one of ${Object.keys(mutationAreas).join(', ')}`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  mutate: area.mutate,
  coverageAnalysis: 'perTest',
  // The machine is shared; two workers at most.
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 1),
  timeoutMS: 30_000,
  timeoutFactor: 2,
  ignoreStatic: true,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${areaName}.html` },
  jsonReporter: { fileName: `reports/mutation/${areaName}.json` },
  tempDirName: `.stryker-tmp/${areaName}`,
  // Only what the unit tests need is copied to the sandbox (browser-test output changes under a running copy).
  ignorePatterns: ['test-results', 'playwright-report', 'reports', 'tests/browser', 'docs', 'out', 'dist', '.tsbuild', '.harness-data', 'build'],
  cleanTempDir: true,
  thresholds: { high: 90, low: 80, break: null },
};
