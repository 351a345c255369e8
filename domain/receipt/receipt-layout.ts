import type { PaperSize } from './receipt-input';

// Page geometry in PDF points (1 pt = 1/72 in). Pure numbers, so the renderer and its
// tests agree on them and a reviewer can tune the look in one place.

const MM = 72 / 25.4;

export interface ReceiptLayout {
  paper: PaperSize;
  /** Page width; A4 pages also have a fixed height, a thermal roll grows with content. */
  width: number;
  fixedHeight: number | null;
  margin: number;
  /** Label column width when label and value sit side by side; null = stacked (narrow paper). */
  labelColumn: number | null;
  /** Width of "which document" beside "how it was received"; null = stacked. */
  documentColumn: number | null;
  gap: number;
  size: {
    header: number;
    title: number;
    applicationNumber: number;
    label: number;
    value: number;
    secondary: number;
    reprint: number;
  };
  /** QR side; modules are drawn as vector squares, so any size stays sharp. */
  qrSize: number;
  /** A4: top right, beside the title, so one page holds a full receipt; roll: at the end. */
  qrPlacement: 'top-right' | 'end';
}

export const RECEIPT_LAYOUTS: Record<PaperSize, ReceiptLayout> = {
  a4: {
    paper: 'a4',
    width: 595.28,
    fixedHeight: 841.89,
    margin: 13 * MM,
    labelColumn: 54 * MM,
    documentColumn: 92 * MM,
    gap: 4,
    size: { header: 10, title: 15, applicationNumber: 19, label: 8, value: 9.5, secondary: 7.5, reprint: 11 },
    qrSize: 38 * MM,
    qrPlacement: 'top-right',
  },
  // 80 mm roll, about 72 mm printable on common 203 dpi counter printers.
  thermal80: {
    paper: 'thermal80',
    width: 80 * MM,
    fixedHeight: null,
    margin: 4 * MM,
    labelColumn: null,
    documentColumn: null,
    gap: 4,
    // Latin lines at 6.5 pt stay legible on a 203 dpi head; Chinese stays at 8.5 pt and up.
    size: { header: 8.5, title: 13, applicationNumber: 16, label: 7, value: 8.5, secondary: 6.5, reprint: 10 },
    // Version 8 QR (49 modules) at 38 mm: 0.78 mm, about 6 printer dots, per module.
    qrSize: 38 * MM,
    qrPlacement: 'end',
  },
};
