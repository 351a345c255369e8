/// <reference lib="webworker" />
// The QR decoder's own thread: ZXing-C++ (zxing-wasm) with up to three looks at a frame
// (read-qr-robustly.ts). A frame without a code costs the most, and it must never cost the
// clerk a frozen screen, so none of it runs on the UI thread.
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-reader-wasm?url';
import { readQrRobustly } from './read-qr-robustly';
import type { DecodeReply, DecodeRequest } from './qr-decode-messages';
import { EXTRA_LOOK, FIRST_LOOK } from './zxing-options';

// The bundled .wasm, never the CDN zxing-wasm would fetch from by default (a counter has no internet).
prepareZXingModule({ overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) } });

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<DecodeRequest>) => {
  const { id, width, height, pixels } = event.data;
  let reply: DecodeReply;
  try {
    const found = await readQrRobustly({ data: new Uint8ClampedArray(pixels), width, height }, async (image, extraLook) => {
      const results = await readBarcodes(
        { data: image.data, width: image.width, height: image.height, colorSpace: 'srgb' } as ImageData,
        extraLook ? { ...EXTRA_LOOK, formats: [...EXTRA_LOOK.formats] } : { ...FIRST_LOOK, formats: [...FIRST_LOOK.formats] },
      );
      return results.find((r) => r.isValid)?.text ?? null;
    });
    reply = { id, text: found?.text ?? null };
  } catch {
    reply = { id, text: null, failed: true };
  }
  scope.postMessage(reply);
};
