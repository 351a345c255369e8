import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configDefaults, defineConfig, type TestProjectConfiguration } from 'vitest/config';

// Projects: unit/integration tests in Node (and jsdom where a file asks for it), end-to-end tests
// that drive Debian's Chromium through the browser harness, and — only when asked for with
// `--project fast` (`npm run test:fast`) — the engineer's inner loop, a subset of unit.
// E2E runs one file at a time: two cores, and each file starts its own harness + browser.

const UNIT_INCLUDE = ['{domain,api,services,electron,renderer,harness,server,i18n,scripts,bench}/**/*.test.{ts,tsx}', 'test/**/*.test.ts'];

// The fast loop: every test under these folders, so a new pure test joins it by being written
// there. Lint keeps the modules in them free of I/O (eslint.config.js); only a test file itself
// can reach further, so a test importing one of SLOW_IMPORTS (a database, password hashing, PDF
// rendering, a process, a browser, another layer) stays in unit alone, as do component tests that
// render React in jsdom (about a second of set-up each; the renderer's pure logic stays in).
const FAST_FOLDERS = ['domain', 'api', 'i18n', 'renderer', 'electron/common'];
const SLOW_IMPORTS =
  /['"][^'"]*(\/services\/|\/server\/|\/harness\/|\/electron\/(main|preload)\/|\/scripts\/|better-sqlite3|pdfkit|hash-wasm|argon2|postgres|playwright|node:child_process|node:worker_threads|@testing-library\/react)[^'"]*['"]/;

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.test\.tsx?$/.test(e.name) && !e.parentPath.includes('node_modules'))
    .map((e) => join(e.parentPath, e.name));
}

function fastProject(): TestProjectConfiguration {
  const slow = FAST_FOLDERS.flatMap(testFiles).filter((f) => SLOW_IMPORTS.test(readFileSync(f, 'utf8')));
  return {
    test: {
      name: 'fast',
      include: FAST_FOLDERS.map((d) => `${d}/**/*.test.{ts,tsx}`),
      exclude: [...configDefaults.exclude, ...slow],
      environment: 'node',
      // Threads start faster than forks; every file still gets a fresh module graph.
      pool: 'threads',
      testTimeout: 20_000,
    },
  };
}

// Registered only when selected, so `npx vitest run <paths>` does not run a fast test twice.
const argv = process.argv.join(' ');
const wantsFast = /--project[= ]fast\b/.test(argv);

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: UNIT_INCLUDE,
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
      ...(wantsFast ? [fastProject()] : []),
    ],
  },
});
