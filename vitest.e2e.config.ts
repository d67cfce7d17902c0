import { defineConfig } from 'vitest/config';

// Browser tests: the real server (bin/delib.mjs start, compiled: dist/) on a free port with a fresh SQLite database
// loaded with the demonstration session, driven through Debian's Chromium by playwright-core.
// Run: npx vitest run --config vitest.e2e.config.ts   (CHROMIUM_PATH overrides /usr/bin/chromium)
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    globalSetup: ['tests/support/build-setup.ts', 'tests/e2e/support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
