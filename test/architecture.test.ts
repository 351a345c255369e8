import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// The layering is enforced by lint (eslint.config.js); these rows prove the rules bite,
// so that a config change cannot silently open a layer.
const eslint = new ESLint();
const IMPORT_RULES = ['no-restricted-imports', 'counterdesk/boundaries'];

async function restricted(filePath: string, code: string): Promise<boolean> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).some((m) => m.ruleId !== null && IMPORT_RULES.includes(m.ruleId));
}

describe('import direction', () => {
  it.each([
    ['domain/rules/x.ts', "import { readFileSync } from 'node:fs';", true],
    ['domain/rules/x.ts', "import Database from 'better-sqlite3-multiple-ciphers';", true],
    ['domain/rules/x.ts', "import { useState } from 'react';", true],
    ['domain/rules/x.ts', "import { openStore } from '../../services/store';", true],
    ['domain/rules/x.ts', "import { z } from 'zod';", false],
    ['renderer/src/x.ts', "import { join } from 'node:path';", true],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';", true],
    ['renderer/src/x.ts', "import { openStore } from '../../services/store';", true],
    ['renderer/src/x.ts', "import { contract } from '../../api/contract';", false],
    ['api/x.ts', "import { openStore } from '../services/store';", true],
    ['services/x.ts', "import { app } from 'electron';", true],
    ['services/x.ts', "import { readFileSync } from 'node:fs';", false],
    ['electron/common/x.ts', "import { app } from 'electron';", true],
  ])('%s: %s → restricted %s', async (file, code, expected) => {
    expect(await restricted(file, `${code}\nexport {};\n`)).toBe(expected);
  });
});

describe('boundaries inside services/ and around the transports', () => {
  it.each([
    // The store is the bottom of services/: it imports no other service, type-only included.
    ['services/store/x.ts', "import { createIntakeService } from '../intake';", true],
    ['services/store/attachments/x.ts', "import type { AuthService } from '../../auth';", true],
    ['services/store/attachments/x.ts', "import { openStore } from '..';", false],
    ['services/store/x.ts', "import { createOutbox } from './outbox';", false],
    // Not even the clock: the store is handed its callers' clock.
    ['services/store/x.ts', "import { systemClock } from '../core/clock';", true],
    // Only the composition root wires handlers.
    ['services/intake/x.ts', "import { createIntakeHandlers } from '../handlers/intake-handlers';", true],
    ['services/receipts/x.ts', "import type { AreaHandlers } from '../handlers/area-handlers';", true],
    ['services/core/x.ts', "import { createIntakeHandlers } from '../handlers/intake-handlers';", false],
    ['services/handlers/x.ts', "import { refusalTable } from './refusal-table';", false],
    // Electron's main process loads the renderer as web content; it never imports it.
    ['electron/main/x.ts', "import { App } from '../../renderer/src/app/App';", true],
    ['electron/main/x.ts', "import { startHttpBridge } from '../../harness/http-bridge';", true],
    ['electron/main/x.ts', "import { createAppCore } from '../../services/core/app-core';", false],
    // The preload: contextBridge/ipcRenderer, electron/common and the contract's types, nothing else.
    ['electron/preload/x.ts', "import { contextBridge, ipcRenderer } from 'electron';", false],
    ['electron/preload/x.ts', "import { shell } from 'electron';", true],
    ['electron/preload/x.ts', "import { readFileSync } from 'node:fs';", true],
    ['electron/preload/x.ts', "import { z } from 'zod';", true],
    ['electron/preload/x.ts', "import type { Method } from '../../api/contract';", false],
    ['electron/preload/x.ts', "import { contract } from '../../api/contract';", true],
    ['electron/preload/x.ts', "import { ipcChannel } from '../common/ipc-channels';", false],
    ['electron/preload/x.ts', "import { openStore } from '../../services/store';", true],
    // The harness is a transport in plain Node.
    ['harness/x.ts', "import { app } from 'electron';", true],
    ['harness/x.ts', "import { useState } from 'react';", true],
    ['harness/x.ts', "import { createIntakeHandlers } from '../services/handlers/intake-handlers';", true],
    ['harness/x.ts', "import { App } from '../renderer/src/app/App';", true],
    ['harness/x.ts', "import { buildCsp } from '../electron/common/csp';", false],
    ['harness/x.ts', "import { createAppCore } from '../services/core/app-core';", false],
  ])('%s: %s → restricted %s', async (file, code, expected) => {
    expect(await restricted(file, `${code}\nexport {};\n`)).toBe(expected);
  });
});

describe('React hooks', () => {
  it('an effect that leaves out what it reads fails lint', async () => {
    const code = "import { useEffect } from 'react';\nexport function A({ n }: { n: number }) {\n  useEffect(() => console.log(n), []);\n  return null;\n}\n";
    const [result] = await eslint.lintText(code, { filePath: 'renderer/src/x.tsx' });
    expect(result?.messages.map((m) => m.ruleId)).toContain('react-hooks/exhaustive-deps');
  });
});

describe('one clock (issue 11)', () => {
  const readsWallClock = async (filePath: string, code: string) =>
    ((await eslint.lintText(code, { filePath }))[0]?.messages ?? []).some((m) => m.ruleId === 'no-restricted-syntax');
  it.each([
    ['services/intake/x.ts', 'export const t = new Date();', true],
    ['domain/rules/x.ts', 'export const t = Date.now();', true],
    ['server/http/x.ts', 'export const t = new Date();', true],
    ['renderer/src/screens/x.tsx', 'export const t = Date.now();', true],
    ['renderer/src/screens/x.tsx', "export const t = new Date('2026-11-28T00:00:00Z');", false],
    ['services/core/clock.ts', 'export const t = new Date();', false],
    ['renderer/src/clock.ts', 'export const t = Date.now();', false],
  ])('%s: %s → refused %s', async (filePath, code, refused) => {
    expect(await readsWallClock(filePath, code)).toBe(refused);
  });
});

// ---- import cycles: a small DFS over the relative imports of every source file ----

const ROOT = resolve(import.meta.dirname, '..');
const SOURCE_FOLDERS = ['domain', 'api', 'i18n', 'services', 'electron', 'harness', 'renderer', 'server', 'scripts', 'bench', 'e2e'];
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.mjs', '.js'];
// `import x from './y'`, `import type …`, `export … from`, side-effect `import './y'`, `import('./y')`.
const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]*|\.{1,2})['"]/g;

/** Edges allowed to close a cycle, each with the reason it is still there. Keep this empty. */
const CYCLE_ALLOWLIST: string[] = [];

function sourceFiles(): string[] {
  return SOURCE_FOLDERS.filter((d) => existsSync(join(ROOT, d))).flatMap((d) =>
    readdirSync(join(ROOT, d), { recursive: true, encoding: 'utf8' })
      .filter((f) => EXTENSIONS.some((e) => f.endsWith(e)) && !f.includes('node_modules') && !f.endsWith('.d.ts') && !f.endsWith('.d.mts'))
      .map((f) => join(ROOT, d, f)),
  );
}

function resolveImport(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  const candidates = [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => join(base, `index${e}`))];
  // './x.js' written for a TypeScript file './x.ts'.
  if (/\.[cm]?js$/.test(base)) candidates.push(...['.ts', '.tsx', '.mts'].map((e) => base.replace(/\.[cm]?js$/, e)));
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

function stripComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

function importGraph(files: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const code = stripComments(readFileSync(file, 'utf8'));
    const targets = [...code.matchAll(RELATIVE_IMPORT)].map((m) => resolveImport(file, m[1] as string)).filter((t): t is string => t !== undefined);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Every cycle found by a depth-first search, each as the list of files around it. */
function findCycles(graph: Map<string, string[]>, allowed: (from: string, to: string) => boolean = () => false): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (allowed(node, next)) continue;
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

describe('import cycles', () => {
  it('finds a cycle, a type-only one included, and passes a chain', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['e']],
      ['e', []],
    ]);
    expect(findCycles(g)).toEqual([['a', 'b', 'c', 'a']]);
    expect(findCycles(g, (from, to) => from === 'c' && to === 'a')).toEqual([]);
  });

  it('reads every kind of relative import, type-only ones too', () => {
    const appCore = join(ROOT, 'services', 'core', 'app-core.ts');
    expect(importGraph([appCore]).get(appCore)).toContain(join(ROOT, 'services', 'handlers', 'intake-handlers.ts'));
    const spelt = ["import type { A } from './a';", "export { b } from '../b';", "import './c';", "await import('./d');", "import { e } from '..';"].join('\n');
    expect([...spelt.matchAll(RELATIVE_IMPORT)].map((m) => m[1])).toEqual(['./a', '../b', './c', './d', '..']);
  });

  it('no module imports itself back, through any chain of relative imports', () => {
    const allow = new Set(CYCLE_ALLOWLIST);
    const rel = (f: string) => relative(ROOT, f).split('\\').join('/');
    const cycles = findCycles(importGraph(sourceFiles()), (from, to) => allow.has(`${rel(from)} -> ${rel(to)}`)).map((c) => c.map(rel).join(' -> '));
    expect(cycles).toEqual([]);
  });
});
