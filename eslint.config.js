import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import { dirname, relative, resolve, sep } from 'node:path';

// The import rules are the architecture: pure domain at the centre, adapters around it,
// Electron and React at the edge. A lint error here means a layer leaked.
const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'worker_threads', 'stream'];
const NATIVE_AND_SHELL = ['electron', 'electron/*', 'better-sqlite3', 'better-sqlite3-multiple-ciphers', 'pdfkit'];
const UI = ['react', 'react-dom', 'react-dom/*', 'zustand', 'html5-qrcode'];

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

// Boundaries between folders of one layer (inside services/, the transports), by the file an
// import resolves to, not by how its path is spelt. Type-only imports count: a type is a dependency.
//   forbid: root-relative folders this file may not import from; except: files/folders allowed anyway
//   only:   the only root-relative folders it may import from; typeOnly: folders it may take types from;
//           packages: the only bare modules it may import
const ROOT = import.meta.dirname;
const boundaries = {
  meta: { type: 'problem', schema: [{ type: 'object' }] },
  create(context) {
    const { forbid = [], except = [], only, typeOnly = [], packages, message } = context.options[0] ?? {};
    const bare = (path) => path.replace(/\.[cm]?[jt]sx?$/, '').replace(/\/index$/, '');
    const under = (file, folders) => folders.map(bare).some((f) => bare(file) === f || file.startsWith(`${f}/`));
    const check = (node, source, typeOnlyImport) => {
      if (typeof source !== 'string') return;
      if (!source.startsWith('.')) {
        if (packages && !packages.includes(source)) context.report({ node, message: `${message} (${source})` });
        return;
      }
      const target = relative(ROOT, resolve(dirname(context.filename), source))
        .split(sep)
        .join('/');
      const allowed = only ? under(target, only) || (typeOnlyImport && under(target, typeOnly)) : !under(target, forbid) || under(target, except);
      if (!allowed) context.report({ node, message: `${message} (${source})` });
    };
    return {
      ImportDeclaration: (n) =>
        check(n, n.source.value, n.importKind === 'type' || (n.specifiers.length > 0 && n.specifiers.every((s) => s.importKind === 'type'))),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value, n.exportKind === 'type'),
      ExportAllDeclaration: (n) => check(n, n.source.value, n.exportKind === 'type'),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value, false),
    };
  },
};
const bound = (options) => ({ 'counterdesk/boundaries': ['error', options] });

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist-electron/**', 'release/**', 'coverage/**', '.counterdesk-data/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { counterdesk: { rules: { boundaries } } },
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
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['services/**/*.ts'],
    ignores: ['**/*.test.ts', 'services/core/**', 'services/handlers/**'],
    rules: bound({ forbid: ['services/handlers'], message: 'Only services/core (the composition root) wires the handlers; a service speaks domain, not API.' }),
  },
  {
    files: ['services/store/**/*.ts'],
    ignores: ['**/*.test.ts'],
    // The store is the bottom of services/: everything else is built on it, so it imports none of
    // them, not even the clock: its callers hand it theirs.
    rules: bound({ forbid: ['services'], except: ['services/store'], message: 'services/store imports no other service.' }),
  },
  {
    files: ['electron/main/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: bound({
      forbid: ['renderer', 'harness', 'server', 'electron/preload'],
      message: 'electron/main loads the renderer as web content; it never imports it (or the harness).',
    }),
  },
  {
    files: ['electron/preload/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      ...bound({
        only: ['electron/preload', 'electron/common'],
        typeOnly: ['api/contract.ts'],
        packages: ['electron'],
        message: 'The preload is the sandbox wall: electron (contextBridge, ipcRenderer), electron/common and the contract types only.',
      }),
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', allowImportNames: ['contextBridge', 'ipcRenderer'], message: 'The preload uses contextBridge and ipcRenderer only.' }] },
      ],
    },
  },
  {
    files: ['harness/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(electron|react|react-dom|zustand|html5-qrcode)(/|$)', message: 'The harness is a thin transport in plain Node: no Electron, no UI.' },
          ],
        },
      ],
      ...bound({
        forbid: ['renderer', 'electron/main', 'electron/preload', 'services/handlers', 'server'],
        message: 'The harness serves the built renderer and calls the core through the contract; it imports no renderer, Electron or handler code.',
      }),
    },
  },
  {
    files: ['server/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(
      [
        'electron',
        'electron/*',
        ...UI,
        'better-sqlite3',
        'better-sqlite3-multiple-ciphers',
        '**/services/**',
        '**/renderer/**',
        '**/electron/**',
        '**/harness/**',
      ],
      'server/ is the central API: it may use domain/, api/ and Node, never the workstation (services/, electron/, renderer/, harness/).',
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
    ignores: ['**/*.test.ts', '**/test-support.ts', '**/__fixtures__/**', 'services/core/clock.ts', 'server/system-clock.ts', 'server/test-support/**'],
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
  {
    // The renderer's one reading of the machine's time is renderer/src/clock.ts.
    files: ['renderer/src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}', 'renderer/src/clock.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Use the renderer's clock (renderer/src/clock.ts), not new Date()." },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: "Use the renderer's clock (renderer/src/clock.ts), not Date.now().",
        },
      ],
    },
  },
);
