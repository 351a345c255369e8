// Receipts: what an API handler or the Electron shell calls.
export { renderReceiptPdf, renderReceipt, parseReceiptInput, ReceiptInputError } from './render-receipt-pdf';
export type { RenderReceiptOptions, RenderedReceipt } from './render-receipt-pdf';
export { createReceiptToken, verifyReceiptToken, receiptTokenMatchesRecord } from './receipt-token';
export type { ReceiptVerification, ReceiptTokenDetails } from './receipt-token';
export { generateWorkstationKeyPair, publicKeyOf } from './workstation-keys';
export type { WorkstationKeyPair, WorkstationSigningKey, KnownWorkstationKey } from './workstation-keys';
export { loadReceiptFonts, defaultReceiptFontDirectory } from './receipt-fonts';
export { ReceiptInputSchema, RECEIPT_DOCUMENT_KINDS, PAPER_SIZES } from '../../domain/receipt/receipt-input';
export type {
  ReceiptInput,
  ReceiptInputData,
  ReceiptDocument,
  ReceiptDocumentKind,
  ReceiptPerson,
  PaperSize,
  ReceiptLocales,
} from '../../domain/receipt/receipt-input';
export { maskIdNumber, maskMobileNumber } from '../../domain/receipt/id-masking';
