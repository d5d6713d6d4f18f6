import { defineConfig } from 'vitest/config';

// One runner for the whole repo: unit tests sit beside the files they test.
export default defineConfig({
  test: {
    include: [
      'modules/**/*.test.ts',
      'server/**/*.test.ts',
      'client/src/**/*.test.{ts,tsx}',
      'e2e/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['./vitest.global-setup.ts'],
    reporters: ['default', './.ci/summary-reporter.ts'],
  },
});
