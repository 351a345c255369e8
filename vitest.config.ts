import { defineConfig } from 'vitest/config';

// Two projects: fast unit/integration tests in Node (and jsdom where a file asks for it),
// and end-to-end tests that drive Debian's Chromium through the browser harness.
// E2E runs one file at a time: two cores, and each file starts its own harness + browser.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{domain,api,services,electron,renderer,harness,server,i18n,scripts,bench}/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
