import { defineConfig } from 'vitest/config';

// Tests of PostgreSQL itself (an outage of its own cluster, processes sharing its queue) run in
// the PostgreSQL pass (TEST_DB=postgres) and are left out of the PGlite one.
const onPostgres = process.env.TEST_DB === 'postgres';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: [
      'test/e2e/**',
      'node_modules/**',
      ...(onPostgres ? [] : ['test/**/*.postgres.test.ts']),
    ],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
