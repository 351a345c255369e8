// The two QR decoders the security-code screen could ship, driven in Node exactly as the
// renderer drives them: html5-qrcode's bundled zxing-js (same luminance source, binarizer
// and hints as its ZXingHtml5QrcodeDecoder) and zxing-wasm with the options the
// barcode-detector ponyfill passes (html5-qrcode's BarcodeDetector path).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import type { Frame } from './qr-corpus';
import { readQrRobustly } from '../renderer/src/components/qr-read/read-qr-robustly';
import { EXTRA_LOOK, FIRST_LOOK } from '../renderer/src/components/qr-read/zxing-options';

const require = createRequire(import.meta.url);

interface ZXingJs {
  MultiFormatReader: new (verbose: boolean, hints: Map<unknown, unknown>) => { decode(bitmap: unknown): { getText(): string } };
  HTMLCanvasElementLuminanceSource: new (canvas: unknown) => unknown;
  BinaryBitmap: new (binarizer: unknown) => unknown;
  HybridBinarizer: new (source: unknown) => unknown;
  DecodeHintType: { POSSIBLE_FORMATS: unknown; TRY_HARDER: unknown };
  BarcodeFormat: { QR_CODE: unknown };
}

const ZXing = require('html5-qrcode/third_party/zxing-js.umd.js') as ZXingJs;
const hints = new Map<unknown, unknown>([
  [ZXing.DecodeHintType.POSSIBLE_FORMATS, [ZXing.BarcodeFormat.QR_CODE]],
  [ZXing.DecodeHintType.TRY_HARDER, false],
]);

/** html5-qrcode 2.3.8's own decoder on one frame; null when it finds no code. */
export function decodeZxingJs(frame: Frame): string | null {
  // A stand-in for the <canvas> html5-qrcode draws each video frame into.
  const canvas = { width: frame.width, height: frame.height, getContext: () => ({ getImageData: () => ({ data: frame.data }) }) };
  try {
    const bitmap = new ZXing.BinaryBitmap(new ZXing.HybridBinarizer(new ZXing.HTMLCanvasElementLuminanceSource(canvas)));
    return new ZXing.MultiFormatReader(false, hints).decode(bitmap).getText();
  } catch {
    return null; // NotFoundException and friends: no code in this frame
  }
}

let wasmReady: Promise<unknown> | null = null;

/** zxing-wasm from node_modules (never the CDN it would fetch from by default). */
export function loadZxingWasm(): Promise<unknown> {
  if (!wasmReady) {
    const bytes = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
    const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    wasmReady = prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
  }
  return wasmReady;
}

/** zxing-wasm (ZXing-C++) with the barcode-detector ponyfill's options; null when no code. */
export async function decodeZxingWasm(frame: Frame): Promise<string | null> {
  await loadZxingWasm();
  const imageData = { data: frame.data, width: frame.width, height: frame.height, colorSpace: 'srgb' } as ImageData;
  const found = await readBarcodes(imageData, { formats: ['QRCode'], textMode: 'Plain' });
  return found.find((r) => r.isValid)?.text ?? null;
}

/** What ships: zxing-wasm with the decode worker's options and its sharpened and enlarged second looks. */
export function decodeShipped(frame: Frame): Promise<string | null> {
  return readQrRobustly(frame, async (image, extraLook) => {
    await loadZxingWasm();
    const imageData = { data: image.data, width: image.width, height: image.height, colorSpace: 'srgb' } as ImageData;
    const options = extraLook ? { ...EXTRA_LOOK, formats: [...EXTRA_LOOK.formats] } : { ...FIRST_LOOK, formats: [...FIRST_LOOK.formats] };
    return (await readBarcodes(imageData, options)).find((r) => r.isValid)?.text ?? null;
  }).then((r) => r?.text ?? null);
}
