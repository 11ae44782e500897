import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/redis-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Redis-backed suites use their own key prefixes, so files may run in parallel.
    pool: 'forks',
    // Two files at a time even on two cores (Vitest's default there is one): most of the suite's wall
    // time is end-to-end files waiting on timers and child processes, so this halves it (866 s → 483 s
    // measured on the 2-core CI machine), and every wait leaves room for the load it adds.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
