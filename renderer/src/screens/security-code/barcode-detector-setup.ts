import wasmUrl from 'barcode-detector-wasm?url';
import { BarcodeDetector as ZXingBarcodeDetector, prepareZXingModule } from 'barcode-detector/ponyfill';

let installed = false;

/**
 * Gives html5-qrcode a BarcodeDetector backed by zxing-wasm (ZXing-C++) where the browser has
 * none (Chromium on Windows and Linux), so its `useBarCodeDetectorIfSupported` path decodes
 * with it: it read every frame at ≥ 3 px/module that html5-qrcode's own zxing-js missed under
 * noise, glare and screen moiré (bench/qr-decode.bench.ts). The .wasm is the bundled asset,
 * never the CDN the library would fetch from by default (a counter has no internet).
 */
export function installBarcodeDetector(): void {
  if (installed) return;
  installed = true;
  prepareZXingModule({ overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) } });
  if (!('BarcodeDetector' in globalThis)) (globalThis as { BarcodeDetector?: unknown }).BarcodeDetector = ZXingBarcodeDetector;
}
