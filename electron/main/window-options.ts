import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { APP_ENTRY_URL } from '../common/app-origin';

/**
 * The only webPreferences any window of the app gets (Electron security checklist 2, 3, 4,
 * 6, 8, 9, 10, 11): the renderer is untrusted web content that reaches the app only through
 * the preload's named functions.
 */
export function secureWebPreferences(opts: { preloadPath: string; devTools: boolean }): WebPreferences {
  return {
    preload: opts.preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    enableBlinkFeatures: '',
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: opts.devTools,
  };
}

export function mainWindowOptions(opts: { preloadPath: string; devTools: boolean; title: string }): BrowserWindowConstructorOptions {
  return {
    title: opts.title,
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    show: false, // shown on ready-to-show: no white flash at the counter
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(opts),
  };
}

/** The part of BrowserWindow the factory uses. */
export interface WindowLike {
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  loadURL(url: string): Promise<void>;
}

/** The one window factory: every window of the app is made here, with the secure preferences. */
export function createMainWindow<W extends WindowLike>(
  BrowserWindowCtor: new (options: BrowserWindowConstructorOptions) => W,
  opts: { preloadPath: string; devTools: boolean; title: string; log?: (msg: string, err?: unknown) => void },
): W {
  const win = new BrowserWindowCtor(mainWindowOptions(opts));
  win.once('ready-to-show', () => win.show());
  win.loadURL(APP_ENTRY_URL).catch((e: unknown) => opts.log?.('could not load the app page', e));
  return win;
}
