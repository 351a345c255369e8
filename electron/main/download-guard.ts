import { basename, join } from 'node:path';
import { isAppUrl } from '../common/app-origin';
import { translate, type Locale, type MessageKey, type MessageParams } from '../../i18n';

/**
 * Downloads (issue 12, item 13). A receipt, a day-end report or a scan saved from the app
 * leaves the encrypted store: it is plain on disk and retention no longer deletes it. So the
 * clerk is told so first, then asked where to save; nothing is written before they choose.
 * Only the app's own page may start a download (object URLs it made itself); anything else
 * is cancelled.
 */
export interface DownloadItemLike {
  getURL(): string;
  getFilename(): string;
  setSavePath(path: string): void;
  cancel(): void;
}

export interface DownloadSession {
  on(event: 'will-download', listener: (event: unknown, item: DownloadItemLike, webContents: unknown) => void): unknown;
}

export interface DownloadPrompt {
  title: string;
  message: string;
  detail: string;
  buttons: [choose: string, cancel: string];
}

export interface DownloadGuardDeps {
  /** The clerk's language for the dialogs. */
  locale: () => Locale;
  /** The folder the save dialog opens in (the OS's Downloads folder). */
  downloadsDir: () => string;
  /** Shows the warning (modal); returns the index of the button pressed. */
  warn: (prompt: DownloadPrompt, webContents: unknown) => number;
  /** The OS save dialog; undefined when the clerk cancels. */
  chooseSavePath: (opts: { title: string; defaultPath: string; buttonLabel: string }, webContents: unknown) => string | undefined;
  log?: (msg: string) => void;
}

/** `blob:app://counterdesk/<uuid>` is the app's own object URL; its origin is what follows `blob:`. */
export function isAppDownloadUrl(url: string): boolean {
  return isAppUrl(url.startsWith('blob:') ? url.slice('blob:'.length) : url);
}

/** The name the page suggested, without any folder part or characters a file system refuses. */
export function safeFileName(suggested: string): string {
  const name = basename(suggested.replace(/\\/g, '/'))
    .replace(/[\p{Cc}<>:"/\\|?*]/gu, '_')
    .trim();
  return name === '' || name === '.' || name === '..' ? 'download' : name;
}

export function installDownloadGuard(session: DownloadSession, deps: DownloadGuardDeps): void {
  const log = deps.log ?? (() => {});
  session.on('will-download', (_event, item, webContents) => {
    const url = item.getURL();
    if (!isAppDownloadUrl(url)) {
      log(`download from ${url.slice(0, 80)} cancelled: not the app's own page`);
      item.cancel();
      return;
    }
    const fileName = safeFileName(item.getFilename());
    const locale = deps.locale();
    const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
    const choice = deps.warn(
      {
        title: t('hardening.download.title'),
        message: t('hardening.download.message', { fileName }),
        detail: t('hardening.download.detail'),
        buttons: [t('hardening.download.choose'), t('hardening.download.cancel')],
      },
      webContents,
    );
    if (choice !== 0) {
      item.cancel();
      return;
    }
    const path = deps.chooseSavePath(
      { title: t('hardening.download.title'), defaultPath: join(deps.downloadsDir(), fileName), buttonLabel: t('hardening.download.choose') },
      webContents,
    );
    if (!path) {
      item.cancel();
      return;
    }
    // Setting the path here, inside the event, is what stops Electron's own unannounced save.
    item.setSavePath(path);
  });
}

/** The clerk's language from the OS's preferred languages: Traditional Chinese unless Portuguese or English comes first. */
export function localeFromSystem(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const l = tag.toLowerCase();
    if (l.startsWith('zh')) return 'zh-Hant';
    if (l.startsWith('pt')) return 'pt';
    if (l.startsWith('en')) return 'en';
  }
  return 'zh-Hant';
}
