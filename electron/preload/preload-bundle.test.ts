import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHODS } from '../../api/contract';
import { buildElectron } from '../../scripts/build-electron.mjs';

let outDir: string;
let code: string;
beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'cd-preload-'));
  const built = await buildElectron({ outDir });
  expect(built.warnings).toBe(0);
  code = readFileSync(built.preloadFile, 'utf8');
});
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** Runs the bundled preload the way a sandboxed renderer does: `require` knows only 'electron'. */
function runPreload(invoke: (channel: string, ...args: unknown[]) => Promise<unknown>) {
  const exposed = new Map<string, unknown>();
  const required: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (name: string, api: unknown) => exposed.set(name, api) },
    ipcRenderer: { invoke },
  };
  const module = { exports: {} };
  runInNewContext(code, {
    module,
    exports: module.exports,
    require: (id: string) => {
      required.push(id);
      if (id !== 'electron') throw new Error(`a sandboxed preload cannot require ${id}`);
      return electron;
    },
  });
  return { exposed, required };
}

describe('the bundled preload (dist-electron/preload.cjs)', () => {
  it('exposes exactly one function per contract method as window.counterdesk, and nothing else', () => {
    const { exposed, required } = runPreload(async () => ({ ok: true, value: null }));
    expect([...exposed.keys()]).toEqual(['counterdesk']);
    const api = exposed.get('counterdesk') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...METHODS].sort());
    for (const m of METHODS) expect(typeof api[m]).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
    expect(required).toEqual(['electron']);
  });

  it('passes exactly the input to its own channel, never the event or extra arguments', async () => {
    const calls: unknown[][] = [];
    const { exposed } = runPreload(async (...args) => {
      calls.push(args);
      return { ok: true, value: 'answer' };
    });
    const api = exposed.get('counterdesk') as Record<string, (...a: unknown[]) => Promise<unknown>>;
    await expect(api['intake.get']?.({ id: 'D-1' }, 'smuggled')).resolves.toEqual({ ok: true, value: 'answer' });
    expect(calls).toEqual([['counterdesk:intake.get', { id: 'D-1' }]]);
  });

  it('turns a failed invoke into a typed error instead of a rejection', async () => {
    const { exposed } = runPreload(() => Promise.reject(new Error("No handler registered for 'counterdesk:app.info'")));
    const api = exposed.get('counterdesk') as Record<string, () => Promise<unknown>>;
    await expect(api['app.info']?.()).resolves.toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('stays small: no zod, no Node built-ins, no generic invoke', () => {
    expect(code).not.toMatch(/zod|ZodError/);
    expect(code).not.toMatch(/require\("(node:|fs|path|child_process)/);
    expect(code.length).toBeLessThan(8 * 1024);
  });
});
