// The Electron main process: thin wiring around services/core (plain Node). Every security
// decision lives in a small module beside this one as a pure, unit-tested function; this
// file only connects them to Electron. See electron/README.md for the checklist.
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, shell, utilityProcess } from 'electron';
import { METHODS } from '../../api/contract';
import { connectCore, type CoreClient } from '../../services/core/host/core-client';
import { resolveKeyFile, wrappedKeyStorage } from '../../services/store/key-rotation';
import { buildCsp } from '../common/csp';
import { APP_SCHEME } from '../common/app-origin';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { forbiddenDebugSwitches } from './debug-switches';
import { registerIpcBridge } from './ipc-bridge';
import { ADMIN_SETTINGS_FILE, decideKeyStore, plaintextKeyAllowed, readAdminSettings } from './key-policy';
import { installNavigationGuard } from './navigation-guard';
import { installPermissionGuard } from './permission-guard';
import { installDownloadGuard } from './download-guard';
import { electronDownloadDeps } from './download-dialogs';
import { createSafeStorageKeyWrapper } from './safe-storage-key-wrapper';
import { createReceiptPrinter } from './receipt-printer';
import { forkCoreProcess } from './core-utility-process';
import { startupFailureDialog } from './startup-failure';
import { runStoreAdmin, storeAdminCommand } from './store-admin';
import { createMainWindow } from './window-options';
import { machineConfigFor } from './machine-config-policy';
import { keepSyncSigningSeed, loadCoreSecrets } from './core-secrets';

/** The database key, wrapped by the OS key store, in the data directory. */
const WRAPPED_KEY_FILE = 'store.key.safe';

const log = (msg: string, err?: unknown) => {
  if (err === undefined) console.error(`[counterdesk] ${msg}`);
  else console.error(`[counterdesk] ${msg}`, err);
};

let core: CoreClient | null = null;
let mainWindow: BrowserWindow | null = null;

/** Closes the store in the core's process and waits for it to end. */
async function closeCore(): Promise<void> {
  const closing = core;
  core = null;
  if (!closing) return;
  try {
    await closing.close();
  } catch (e) {
    log('closing the store failed', e);
  }
}

function fail(cause: unknown): void {
  log('start-up failed', cause);
  const { title, body } = startupFailureDialog(cause);
  dialog.showErrorBox(title, body);
  void closeCore().finally(() => app.exit(1));
}

function openWindow() {
  mainWindow = createMainWindow(BrowserWindow, {
    preloadPath: join(__dirname, 'preload.cjs'),
    devTools: !app.isPackaged,
    title: 'Counterdesk',
    log,
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

async function start() {
  const dataDir = app.getPath('userData');

  const allowPlaintext = plaintextKeyAllowed(process.env, readAdminSettings(join(dataDir, ADMIN_SETTINGS_FILE)));
  const wrapper = createSafeStorageKeyWrapper(safeStorage, { platform: process.platform, allowPlaintext });
  const decision = decideKeyStore({ backend: wrapper.backend(), available: wrapper.isAvailable(), allowPlaintext });
  if (decision !== 'ok') return fail(decision);
  if (wrapper.backend() === 'basic_text') log('WARNING: the database key is kept with a plain-text key store (allowed by the administrator)');

  try {
    const keyPath = join(dataDir, WRAPPED_KEY_FILE);
    const storage = wrappedKeyStorage(wrapper, { allowPlaintextBackend: allowPlaintext });
    // Also finishes a key rotation that was cut short (the new key is kept beside the old one).
    const { key, otherKeys } = resolveKeyFile(dataDir, keyPath, storage);
    // The audit chain's key and the sync signing seed, wrapped the same way (an earlier install's
    // plain key files are wrapped, read back, then removed: core-secrets.ts).
    const secrets = loadCoreSecrets(dataDir, storage);
    const adminCommand = storeAdminCommand(process.argv);
    if (adminCommand) {
      // Maintenance run (store-admin.ts): no window, one line out, exit code for scripts.
      const r = runStoreAdmin(adminCommand, { dataDir, keyPath, storage, key, otherKeys, auditKey: secrets.auditKey });
      (r.code === 0 ? console.log : console.error)(r.message);
      app.exit(r.code);
      return;
    }
    // Not zeroed afterwards: the store may keep this buffer (scan key wrapping, rotation).
    // Fonts for receipts and reports: beside the asar when packaged (electron-builder.yml
    // extraResources), in the checkout's resources/ when run from source.
    const fontDirectory = app.isPackaged && process.resourcesPath ? join(process.resourcesPath, 'fonts') : join(app.getAppPath(), 'resources', 'fonts');
    // The core runs in its own utility process (issue 11, item 7): password hashing, SQLCipher
    // and PDF rendering never stall this process, which drives the window. The keys cross
    // once, in memory, over the process's message port. Receipts still print from here,
    // through hidden print windows (receipt-printer.ts), and a signing key made at enrolment is
    // wrapped from here, when the core asks.
    core = await connectCore(
      forkCoreProcess(utilityProcess, join(__dirname, 'core.cjs')),
      {
        dataDir,
        key,
        otherKeys,
        version: app.getVersion(),
        fontDirectory,
        printing: true,
        machineConfig: machineConfigFor(app.isPackaged, process.env),
        secrets,
      },
      { printer: createReceiptPrinter(BrowserWindow), keepSigningSeed: (seed) => keepSyncSigningSeed(dataDir, storage, seed), log },
    );
  } catch (e) {
    return fail(e);
  }

  installPermissionGuard(session.defaultSession, log);
  // Saving a receipt or scan leaves the encrypted store: the clerk is told and chooses where (issue 12, item 13).
  installDownloadGuard(session.defaultSession, electronDownloadDeps({ app, dialog, BrowserWindow }, log));
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ rootDir: join(app.getAppPath(), 'dist', 'renderer'), csp: buildCsp() }));
  const activeCore = core;
  registerIpcBridge({ ipcMain, methods: METHODS, dispatch: (m, input, ctx) => activeCore.dispatch(m, input, ctx), log });
  openWindow();
}

function main() {
  if (app.isPackaged) {
    const forbidden = forbiddenDebugSwitches(process.argv);
    if (forbidden.length > 0) {
      log(`refusing to start with debugging switches: ${forbidden.join(' ')}`);
      app.exit(1);
      return;
    }
  }

  // One app per workstation session: two would fight over the same database.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

  // Every web contents, whatever creates it, gets the navigation and window guards.
  app.on('web-contents-created', (_event, contents) => {
    installNavigationGuard(contents, { openExternal: (url) => shell.openExternal(url), log });
  });

  app.on('window-all-closed', () => app.quit());
  // The store closes in the core's process before the app ends (WAL checkpoint, scan files).
  app.on('will-quit', (event) => {
    if (!core) return;
    event.preventDefault();
    void closeCore().finally(() => app.quit());
  });

  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => fail(e));
}

main();
