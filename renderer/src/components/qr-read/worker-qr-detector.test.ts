import { describe, expect, it } from 'vitest';
import type { DecodeReply, DecodeRequest } from './qr-decode-messages';
import { createWorkerQrDetectorClass, DECODE_TIMEOUT_MS, type DecodeWorker } from './worker-qr-detector';

/** A worker stand-in: records what it is sent; the test answers or fails it. */
class FakeWorker implements DecodeWorker {
  static all: FakeWorker[] = [];
  sent: DecodeRequest[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<DecodeReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  constructor() {
    FakeWorker.all.push(this);
  }
  postMessage(message: DecodeRequest): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(text: string | null): void {
    this.onmessage?.({ data: { id: this.sent.at(-1)!.id, text } } as MessageEvent<DecodeReply>);
  }
}

/** A frame as a canvas would give it (the detector also takes ImageData-shaped objects). */
const frame = (w = 4, h = 3) => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4) });

function setup() {
  FakeWorker.all = [];
  const timers: (() => void)[] = [];
  const Detector = createWorkerQrDetectorClass(
    () => new FakeWorker(),
    ((fn: () => void) => (timers.push(fn), timers.length)) as unknown as typeof setTimeout,
    (() => undefined) as typeof clearTimeout,
  );
  return { detector: new Detector({ formats: ['qr_code'] }), timers };
}

describe('the worker-backed BarcodeDetector html5-qrcode calls', () => {
  it('says it reads QR codes, and hands a frame to the worker, returning what the worker read', async () => {
    const { detector } = setup();
    const Class = detector.constructor as unknown as { getSupportedFormats(): Promise<string[]> };
    expect(await Class.getSupportedFormats()).toEqual(['qr_code']);
    const pending = detector.detect(frame());
    const w = FakeWorker.all[0]!;
    expect(w.sent[0]).toMatchObject({ width: 4, height: 3 });
    expect(w.sent[0]!.pixels.byteLength).toBe(4 * 3 * 4);
    w.answer('8530123');
    const found = await pending;
    expect(found.map((d) => [d.rawValue, d.format])).toEqual([['8530123', 'qr_code']]);
    expect(found[0]!.boundingBox.width * found[0]!.boundingBox.height).toBeGreaterThan(0);
    w.answer(null);
  });

  it('finds nothing when the worker finds nothing, and skips a frame offered while it is busy', async () => {
    const { detector } = setup();
    const first = detector.detect(frame());
    expect(await detector.detect(frame())).toEqual([]);
    expect(FakeWorker.all[0]!.sent).toHaveLength(1);
    FakeWorker.all[0]!.answer(null);
    expect(await first).toEqual([]);
  });

  it('abandons a decode that does not answer in time and starts a fresh worker for the next frame', async () => {
    const { detector, timers } = setup();
    expect(DECODE_TIMEOUT_MS).toBeGreaterThan(0);
    const stuck = detector.detect(frame());
    timers[0]!();
    expect(await stuck).toEqual([]);
    expect(FakeWorker.all[0]!.terminated).toBe(true);
    const next = detector.detect(frame());
    expect(FakeWorker.all).toHaveLength(2);
    FakeWorker.all[1]!.answer('OK');
    expect((await next).map((d) => d.rawValue)).toEqual(['OK']);
  });

  it('a worker that crashes costs one frame, not the camera', async () => {
    const { detector } = setup();
    const crashed = detector.detect(frame());
    FakeWorker.all[0]!.onerror?.({} as ErrorEvent);
    expect(await crashed).toEqual([]);
    const next = detector.detect(frame());
    FakeWorker.all[1]!.answer('AGAIN');
    expect((await next).map((d) => d.rawValue)).toEqual(['AGAIN']);
  });

  it('ignores what is not a frame', async () => {
    const { detector } = setup();
    expect(await detector.detect(null)).toEqual([]);
    expect(await detector.detect({ width: 0, height: 0, data: new Uint8ClampedArray(0) })).toEqual([]);
    expect(FakeWorker.all).toHaveLength(0);
  });
});
