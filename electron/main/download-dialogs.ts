import type { App, BrowserWindow as BrowserWindowType, Dialog, MessageBoxSyncOptions, WebContents } from 'electron';
import { localeFromSystem, type DownloadGuardDeps } from './download-guard';

/** The download guard's questions as Electron's modal dialogs, attached to the window that asked. */
export function electronDownloadDeps(
  electron: {
    app: Pick<App, 'getPath' | 'getPreferredSystemLanguages'>;
    dialog: Pick<Dialog, 'showMessageBoxSync' | 'showSaveDialogSync'>;
    BrowserWindow: Pick<typeof BrowserWindowType, 'fromWebContents'>;
  },
  log: (msg: string) => void,
): DownloadGuardDeps {
  const { app, dialog, BrowserWindow } = electron;
  const windowOf = (contents: unknown) => (contents ? BrowserWindow.fromWebContents(contents as WebContents) : null);
  return {
    locale: () => localeFromSystem(app.getPreferredSystemLanguages()),
    downloadsDir: () => app.getPath('downloads'),
    warn: (p, contents) => {
      const options: MessageBoxSyncOptions = {
        type: 'warning',
        title: p.title,
        message: p.message,
        detail: p.detail,
        buttons: [...p.buttons],
        defaultId: 0,
        cancelId: 1,
        noLink: true,
      };
      const win = windowOf(contents);
      return win ? dialog.showMessageBoxSync(win, options) : dialog.showMessageBoxSync(options);
    },
    chooseSavePath: (o, contents) => {
      const win = windowOf(contents);
      return win ? dialog.showSaveDialogSync(win, o) : dialog.showSaveDialogSync(o);
    },
    log,
  };
}
