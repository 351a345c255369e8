import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHODS } from '../../api/contract';
import { MACHINE_CONFIG_FORMAT, setupCodeHash } from '../../services/workstation/machine-config';
import { buildElectron, ROOT } from '../../scripts/build-electron.mjs';
import { readKeyFile } from '../../services/store/keys';
import { startFakeSyncServer } from '../../services/sync/test-support/fake-sync-server';
import { call } from '../../services/sync/http-link';
import { signingKeyFromSeed } from '../../services/sync/identity';

// Runs the real bundled main process (dist-electron/main.cjs) against a stand-in for the
// `electron` module: Electron's binary cannot be downloaded on the build machines, but the
// wiring — order of registration, key handling, the store, the IPC bridge, the protocol —
// is ours and must work before the app ever reaches a machine with Electron.

let outDir: string;
let code: string;
beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'cd-main-'));
  const built = await buildElectron({ outDir });
  expect(built.warnings).toBe(0);
  code = readFileSync(built.mainFile, 'utf8');
});
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

type Handler = (...args: unknown[]) => unknown;

interface Scenario {
  backend?: 'gnome_libsecret' | 'basic_text';
  argv?: string[];
  env?: Record<string, string>;
  isPackaged?: boolean;
  singleInstance?: boolean;
  adminSettings?: string;
}

/** One launch; `existingBase` relaunches on the data directory of an earlier one. */
async function runMain(s: Scenario = {}, existingBase?: string) {
  const base = existingBase ?? mkdtempSync(join(tmpdir(), 'cd-main-run-'));
  const userData = join(base, 'userData');
  const appPath = join(base, 'app');
  mkdirSync(join(appPath, 'dist', 'renderer'), { recursive: true });
  mkdirSync(userData, { recursive: true });
  writeFileSync(join(appPath, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Counterdesk</title>');
  if (s.adminSettings) writeFileSync(join(userData, 'admin-settings.json'), s.adminSettings);

  const events: string[] = [];
  const appHandlers = new Map<string, Handler[]>();
  const ipc = new Map<string, Handler>();
  const protocols = new Map<string, (r: Request) => Promise<Response>>();
  const windows: { options: { webPreferences?: Record<string, unknown> }; url?: string }[] = [];
  const errorBoxes: { title: string; body: string }[] = [];
  const sessionHandlers: Record<string, Handler | null> = {};
  let exitCode: number | null = null;
  let plainText = false;
  let ready!: () => void;
  const whenReady = new Promise<void>((r) => (ready = r));

  class BrowserWindow {
    entry: (typeof windows)[number];
    constructor(options: { webPreferences?: Record<string, unknown> }) {
      this.entry = { options };
      windows.push(this.entry);
      events.push('window');
    }
    once() {}
    on() {}
    show() {}
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {
      events.push('focus');
    }
    async loadURL(url: string) {
      this.entry.url = url;
    }
  }
  // Electron's utilityProcess, stood in for by a Node child running the same core.cjs bundle.
  const children: ChildProcess[] = [];
  const utilityProcess = {
    fork: (modulePath: string, args: string[] = []) => {
      events.push('utilityProcess');
      // NODE_PATH: the bundle sits in a temporary folder; its native modules come from the checkout.
      const child = fork(modulePath, args, {
        serialization: 'advanced',
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
        env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') },
      });
      children.push(child);
      return {
        postMessage: (m: unknown) => child.send(m as never),
        on: (_event: 'message', l: (m: unknown) => void) => child.on('message', l),
        once: (_event: 'exit', l: (code: number) => void) => child.once('exit', (code) => l(code ?? -1)),
        kill: () => child.kill('SIGKILL'),
      };
    },
  };
  const backend = s.backend ?? 'gnome_libsecret';
  const electron = {
    app: {
      isPackaged: s.isPackaged ?? false,
      exit: (c: number) => {
        exitCode = c;
        events.push(`exit ${c}`);
      },
      quit: () => events.push('quit'),
      requestSingleInstanceLock: () => s.singleInstance ?? true,
      on: (event: string, h: Handler) => appHandlers.set(event, [...(appHandlers.get(event) ?? []), h]),
      enableSandbox: () => events.push('enableSandbox'),
      whenReady: () => whenReady,
      getPath: (name: string) => (name === 'userData' ? userData : join(base, name)),
      getVersion: () => '0.1.0-test',
      getAppPath: () => appPath,
    },
    BrowserWindow,
    dialog: { showErrorBox: (title: string, body: string) => errorBoxes.push({ title, body }) },
    ipcMain: {
      handle: (channel: string, h: Handler) => ipc.set(channel, h),
      removeHandler: (channel: string) => ipc.delete(channel),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: { scheme: string }[]) => events.push(`registerSchemes ${schemes.map((x) => x.scheme).join()}`),
      handle: (scheme: string, h: (r: Request) => Promise<Response>) => protocols.set(scheme, h),
    },
    safeStorage: {
      isEncryptionAvailable: () => backend !== 'basic_text' || plainText,
      encryptString: (t: string) => Buffer.from(`enc:${Buffer.from(t).toString('hex')}`),
      decryptString: (b: Buffer) => Buffer.from(b.toString().slice(4), 'hex').toString(),
      getSelectedStorageBackend: () => backend,
      setUsePlainTextEncryption: (v: boolean) => (plainText = v),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Handler | null) => (sessionHandlers.request = h),
        setPermissionCheckHandler: (h: Handler | null) => (sessionHandlers.check = h),
        setDevicePermissionHandler: (h: Handler | null) => (sessionHandlers.device = h),
        on: (event: string, h: Handler) => (sessionHandlers[event] = h),
      },
    },
    shell: { openExternal: async (url: string) => void events.push(`openExternal ${url}`) },
    utilityProcess,
  };

  const realRequire = createRequire(join(ROOT, 'package.json'));
  // The real process, with the launch's own argv and environment (and Linux's key store rules).
  const fakeProcess = Object.create(process, {
    argv: { value: s.argv ?? ['/opt/Counterdesk/counterdesk'] },
    env: { value: { ...(s.env ?? {}) } },
    platform: { value: 'linux' },
  }) as NodeJS.Process;
  const module = { exports: {} };
  const run = new Function('require', 'module', 'exports', '__filename', '__dirname', 'process', code);
  run((id: string) => (id === 'electron' ? electron : realRequire(id)), module, module.exports, join(outDir, 'main.cjs'), outDir, fakeProcess);
  const beforeReady = [...events];
  ready();
  // Start-up ends with a window, an exit or a quit; the core's own process takes a moment to open the store.
  for (let i = 0; i < 600 && windows.length === 0 && exitCode === null && !events.includes('quit'); i++) await new Promise((r) => setTimeout(r, 25));
  for (let i = 0; i < 4; i++) await new Promise((r) => setTimeout(r, 5));
  const allExited = () => Promise.all(children.map((c) => (c.exitCode !== null || c.signalCode !== null ? undefined : new Promise((r) => c.once('exit', r)))));
  /** As Electron quits: will-quit, which waits for the core to close the store, then quits. */
  const quit = async () => {
    (appHandlers.get('will-quit') ?? []).forEach((h) => h({ preventDefault: () => events.push('quit deferred') }));
    await allExited();
  };

  const fire = (event: string, ...args: unknown[]) => (appHandlers.get(event) ?? []).forEach((h) => h(...args));
  const invoke = (channel: string, url: string, input: unknown) => {
    const h = ipc.get(channel);
    if (!h) throw new Error(`no handler for ${channel}`);
    return h({ senderFrame: { url, parent: null } }, input);
  };
  return {
    base,
    userData,
    events,
    beforeReady,
    ipc,
    protocols,
    windows,
    errorBoxes,
    sessionHandlers,
    fire,
    invoke,
    quit,
    children,
    exitCode: () => exitCode,
    cleanup: async () => {
      await quit();
      rmSync(base, { recursive: true, force: true });
    },
  };
}

describe('dist-electron/main.cjs against a stand-in electron module', () => {
  it('starts: sandbox and app:// before ready, then key, store, guards, protocol, IPC and one window', async () => {
    const r = await runMain();
    try {
      expect(r.beforeReady).toEqual(['enableSandbox', 'registerSchemes app']);
      expect(r.exitCode()).toBeNull();
      // The store, hashing and PDFs run in the core's own process, started before the window.
      expect(r.events.indexOf('utilityProcess')).toBeGreaterThanOrEqual(0);
      expect(r.events.indexOf('utilityProcess')).toBeLessThan(r.events.indexOf('window'));
      expect(r.errorBoxes).toEqual([]);
      expect(existsSync(join(r.userData, 'store.key.safe'))).toBe(true);
      expect([...r.ipc.keys()].sort()).toEqual(METHODS.map((m) => `counterdesk:${m}`).sort());
      expect(Object.keys(r.sessionHandlers).sort()).toEqual(['check', 'device', 'request', 'will-download']);

      expect(r.windows).toHaveLength(1);
      const win = r.windows[0];
      expect(win?.url).toBe('app://counterdesk/index.html');
      expect(win?.options.webPreferences).toMatchObject({
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        devTools: true,
        preload: join(outDir, 'preload.cjs'),
      });

      const page = await r.protocols.get('app')?.(new Request('app://counterdesk/drafts/1'));
      expect(page?.status).toBe(200);
      expect(await page?.text()).toContain('Counterdesk');
      expect(page?.headers.get('content-security-policy')).toContain("script-src 'self'");

      await expect(r.invoke('counterdesk:app.info', 'app://counterdesk/index.html', {})).resolves.toMatchObject({
        ok: true,
        value: { transport: 'ipc', database: { state: 'ok' } },
      });
      await expect(r.invoke('counterdesk:app.info', 'https://evil.example/', {})).resolves.toMatchObject({ ok: false, error: { code: 'unauthorised' } });
    } finally {
      await r.cleanup();
    }
  });

  it('keeps the data across a restart: the administrator set up before can sign in after', async () => {
    // The installer's one-time setup code, in a machine configuration (an unpackaged run may name its file).
    const machine = join(mkdtempSync(join(tmpdir(), 'cd-machine-')), 'machine.json');
    writeFileSync(machine, JSON.stringify({ format: MACHINE_CONFIG_FORMAT, setupCodeSha256: setupCodeHash('INST-ALLE-RC0D-E001') }));
    const first = await runMain({ env: { COUNTERDESK_MACHINE_CONFIG: machine } });
    const setup = await first.invoke('counterdesk:auth.setup', 'app://counterdesk/', {
      staffNumber: 'A001',
      displayName: '重啟測試管理員',
      password: 'restart-test-password',
      setupCode: 'INST-ALLE-RC0D-E001',
    });
    expect(setup).toMatchObject({ ok: true });
    await first.quit();
    // Second launch on the same data directory, same (wrapped) key.
    const second = await runMain({}, first.base);
    try {
      await expect(second.invoke('counterdesk:auth.status', 'app://counterdesk/', {})).resolves.toMatchObject({
        ok: true,
        value: { setupNeeded: false, user: null },
      });
      const signIn = await second.invoke('counterdesk:auth.signIn', 'app://counterdesk/', { staffNumber: 'A001', password: 'restart-test-password' });
      expect(JSON.stringify(signIn)).toContain('重啟測試管理員');
    } finally {
      await second.quit();
      rmSync(first.base, { recursive: true, force: true });
    }
  });

  it('guards every web contents that is created', async () => {
    const r = await runMain();
    try {
      const listeners = new Map<string, Handler>();
      let openHandler: Handler | null = null;
      r.fire('web-contents-created', {}, { on: (e: string, h: Handler) => listeners.set(e, h), setWindowOpenHandler: (h: Handler) => (openHandler = h) });
      expect([...listeners.keys()].sort()).toEqual(['will-attach-webview', 'will-frame-navigate', 'will-navigate', 'will-redirect']);
      let prevented = false;
      listeners.get('will-navigate')?.({ url: 'https://evil.example/', preventDefault: () => (prevented = true) });
      expect(prevented).toBe(true);
      expect((openHandler as Handler | null)?.({ url: 'https://www.gov.mo/' })).toEqual({ action: 'deny' });
      await new Promise((res) => setTimeout(res, 0));
      expect(r.events).toContain('openExternal https://www.gov.mo/');
    } finally {
      await r.cleanup();
    }
  });

  it('refuses a plain-text key store with a dialog, and creates no key, store or window', async () => {
    const r = await runMain({ backend: 'basic_text' });
    try {
      expect(r.exitCode()).toBe(1);
      expect(r.errorBoxes).toHaveLength(1);
      expect(r.errorBoxes[0]?.body).toContain('COUNTERDESK_ALLOW_PLAINTEXT_KEY=1');
      expect(r.windows).toEqual([]);
      expect(r.ipc.size).toBe(0);
      expect(existsSync(join(r.userData, 'store.key.safe'))).toBe(false);
    } finally {
      await r.cleanup();
    }
  });

  it.each([
    ['the environment variable', { env: { COUNTERDESK_ALLOW_PLAINTEXT_KEY: '1' } }],
    ['the admin settings file', { adminSettings: '{"allowPlaintextKey": true}' }],
  ])('starts on a plain-text key store when the administrator allowed it through %s', async (_n, s: Scenario) => {
    const r = await runMain({ backend: 'basic_text', ...s });
    try {
      expect(r.exitCode()).toBeNull();
      expect(r.windows).toHaveLength(1);
    } finally {
      await r.cleanup();
    }
  });

  it('a second instance quits at once and leaves the first one alone', async () => {
    const r = await runMain({ singleInstance: false });
    try {
      expect(r.events).toEqual(['quit']);
      expect(r.windows).toEqual([]);
    } finally {
      await r.cleanup();
    }
  });

  it('a packaged app refuses remote-debugging switches and has no devtools', async () => {
    const refused = await runMain({ isPackaged: true, argv: ['/opt/Counterdesk/counterdesk', '--remote-debugging-port=9222'] });
    expect(refused.events).toEqual(['exit 1']);
    refused.cleanup();
    const ok = await runMain({ isPackaged: true });
    try {
      expect(ok.windows[0]?.options.webPreferences?.devTools).toBe(false);
    } finally {
      ok.cleanup();
    }
  });
});

describe('the audit key and the sync signing key in the installed app (issue 12)', () => {
  const PLAIN = ['audit-chain.key', 'sync-signing.key'];
  const plainKeys = (userData: string) => PLAIN.filter((f) => existsSync(join(userData, f)));
  /** The stand-in safeStorage above: `enc:` + hex of the key's base64. */
  const unwrap = (path: string) => Buffer.from(Buffer.from(readFileSync(path).toString().slice(4), 'hex').toString(), 'base64');
  /** A signed pull as the workstation SP01-W1 with this seed: the server answers 200 only to the key it enrolled. */
  async function pullSignedWith(serverUrl: string, seed: Buffer) {
    const pin = { baseUrl: serverUrl, workstationId: 'SP01-W1', serverPublicKey: '', tlsSpkiSha256: null };
    const res = await call(serverUrl, {
      method: 'GET',
      target: '/v1/sync/pull',
      sign: { key: signingKeyFromSeed(seed), pin },
      verifyResponse: false,
      timeoutMs: 10_000,
      nowSeconds: Math.floor(Date.now() / 1000),
    });
    return res.status;
  }

  it('keeps no plain key beside the database, wraps the key made at enrolment, and migrates an earlier install without losing either key', async () => {
    const server = await startFakeSyncServer({ clock: () => new Date() });
    const machine = join(mkdtempSync(join(tmpdir(), 'cd-machine-')), 'machine.json');
    writeFileSync(machine, JSON.stringify({ format: MACHINE_CONFIG_FORMAT, setupCodeSha256: setupCodeHash('INST-ALLE-RC0D-E002') }));
    const first = await runMain({ env: { COUNTERDESK_MACHINE_CONFIG: machine } });
    const base = first.base;
    const userData = first.userData;
    try {
      expect(first.windows).toHaveLength(1);
      expect(plainKeys(userData)).toEqual([]);
      expect(() => readKeyFile(join(userData, 'audit-chain.key.safe'))).toThrow();
      await expect(
        first.invoke('counterdesk:auth.setup', 'app://counterdesk/', {
          staffNumber: 'A001',
          displayName: '金鑰測試管理員',
          password: 'key-test-password-1',
          setupCode: 'INST-ALLE-RC0D-E002',
        }),
      ).resolves.toMatchObject({ ok: true });
      // The core makes the signing key; the window process wraps it before the enrolment counts.
      await expect(
        first.invoke('counterdesk:sync.enrol', 'app://counterdesk/', {
          serverUrl: server.url,
          code: server.issueCode('SP01', 'W1'),
          servicePoint: 'SP01',
          workstation: 'W1',
        }),
      ).resolves.toMatchObject({ ok: true, value: { workstationId: 'SP01-W1' } });
      expect(plainKeys(userData)).toEqual([]);
      const seed = unwrap(join(userData, 'sync-signing.key.safe'));
      expect(seed).toHaveLength(32);
      expect(() => readKeyFile(join(userData, 'sync-signing.key.safe'))).toThrow();
      expect(await pullSignedWith(server.url, seed)).toBe(200);
      expect(await pullSignedWith(server.url, Buffer.alloc(32, 1))).toBe(401); // (control) another key
      await first.quit();

      // An earlier install kept both keys as plain 0600 files: put this one back in that layout.
      const auditKey = unwrap(join(userData, 'audit-chain.key.safe'));
      for (const [name, key] of [
        ['audit-chain.key', auditKey],
        ['sync-signing.key', seed],
      ] as const) {
        writeFileSync(join(userData, name), `${key.toString('hex')}\n`, { mode: 0o600 });
        unlinkSync(join(userData, `${name}.safe`));
      }

      const second = await runMain({}, base);
      expect(second.windows).toHaveLength(1);
      expect(plainKeys(userData)).toEqual([]);
      expect(unwrap(join(userData, 'audit-chain.key.safe')).equals(auditKey)).toBe(true);
      expect(unwrap(join(userData, 'sync-signing.key.safe')).equals(seed)).toBe(true);
      await second.quit();
      // Still signs as the enrolled workstation.
      expect(await pullSignedWith(server.url, unwrap(join(userData, 'sync-signing.key.safe')))).toBe(200);

      // The chain written before the migration (set-up, enrolment) still verifies with the migrated key.
      const audit = await runMain({ argv: ['/opt/Counterdesk/counterdesk', '--store-admin=verify-audit'] }, base);
      expect(audit.exitCode()).toBe(0);
      expect(plainKeys(userData)).toEqual([]);
    } finally {
      await server.close();
      rmSync(base, { recursive: true, force: true });
    }
  });
});
