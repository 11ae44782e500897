import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/redis-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Redis-backed suites use their own key prefixes, so files may run in parallel.
    pool: 'forks',
    reporters: ['default'],
  },
});
