import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Two projects: everything under test/ except the browser tests, and the end-to-end tests of the
 * window (test/e2e/), whose global setup builds the window once per run. A project's global
 * setup only runs when that project has tests to run, so unit runs never build the window.
 */
export default defineConfig({
  test: {
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/e2e/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/support/build-window.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
