/** Vitest setup: one seed per test, given to fast-check and to seededRandom(), printed if the test fails. */
import fc from 'fast-check';
import { beforeEach } from 'vitest';
import { freshSeed, setCurrentSeed } from './seed';

beforeEach((context) => {
  const seed = freshSeed();
  setCurrentSeed(seed);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
  context.onTestFailed(() => {
    console.error(`\n[seed] "${context.task.name}" failed with seed ${seed}. Replay: TEST_SEED=${seed} npx vitest run ${context.task.file.name}\n`);
  });
});
