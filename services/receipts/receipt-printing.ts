import type { ReceiptPaper } from './receipt-store';

// What the Electron shell provides to print (electron/main/receipt-printer.ts). Absent in the
// browser harness: there the renderer downloads the PDF and prints it from the browser.

export interface PrinterInfo {
  name: string;
  displayName: string;
  isDefault: boolean;
}

export interface PrintJob {
  /** Self-contained page from renderReceiptHtml. */
  html: string;
  paper: ReceiptPaper;
  /** The configured printer; absent = the system default. */
  printer?: string;
  /** Where the receipt fonts are, for the print view's @font-face. */
  fontDirectory: string;
}

export interface ReceiptPrinter {
  listPrinters(): Promise<PrinterInfo[]>;
  /** Prints without a dialog; resolves with the printer used, rejects with a reason for the clerk. */
  print(job: PrintJob): Promise<{ printer: string }>;
  /** Shows the page in a window with the system print dialog (settings: check layout and printer). */
  preview(job: PrintJob): Promise<void>;
}

/** A printing failure the clerk can act on (printer missing, offline, cancelled). */
export class PrintError extends Error {
  constructor(
    readonly reason: 'no_printer' | 'printer_unknown' | 'failed',
    detail: string,
  ) {
    super(detail);
    this.name = 'PrintError';
  }
}
