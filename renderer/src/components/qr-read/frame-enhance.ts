// Pure image steps that give the QR decoder a second and third look at a camera frame it could
// not read as it came: a phone held close to a webcam is often a little out of focus, and at
// 3 px per module a blur of about one pixel already merges neighbouring modules. Sharpening,
// and sharpening a 2× enlargement, recover most of those frames (bench/qr-decode.bench.ts).
// Plain typed arrays only, so the same code runs in the decode worker, in Node tests and in
// the benchmark.

/** One luminance value (0..255) per pixel, row by row. */
export interface Luma {
  data: Float32Array;
  width: number;
  height: number;
}

/** RGBA pixels as a canvas's getImageData gives them. */
export interface Rgba {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** Rec. 601 luma: what the decoders themselves compute from RGB. */
export function lumaOf(img: Rgba): Luma {
  const n = img.width * img.height;
  const out = new Float32Array(n);
  const d = img.data;
  for (let i = 0; i < n; i++) out[i] = 0.299 * d[i * 4]! + 0.587 * d[i * 4 + 1]! + 0.114 * d[i * 4 + 2]!;
  return { data: out, width: img.width, height: img.height };
}

export function rgbaOf(l: Luma): Rgba {
  const n = l.width * l.height;
  const out = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    const v = l.data[i]!;
    out[i * 4] = v;
    out[i * 4 + 1] = v;
    out[i * 4 + 2] = v;
    out[i * 4 + 3] = 255;
  }
  return { data: out, width: l.width, height: l.height };
}

/** Separable box blur of radius r (edges clamped), O(pixels) whatever the radius. */
export function boxBlur(l: Luma, r: number): Luma {
  const { width: w, height: h } = l;
  const tmp = new Float32Array(w * h);
  const out = new Float32Array(w * h);
  const n = 2 * r + 1;
  const at = (i: number, max: number) => (i < 0 ? 0 : i > max ? max : i);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    let s = 0;
    for (let k = -r; k <= r; k++) s += l.data[row + at(k, w - 1)]!;
    for (let x = 0; x < w; x++) {
      tmp[row + x] = s / n;
      s += l.data[row + at(x + r + 1, w - 1)]! - l.data[row + at(x - r, w - 1)]!;
    }
  }
  for (let x = 0; x < w; x++) {
    let s = 0;
    for (let k = -r; k <= r; k++) s += tmp[at(k, h - 1) * w + x]!;
    for (let y = 0; y < h; y++) {
      out[y * w + x] = s / n;
      s += tmp[at(y + r + 1, h - 1) * w + x]! - tmp[at(y - r, h - 1) * w + x]!;
    }
  }
  return { data: out, width: w, height: h };
}

/** Unsharp mask: the frame plus `amount` times its difference from a (twice box-) blurred copy. */
export function sharpen(l: Luma, amount: number, radius = 1): Luma {
  const blurred = boxBlur(boxBlur(l, radius), radius);
  const out = new Float32Array(l.data.length);
  for (let i = 0; i < out.length; i++) out[i] = l.data[i]! + amount * (l.data[i]! - blurred.data[i]!);
  return { data: out, width: l.width, height: l.height };
}

/** Bilinear 2× enlargement: at 3 px per module the decoder's sampling grid gets room to land inside modules. */
export function enlarge2x(l: Luma): Luma {
  const { width: w, height: h } = l;
  if (w < 2 || h < 2) return { data: l.data.slice(), width: w, height: h };
  const W = w * 2;
  const H = h * 2;
  const out = new Float32Array(W * H);
  for (let y = 0; y < H; y++) {
    const sy = Math.min(h - 1.001, Math.max(0, (y + 0.5) / 2 - 0.5));
    const y0 = Math.floor(sy);
    const fy = sy - y0;
    for (let x = 0; x < W; x++) {
      const sx = Math.min(w - 1.001, Math.max(0, (x + 0.5) / 2 - 0.5));
      const x0 = Math.floor(sx);
      const fx = sx - x0;
      const i = y0 * w + x0;
      const top = (1 - fx) * l.data[i]! + fx * l.data[i + 1]!;
      const bottom = (1 - fx) * l.data[i + w]! + fx * l.data[i + w + 1]!;
      out[y * W + x] = (1 - fy) * top + fy * bottom;
    }
  }
  return { data: out, width: W, height: H };
}
