import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// The import rules are the architecture: pure domain at the centre, adapters around it,
// Electron and React at the edge. A lint error here means a layer leaked.
const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'worker_threads', 'stream'];
const NATIVE_AND_SHELL = ['electron', 'electron/*', 'better-sqlite3', 'better-sqlite3-multiple-ciphers', 'pdfkit'];
const UI = ['react', 'react-dom', 'react-dom/*', 'zustand', 'html5-qrcode'];

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist-electron/**', 'release/**', 'coverage/**', '.counterdesk-data/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['domain/**/*.ts', 'i18n/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(
      [...NODE_BUILTINS, ...NATIVE_AND_SHELL, ...UI, '**/services/**', '**/electron/**', '**/renderer/**', '**/harness/**', '**/api/**', '**/server/**'],
      'domain/ and i18n/ are pure: no I/O, no Electron, no database, no UI.',
    ),
  },
  {
    files: ['api/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(
      [...NODE_BUILTINS, ...NATIVE_AND_SHELL, ...UI, '**/services/**', '**/electron/**', '**/renderer/**', '**/harness/**', '**/server/**'],
      'api/ is the contract: it may use domain/ and i18n/, nothing that does I/O.',
    ),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}', 'renderer/vite.config.ts'],
    rules: restrict(
      [...NODE_BUILTINS, ...NATIVE_AND_SHELL, '**/services/**', '**/electron/main/**', '**/electron/preload/**', '**/harness/**', '**/server/**'],
      'The renderer is untrusted web content: it reaches the app only through the API contract.',
    ),
  },
  {
    files: ['services/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(
      ['electron', 'electron/*', ...UI, '**/renderer/**', '**/electron/**', '**/harness/**'],
      'services/ is plain Node: Electron supplies things to it, never the reverse.',
    ),
  },
  {
    files: ['electron/common/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict([...NODE_BUILTINS, 'electron', 'electron/*', ...UI], 'electron/common is pure: usable from main, preload and the harness.'),
  },
  {
    // One clock (issue 11): the core reads time only through the injected clock, so tests run on
    // any date. The machine's time is read in services/core/clock.ts alone; tests make their own.
    files: ['domain/**/*.ts', 'api/**/*.ts', 'services/**/*.ts', 'server/**/*.ts'],
    ignores: ['**/*.test.ts', '**/test-support.ts', '**/__fixtures__/**', 'services/core/clock.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Take the injected clock (services/core/clock.ts), not new Date().' },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Take the injected clock (services/core/clock.ts), not Date.now().',
        },
      ],
    },
  },
);
