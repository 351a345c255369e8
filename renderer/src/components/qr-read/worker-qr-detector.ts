import type { DecodeReply, DecodeRequest } from './qr-decode-messages';

/** What html5-qrcode's BarcodeDetector path reads of a detection. */
export interface DetectedQr {
  rawValue: string;
  format: 'qr_code';
  boundingBox: { x: number; y: number; width: number; height: number };
  cornerPoints: { x: number; y: number }[];
}

/** The part of a Worker this uses, so tests can hand in a fake. */
export interface DecodeWorker {
  postMessage(message: DecodeRequest, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<DecodeReply>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** A decode that has not answered by then is abandoned and the worker restarted: a hostile frame cannot stall the camera for good. */
export const DECODE_TIMEOUT_MS = 3000;

interface Frame {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/**
 * Frames above this are scaled down before they leave the UI thread (by the GPU, in drawImage):
 * a 4K document camera's frame would otherwise cost the UI thread a 33 MB copy, and the
 * modules of a code filling such a frame are still ≥ 3 px after halving.
 */
export const MAX_FRAME_PIXELS = 1920 * 1080;

/** Pixels of whatever html5-qrcode hands over: its own <canvas> in practice. */
function frameOf(source: unknown): Frame | null {
  if (typeof HTMLCanvasElement !== 'undefined' && source instanceof HTMLCanvasElement) {
    if (source.width === 0 || source.height === 0) return null;
    let canvas = source;
    const pixels = source.width * source.height;
    if (pixels > MAX_FRAME_PIXELS) {
      const k = Math.sqrt(MAX_FRAME_PIXELS / pixels);
      canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.floor(source.width * k));
      canvas.height = Math.max(1, Math.floor(source.height * k));
      canvas.getContext('2d')?.drawImage(source, 0, 0, canvas.width, canvas.height);
    }
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) return null;
    const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
    return { width: img.width, height: img.height, data: img.data };
  }
  // ImageData or the like: copied, since the caller keeps its own pixels.
  if (source && typeof source === 'object' && 'data' in source && 'width' in source && 'height' in source) {
    const img = source as Frame;
    if (!(img.data instanceof Uint8ClampedArray) || img.width <= 0 || img.height <= 0 || img.data.length !== img.width * img.height * 4) return null;
    return { width: img.width, height: img.height, data: img.data.slice() };
  }
  return null;
}

/**
 * A BarcodeDetector (the shape html5-qrcode's `useBarCodeDetectorIfSupported` path calls) that
 * decodes QR codes in a worker with ZXing-C++ and up to three looks per frame. One frame at a
 * time: a frame offered while the worker is busy is skipped (the next one is a few ms newer),
 * so a slow machine never builds a queue of stale frames.
 */
export function createWorkerQrDetectorClass(spawn: () => DecodeWorker, setTimer = setTimeout, clearTimer = clearTimeout) {
  let worker: DecodeWorker | null = null;
  let nextId = 1;
  let inFlight: { id: number; resolve: (r: DetectedQr[]) => void; timer: ReturnType<typeof setTimeout> } | null = null;

  const settle = (id: number, found: DetectedQr[]) => {
    if (!inFlight || inFlight.id !== id) return;
    clearTimer(inFlight.timer);
    const { resolve } = inFlight;
    inFlight = null;
    resolve(found);
  };

  const restart = () => {
    worker?.terminate();
    worker = null;
  };

  const ensureWorker = (): DecodeWorker => {
    if (worker) return worker;
    const w = spawn();
    w.onmessage = (event) => {
      const { id, text } = event.data;
      settle(id, text === null ? [] : [detection(text)]);
    };
    // A worker that fails to start or crashes: this frame finds nothing, the next starts a new one.
    w.onerror = () => {
      restart();
      if (inFlight) settle(inFlight.id, []);
    };
    worker = w;
    return w;
  };

  let lastFrame: { width: number; height: number } = { width: 0, height: 0 };
  // The box is the whole frame: html5-qrcode only compares areas to pick the largest code.
  const detection = (text: string): DetectedQr => ({
    rawValue: text,
    format: 'qr_code',
    boundingBox: { x: 0, y: 0, width: lastFrame.width, height: lastFrame.height },
    cornerPoints: [
      { x: 0, y: 0 },
      { x: lastFrame.width, y: 0 },
      { x: lastFrame.width, y: lastFrame.height },
      { x: 0, y: lastFrame.height },
    ],
  });

  return class WorkerQrDetector {
    static getSupportedFormats(): Promise<string[]> {
      return Promise.resolve(['qr_code']);
    }

    // The formats asked for are QR only (html5-qrcode is configured for QR_CODE alone).
    constructor(_options?: { formats?: string[] }) {}

    detect(source: unknown): Promise<DetectedQr[]> {
      if (inFlight) return Promise.resolve([]);
      const frame = frameOf(source);
      if (!frame) return Promise.resolve([]);
      lastFrame = { width: frame.width, height: frame.height };
      const id = nextId++;
      // getImageData made a fresh buffer: handed to the worker, not copied.
      const pixels = frame.data.buffer as ArrayBuffer;
      return new Promise<DetectedQr[]>((resolve) => {
        const timer = setTimer(() => {
          restart();
          settle(id, []);
        }, DECODE_TIMEOUT_MS);
        inFlight = { id, resolve, timer };
        try {
          ensureWorker().postMessage({ id, width: frame.width, height: frame.height, pixels }, [pixels]);
        } catch {
          restart();
          settle(id, []);
        }
      });
    }
  };
}
