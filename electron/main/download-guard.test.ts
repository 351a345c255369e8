import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import {
  installDownloadGuard,
  isAppDownloadUrl,
  localeFromSystem,
  safeFileName,
  type DownloadGuardDeps,
  type DownloadItemLike,
  type DownloadPrompt,
} from './download-guard';

// Issue 12, item 13: receipts and scans saved from the app were written in clear, outside
// retention, without a word to the clerk. Electron stand-ins, as in the other electron/main tests.
type Listener = (event: unknown, item: DownloadItemLike, webContents: unknown) => void;

function setup(answers: { warn?: number; path?: string | undefined } = {}, locale: 'zh-Hant' | 'pt' | 'en' = 'zh-Hant') {
  let listener: Listener | undefined;
  const steps: string[] = [];
  const prompts: DownloadPrompt[] = [];
  const saveOptions: { title: string; defaultPath: string; buttonLabel: string }[] = [];
  const deps: DownloadGuardDeps = {
    locale: () => locale,
    downloadsDir: () => '/home/clerk/Downloads',
    warn: (p) => {
      steps.push('warn');
      prompts.push(p);
      return answers.warn ?? 0;
    },
    chooseSavePath: (o) => {
      steps.push('save-dialog');
      saveOptions.push(o);
      return 'path' in answers ? answers.path : '/home/clerk/Desktop/receipt.pdf';
    },
    log: (m) => steps.push(`log: ${m}`),
  };
  installDownloadGuard({ on: (_e, l) => (listener = l) }, deps);
  const download = (url: string, fileName: string) => {
    const item: DownloadItemLike = {
      getURL: () => url,
      getFilename: () => fileName,
      setSavePath: (p) => steps.push(`save to ${p}`),
      cancel: () => steps.push('cancel'),
    };
    if (!listener) throw new Error('no will-download listener');
    listener({}, item, {});
  };
  return { steps, prompts, saveOptions, download };
}

const APP_BLOB = 'blob:app://counterdesk/6f1c1d0e-8a4b-4c52-9a43-1f0c2b7d9e11';

describe('will-download', () => {
  it('tells the clerk the file leaves the encrypted store, then asks where to save, then saves there', () => {
    const s = setup();
    s.download(APP_BLOB, 'receipt-2026-000123.pdf');
    expect(s.steps).toEqual(['warn', 'save-dialog', 'save to /home/clerk/Desktop/receipt.pdf']);
    expect(s.prompts[0]).toEqual({
      title: '將檔案儲存到加密資料庫以外',
      message: '「receipt-2026-000123.pdf」將以未加密形式儲存在你選擇的位置。',
      detail: expect.stringContaining('不受保留期限自動刪除') as unknown,
      buttons: ['選擇儲存位置…', '取消'],
    });
    expect(s.saveOptions[0]?.defaultPath).toBe(join('/home/clerk/Downloads', 'receipt-2026-000123.pdf'));
  });

  it('speaks the clerk’s language (Portuguese here)', () => {
    const s = setup({}, 'pt');
    s.download(APP_BLOB, 'scan.tif');
    expect(s.prompts[0]?.message).toBe('«scan.tif» vai ser guardado sem cifra no local que escolher.');
    expect(s.prompts[0]?.buttons).toEqual(['Escolher onde guardar…', 'Cancelar']);
  });

  it('cancels the download when the clerk cancels the warning; no save dialog, nothing written', () => {
    const s = setup({ warn: 1 });
    s.download(APP_BLOB, 'receipt.pdf');
    expect(s.steps).toEqual(['warn', 'cancel']);
  });

  it('cancels the download when the clerk closes the save dialog', () => {
    const s = setup({ path: undefined });
    s.download(APP_BLOB, 'receipt.pdf');
    expect(s.steps).toEqual(['warn', 'save-dialog', 'cancel']);
  });

  it.each([
    'https://evil.example/x.pdf',
    'blob:https://evil.example/uuid',
    'file:///etc/passwd',
    'blob:app://counterdesk.evil/uuid',
    'data:application/pdf;base64,JVBERi0=',
  ])('cancels a download not started by the app’s own page: %s', (url) => {
    const s = setup();
    s.download(url, 'x.pdf');
    expect(s.steps.filter((x) => !x.startsWith('log: '))).toEqual(['cancel']);
  });

  it('offers only a bare file name, never a folder the page chose', () => {
    const s = setup();
    s.download(APP_BLOB, '../../.bashrc');
    expect(s.saveOptions[0]?.defaultPath).toBe(join('/home/clerk/Downloads', '.bashrc'));
  });
});

describe('helpers', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\Windows\\x.pdf', 'x.pdf'],
    ['a\u0000b:c?.pdf', 'a_b_c_.pdf'],
    ['..', 'download'],
    ['', 'download'],
  ])('safeFileName(%j) = %j', (input, out) => expect(safeFileName(input)).toBe(out));

  it('recognises only the app’s own object URLs', () => {
    expect(isAppDownloadUrl(APP_BLOB)).toBe(true);
    expect(isAppDownloadUrl('blob:app://counterdesk@evil/uuid')).toBe(false);
  });

  it.each([
    [['pt-PT', 'en'], 'pt'],
    [['en-GB'], 'en'],
    [['zh-MO', 'pt'], 'zh-Hant'],
    [['fr-FR'], 'zh-Hant'],
    [[], 'zh-Hant'],
  ])('localeFromSystem(%j) = %s', (langs, locale) => expect(localeFromSystem(langs)).toBe(locale));
});
