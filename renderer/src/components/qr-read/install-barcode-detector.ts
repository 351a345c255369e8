import { createWorkerQrDetectorClass, type DecodeWorker } from './worker-qr-detector';

let installed = false;

/**
 * Gives html5-qrcode a BarcodeDetector of ours, so its `useBarCodeDetectorIfSupported` path
 * decodes with ZXing-C++ (zxing-wasm) in a worker, with a sharpened and an enlarged second look
 * at frames it cannot read at first: on the generated corpus (bench/qr-decode.bench.ts) that
 * reads every frame at ≥ 3 px/module, where html5-qrcode's own zxing-js reads about 57 % and
 * plain zxing-wasm about 98 %. Installed even where the browser has a native BarcodeDetector,
 * so every counter decodes with the decoder that was measured. The .wasm is a bundled asset,
 * never fetched from a CDN (a counter has no internet).
 */
export function installBarcodeDetector(): void {
  if (installed) return;
  installed = true;
  const spawn = (): DecodeWorker =>
    new Worker(new URL('./qr-decode.worker.ts', import.meta.url), { type: 'module', name: 'qr-decode' }) as unknown as DecodeWorker;
  (globalThis as { BarcodeDetector?: unknown }).BarcodeDetector = createWorkerQrDetectorClass(spawn);
}
