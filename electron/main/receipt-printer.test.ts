import { describe, expect, it } from 'vitest';
import { PrintError } from '../../services/receipts/receipt-printing';
import { choosePrinter, createReceiptPrinter, fontBaseUrl, printOptions, printPageUrl, printWindowOptions, type PrintWindowFactory } from './receipt-printer';

const printers = [
  { name: 'HP_A4', displayName: 'HP LaserJet', isDefault: false },
  { name: 'EPSON_TM', displayName: 'Epson TM-T88', isDefault: true },
];

describe('receipt printer decisions', () => {
  it.each([
    ['configured printer present', 'HP_A4', printers, 'HP_A4'],
    ['no configuration: the system default', undefined, printers, 'EPSON_TM'],
    ['no default flagged: the first', undefined, [{ ...printers[0]!, isDefault: false }], 'HP_A4'],
  ] as const)('%s', (_name, configured, list, expected) => {
    expect(choosePrinter(configured, list)).toBe(expected);
  });

  it.each([
    ['configured printer gone: refused, never printed elsewhere', 'OLD', printers, 'printer_unknown'],
    ['no printer at all', undefined, [], 'no_printer'],
  ] as const)('%s', (_name, configured, list, reason) => {
    expect(() => choosePrinter(configured, list)).toThrow(PrintError);
    try {
      choosePrinter(configured, list);
    } catch (e) {
      expect((e as PrintError).reason).toBe(reason);
    }
  });

  it('A4 asks for A4; the roll leaves the length to the driver; silent only when printing', () => {
    expect(printOptions({ paper: 'a4' }, 'HP_A4', true)).toMatchObject({ silent: true, deviceName: 'HP_A4', pageSize: 'A4' });
    const roll = printOptions({ paper: 'roll80' }, 'EPSON_TM', false);
    expect(roll.silent).toBe(false);
    expect(roll.pageSize).toBeUndefined();
  });

  it('the print window has no preload, no JavaScript, and is sandboxed', () => {
    const o = printWindowOptions(false);
    expect(o.show).toBe(false);
    expect(o.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true });
    expect(o.webPreferences?.preload).toBeUndefined();
  });

  it('the page goes in a data: URL, fonts resolve from the font folder', () => {
    const url = printPageUrl('<p>申請 ção</p>');
    expect(Buffer.from(url.split(',')[1]!, 'base64').toString('utf8')).toBe('<p>申請 ção</p>');
    expect(fontBaseUrl('/opt/app/resources/fonts')).toBe('file:///opt/app/resources/fonts/');
  });
});

describe('createReceiptPrinter (with a stand-in window)', () => {
  function fakeWindows(result: { success: boolean; reason: string }) {
    const log: { options: unknown; url?: string; base?: string | undefined; print?: unknown; closed: boolean }[] = [];
    class Win {
      entry: (typeof log)[number];
      constructor(options: unknown) {
        this.entry = { options, closed: false };
        log.push(this.entry);
      }
      webContents = {
        getPrintersAsync: async () => printers,
        loadURL: async (url: string, o?: { baseURLForDataURL?: string }) => {
          this.entry.url = url;
          this.entry.base = o?.baseURLForDataURL;
        },
        print: (options: unknown, cb: (s: boolean, r: string) => void) => {
          this.entry.print = options;
          cb(result.success, result.reason);
        },
      };
      close() {
        this.entry.closed = true;
      }
      isDestroyed() {
        return this.entry.closed;
      }
    }
    return { log, Win: Win as unknown as PrintWindowFactory };
  }
  const job = { html: '<p>SP01-W07</p>', paper: 'a4' as const, fontDirectory: '/fonts' };

  it('prints silently to the chosen printer and closes the window', async () => {
    const { log, Win } = fakeWindows({ success: true, reason: '' });
    expect(await createReceiptPrinter(Win).print({ ...job, printer: 'HP_A4' })).toEqual({ printer: 'HP_A4' });
    expect(log[0]).toMatchObject({ base: 'file:///fonts/', print: { silent: true, deviceName: 'HP_A4' }, closed: true });
  });

  it('a failed print rejects with the reason and still closes the window', async () => {
    const { log, Win } = fakeWindows({ success: false, reason: 'Printer offline' });
    await expect(createReceiptPrinter(Win).print(job)).rejects.toMatchObject({ reason: 'failed', message: 'Printer offline' });
    expect(log[0]?.closed).toBe(true);
  });

  it('the preview shows the window and the print dialog', async () => {
    const { log, Win } = fakeWindows({ success: true, reason: '' });
    await createReceiptPrinter(Win).preview(job);
    expect(log[0]).toMatchObject({ options: { show: true }, print: { silent: false } });
  });
});
