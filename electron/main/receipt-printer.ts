import { pathToFileURL } from 'node:url';
import { sep } from 'node:path';
import type { BrowserWindowConstructorOptions, WebContentsPrintOptions } from 'electron';
import { PrintError, type PrintJob, type PrinterInfo, type ReceiptPrinter } from '../../services/receipts/receipt-printing';

// Receipt printing in Electron. What is printed is the HTML print view from
// services/receipts/receipt-print-html.ts, not the PDF: Electron opens PDFs in Chromium's
// PDF-viewer extension, and `webContents.print()` of that viewer prints a blank page
// (electron/electron#27383, #30947, still so in recent majors). Chromium prints HTML
// natively, silently, to a named printer, so an equivalent HTML page is the reliable path.
//
// The decisions are the pure functions below (unit-tested); createReceiptPrinter only
// connects them to Electron. Not exercised against a real Electron binary on the build
// machines (none can be downloaded there): check silent printing on a counter PC.

/** A hidden window for untrusted-free, script-free content: no preload, no JavaScript, sandboxed. */
export function printWindowOptions(show: boolean): BrowserWindowConstructorOptions {
  return {
    show,
    width: 820,
    height: 1000,
    title: 'Counterdesk',
    autoHideMenuBar: true,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    },
  };
}

/** The page as a data: URL (nothing written to disk: the receipt holds personal data). */
export function printPageUrl(html: string): string {
  return `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`;
}

/** The print view's @font-face URLs are relative: they resolve against the app's font folder. */
export function fontBaseUrl(fontDirectory: string): string {
  const withSep = fontDirectory.endsWith(sep) ? fontDirectory : fontDirectory + sep;
  return pathToFileURL(withSep).href;
}

/**
 * Which printer a job goes to: the configured one if the system still has it (a printer
 * renamed or removed must not silently print elsewhere), else the system default.
 */
export function choosePrinter(configured: string | undefined, printers: readonly PrinterInfo[]): string {
  if (printers.length === 0) throw new PrintError('no_printer', 'no printer installed');
  if (configured !== undefined) {
    if (!printers.some((p) => p.name === configured)) throw new PrintError('printer_unknown', `printer not found: ${configured}`);
    return configured;
  }
  return (printers.find((p) => p.isDefault) ?? printers[0]!).name;
}

/**
 * A4 is asked for by name. A roll has no fixed length: leave the page size to the thermal
 * printer's driver (its paper is the roll); the page's CSS sets the 80 mm width.
 */
export function printOptions(job: Pick<PrintJob, 'paper'>, deviceName: string, silent: boolean): WebContentsPrintOptions {
  return {
    silent,
    deviceName,
    printBackground: false,
    color: false,
    copies: 1,
    margins: { marginType: 'none' },
    ...(job.paper === 'a4' ? { pageSize: 'A4' as const } : {}),
  };
}

/** Electron's callback form of print, as a promise with a reason the clerk can act on. */
export function printResult(success: boolean, failureReason: string): void {
  if (success) return;
  // 'Print job canceled' comes from the preview's dialog; anything else is the printer's.
  throw new PrintError('failed', failureReason || 'print failed');
}

interface PrintableContents {
  getPrintersAsync(): Promise<{ name: string; displayName: string; isDefault?: boolean; options?: unknown }[]>;
  print(options: WebContentsPrintOptions, callback: (success: boolean, failureReason: string) => void): void;
  loadURL(url: string, options?: { baseURLForDataURL?: string }): Promise<void>;
}
interface PrintWindow {
  webContents: PrintableContents;
  close(): void;
  isDestroyed(): boolean;
}
export type PrintWindowFactory = new (options: BrowserWindowConstructorOptions) => PrintWindow;

export function createReceiptPrinter(BrowserWindowClass: PrintWindowFactory): ReceiptPrinter {
  const listWith = async (contents: PrintableContents): Promise<PrinterInfo[]> =>
    (await contents.getPrintersAsync()).map((p) => ({ name: p.name, displayName: p.displayName || p.name, isDefault: p.isDefault === true }));

  const run = async (job: PrintJob, show: boolean): Promise<{ printer: string }> => {
    const win = new BrowserWindowClass(printWindowOptions(show));
    try {
      const deviceName = choosePrinter(job.printer, await listWith(win.webContents));
      await win.webContents.loadURL(printPageUrl(job.html), { baseURLForDataURL: fontBaseUrl(job.fontDirectory) });
      await new Promise<void>((resolve, reject) => {
        win.webContents.print(printOptions(job, deviceName, !show), (success, reason) => {
          try {
            printResult(success, reason);
            resolve();
          } catch (e) {
            reject(e instanceof Error ? e : new Error(String(e)));
          }
        });
      });
      return { printer: deviceName };
    } finally {
      if (!win.isDestroyed()) win.close();
    }
  };

  return {
    async listPrinters() {
      const win = new BrowserWindowClass(printWindowOptions(false));
      try {
        return await listWith(win.webContents);
      } finally {
        if (!win.isDestroyed()) win.close();
      }
    },
    print: (job) => run(job, false),
    // The preview shows the page and the system print dialog (its own preview, printer choice).
    preview: async (job) => {
      await run(job, true);
    },
  };
}
