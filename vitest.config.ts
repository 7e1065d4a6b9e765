import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      '@shared': here('./shared'),
      // The real electron module throws without its binary; no test may load it.
      electron: here('./tests/support/electronStub.ts'),
    },
  },
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    exclude: ['tests/browser/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    setupFiles: ['tests/support/seedSetup.ts'],
    // PostgreSQL for the suites that run on both platform engines (tests/support/postgres/engines.ts).
    globalSetup: ['tests/support/postgres/globalSetup.ts'],
  },
});
