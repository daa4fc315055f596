import { defineConfig } from 'vitest/config';

// Integration tests run over HTTP against a real PostgreSQL: each test file gets its own database
// cloned from a migrated template (see server/test/global-setup.ts).
export default defineConfig({
  test: {
    include: ['server/src/**/*.test.ts', 'server/test/**/*.test.ts', 'bench/**/*.test.ts', 'web/src/**/*.test.ts'],
    globalSetup: ['server/test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});
