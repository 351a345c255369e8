import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy, type RenderTask } from 'pdfjs-dist';
// Bundled by Vite as a same-origin asset: the worker is served by the app itself (CSP
// script-src 'self' covers it, no blob: needed) and a counter never fetches it from a CDN.
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { BUNDLED, BundledDataFactory } from './pdf-bundled-data';

GlobalWorkerOptions.workerSrc = workerUrl;

const MAX_CANVAS_SIDE = 8192;

/** One opened PDF scan, held in memory only (the core sends it decrypted; it never touches disk). */
export interface PdfScan {
  numPages: number;
  /** Draws page `pageNumber` (1-based) into the canvas, `cssWidth` CSS pixels wide, turned by `rotation` degrees. */
  render(pageNumber: number, canvas: HTMLCanvasElement, cssWidth: number, rotation: number): { done: Promise<void>; cancel(): void };
  close(): void;
}

export async function openPdfScan(bytes: Uint8Array): Promise<PdfScan> {
  const doc: PDFDocumentProxy = await getDocument({
    data: bytes,
    // Nothing is fetched from elsewhere: standard fonts and wasm come from the bundle, CMaps are
    // not loaded, and no eval (the CSP has no 'unsafe-eval'). Glyphs are drawn as paths instead
    // of @font-face rules (style-src 'self').
    ...BUNDLED,
    BinaryDataFactory: BundledDataFactory,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    enableXfa: false,
    stopAtErrors: false,
  }).promise;
  return {
    numPages: doc.numPages,
    render(pageNumber, canvas, cssWidth, rotation) {
      let task: RenderTask | null = null;
      let cancelled = false;
      const done = (async () => {
        const page = await doc.getPage(pageNumber);
        if (cancelled) return;
        const turn = (((page.rotate + rotation) % 360) + 360) % 360;
        const unit = page.getViewport({ scale: 1, rotation: turn });
        const dpr = globalThis.devicePixelRatio || 1;
        // Bounded: a huge zoom on a huge page must not allocate a canvas the GPU refuses.
        const scale = Math.min((cssWidth * dpr) / unit.width, MAX_CANVAS_SIDE / Math.max(unit.width, unit.height));
        const viewport = page.getViewport({ scale, rotation: turn });
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        task = page.render({ canvas, viewport });
        await task.promise;
      })();
      // pdf.js refuses a second drawing into a canvas still being drawn: a zoom or page turn
      // mid-drawing cancels the drawing it replaces.
      return {
        done,
        cancel() {
          cancelled = true;
          task?.cancel();
        },
      };
    },
    close() {
      void doc.destroy();
    },
  };
}
