import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');

export interface AppProcess {
  url: string;
  dataDir: string;
  /** The one-time first-run code the harness printed (no machine configuration sets one), or null once set up. */
  setupCode: string | null;
  child: ChildProcess;
  /** Graceful stop, as when the clerk closes the app. */
  stop(): Promise<void>;
  /** `kill -9`: a power cut or a crash. */
  crash(): Promise<void>;
  /**
   * An API call as the renderer would make it (same origin header and token). For test
   * set-up and clean-up only; what is under test goes through the UI.
   */
  call(method: string, input?: unknown): Promise<unknown>;
}

export function newDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'counterdesk-e2e-'));
}

/** Starts the real app core behind the browser harness, as `npm run start:browser` does. */
export function startApp(dataDir: string = newDataDir(), env: Record<string, string> = {}): Promise<AppProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'harness/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, COUNTERDESK_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return new Promise((resolvePromise, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`harness did not start in time\n${stderr}`)), 60_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /COUNTERDESK_URL=(\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolvePromise({
          url: m[1],
          dataDir,
          setupCode: /COUNTERDESK_SETUP_CODE=(\S+)/.exec(out)?.[1] ?? null,
          child,
          stop: async () => {
            child.kill('SIGTERM');
            await exited;
          },
          crash: async () => {
            child.kill('SIGKILL');
            await exited;
          },
          call: async (method, input = {}) => {
            const url = new URL(m[1] as string);
            const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
            const r = await fetch(new URL(`/api/${method}`, url.origin), {
              method: 'POST',
              headers: { origin: url.origin, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              body: JSON.stringify(input),
            });
            return r.json();
          },
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`harness exited (${code}) before it was ready\n${stderr}`));
    });
  });
}
