import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createMainWindow, mainWindowOptions, secureWebPreferences } from './window-options';

describe('secureWebPreferences', () => {
  it.each([true, false])('isolates and sandboxes the renderer (devTools %s)', (devTools) => {
    const p = secureWebPreferences({ preloadPath: '/app/dist-electron/preload.cjs', devTools });
    expect(p).toMatchObject({
      preload: '/app/dist-electron/preload.cjs',
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
      spellcheck: false,
      devTools,
    });
    // Nothing that could re-open Node or a second scripting world.
    expect(p).not.toHaveProperty('additionalArguments');
    expect(p).not.toHaveProperty('partition');
    expect(p).not.toHaveProperty('enableRemoteModule');
  });
});

describe('createMainWindow', () => {
  it('makes the window with the secure preferences, loads app:// and shows it when ready', async () => {
    const made: FakeWindow[] = [];
    class FakeWindow {
      options: BrowserWindowConstructorOptions;
      loaded: string[] = [];
      shown = false;
      private ready: (() => void) | null = null;
      constructor(options: BrowserWindowConstructorOptions) {
        this.options = options;
        made.push(this);
      }
      once(_event: 'ready-to-show', listener: () => void) {
        this.ready = listener;
        return this;
      }
      show() {
        this.shown = true;
      }
      async loadURL(url: string) {
        this.loaded.push(url);
      }
      fireReady() {
        this.ready?.();
      }
    }
    const win = createMainWindow(FakeWindow, { preloadPath: '/p.cjs', devTools: false, title: 'Counterdesk' });
    expect(made).toHaveLength(1);
    expect(win.options).toEqual(mainWindowOptions({ preloadPath: '/p.cjs', devTools: false, title: 'Counterdesk' }));
    expect(win.options.webPreferences?.sandbox).toBe(true);
    expect(win.loaded).toEqual(['app://counterdesk/index.html']);
    expect(win.shown).toBe(false);
    win.fireReady();
    expect(win.shown).toBe(true);
  });

  it('logs rather than crashes when the page cannot load', async () => {
    const logged: string[] = [];
    class FailingWindow {
      constructor(_o: BrowserWindowConstructorOptions) {}
      once() {
        return this;
      }
      show() {}
      loadURL(): Promise<void> {
        return Promise.reject(new Error('ERR_FILE_NOT_FOUND'));
      }
    }
    createMainWindow(FailingWindow, { preloadPath: '/p.cjs', devTools: false, title: 'x', log: (m) => logged.push(m) });
    await new Promise((r) => setTimeout(r, 0));
    expect(logged).toEqual(['could not load the app page']);
  });
});
