import { describe, expect, it } from 'vitest';
import { boxBlur, enlarge2x, lumaOf, rgbaOf, sharpen, type Luma, type Rgba } from './frame-enhance';
import { MAX_PIXELS_TO_ENLARGE, readQrRobustly, type ReadQr } from './read-qr-robustly';

const flat = (w: number, h: number, v: number): Rgba => rgbaOf({ data: new Float32Array(w * h).fill(v), width: w, height: h });

/** A decoder stand-in that answers on the given look (1, 2 or 3) and records what it was shown. */
function decoderAnswering(onLook: number | null) {
  const seen: { width: number; height: number; extraLook: boolean }[] = [];
  const read: ReadQr = (image, extraLook) => {
    seen.push({ width: image.width, height: image.height, extraLook });
    return Promise.resolve(seen.length === onLook ? 'CODE' : null);
  };
  return { read, seen };
}

describe('reading a camera frame in up to three looks', () => {
  it('stops at the first look that decodes', async () => {
    const d = decoderAnswering(1);
    expect(await readQrRobustly(flat(40, 30, 128), d.read)).toEqual({ text: 'CODE', pass: 'as_seen' });
    expect(d.seen).toEqual([{ width: 40, height: 30, extraLook: false }]);
  });

  it('tries the sharpened frame, then a sharpened 2× enlargement', async () => {
    const second = decoderAnswering(2);
    expect(await readQrRobustly(flat(40, 30, 128), second.read)).toEqual({ text: 'CODE', pass: 'sharpened' });
    const third = decoderAnswering(3);
    expect(await readQrRobustly(flat(40, 30, 128), third.read)).toEqual({ text: 'CODE', pass: 'enlarged_sharpened' });
    expect(third.seen).toEqual([
      { width: 40, height: 30, extraLook: false },
      { width: 40, height: 30, extraLook: true },
      { width: 80, height: 60, extraLook: true },
    ]);
  });

  it('gives up after the looks, and never enlarges a frame that is already large', async () => {
    expect(await readQrRobustly(flat(40, 30, 128), decoderAnswering(null).read)).toBeNull();
    const big = decoderAnswering(null);
    const w = 1920;
    const h = Math.ceil(MAX_PIXELS_TO_ENLARGE / w) + 1;
    expect(await readQrRobustly(flat(w, h, 128), big.read)).toBeNull();
    expect(big.seen.map((s) => s.width)).toEqual([w, w]);
  });
});

describe('frame steps', () => {
  const ramp = (w: number, h: number): Luma => ({ data: Float32Array.from({ length: w * h }, (_, i) => (i % w) * 10), width: w, height: h });

  it('leave a flat frame flat', () => {
    const f: Luma = { data: new Float32Array(35).fill(90), width: 7, height: 5 };
    expect([...boxBlur(f, 2).data].every((v) => Math.abs(v - 90) < 1e-3)).toBe(true);
    expect([...sharpen(f, 2).data].every((v) => Math.abs(v - 90) < 1e-3)).toBe(true);
  });

  it('sharpening steepens an edge: darker before it, brighter after it', () => {
    const edge: Luma = { data: Float32Array.from({ length: 10 }, (_, i) => (i < 5 ? 20 : 230)), width: 10, height: 1 };
    const s = sharpen(edge, 2).data;
    expect(s[4]!).toBeLessThan(20);
    expect(s[5]!).toBeGreaterThan(230);
  });

  it('enlarging doubles both sides and keeps a ramp monotonic; a one-pixel-high frame is left as it is', () => {
    const big = enlarge2x(ramp(6, 3));
    expect([big.width, big.height]).toEqual([12, 6]);
    const row = [...big.data.slice(0, 12)];
    expect(row.every((v, i) => i === 0 || v >= row[i - 1]!)).toBe(true);
    expect(enlarge2x(ramp(6, 1))).toMatchObject({ width: 6, height: 1 });
  });

  it('luma of grey RGBA is the grey, and back', () => {
    const l = lumaOf(flat(3, 2, 77));
    expect([...l.data].map(Math.round)).toEqual(Array(6).fill(77));
  });
});
