import { defineConfig } from 'vitest/config';
import base from './vitest.config';

/**
 * For mutation testing (stryker.config.mjs): the usual config, limited to one area's own tests
 * (MUTATION_TESTS, comma-separated globs), so each mutant runs the tests written for that code.
 */
const tests = process.env.MUTATION_TESTS?.split(',').filter((glob) => glob.length > 0);

export default defineConfig({ ...base, test: { ...base.test, ...(tests && tests.length > 0 ? { include: tests } : {}) } });
