import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    globalSetup: ['tests/support/build-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // SQLite files and PostgreSQL schemas are per test file; files may run in parallel.
    pool: 'forks',
    // One retry for a test that fails because the shared 2-core CI machine stalls (PostgreSQL
    // connection or timing); a real failure fails twice.
    retry: 1,
  },
});
