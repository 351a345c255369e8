// A generated corpus of camera frames showing one QR code, for the decode-rate benchmark
// (issue 16). Each frame is what a counter webcam sees when a phone is held up: the code at
// some pixels per module, turned, blurred, noisy, washed out by a reflection, or seen on a
// phone screen whose pixel grid beats against the camera's (moiré). Deterministic: one seed
// gives one frame, so two decoders are compared on the very same pixels.
import QRCode from 'qrcode';

export interface Frame {
  data: Uint8ClampedArray; // RGBA, as a canvas's getImageData gives it
  width: number;
  height: number;
}

export interface Condition {
  name: string;
  rotationDeg?: number;
  blurPx?: number; // box-blur radius, applied twice (close to a Gaussian)
  noiseSigma?: number; // on 0..255
  glare?: boolean; // a bright elliptical reflection over part of the code
  moire?: boolean; // phone screen: grey blacks, sub-pixel grid, beating bands
}

export const CONDITIONS: readonly Condition[] = [
  { name: 'clean' },
  { name: 'blur', blurPx: 1 },
  { name: 'noise σ12', noiseSigma: 12 },
  { name: 'rotated 20°', rotationDeg: 20 },
  { name: 'rotated 45°+noise', rotationDeg: 45, noiseSigma: 6 },
  { name: 'glare', glare: true, noiseSigma: 4 },
  { name: 'screen moiré', moire: true, noiseSigma: 4 },
  { name: 'all: blur+noise+rot+glare', blurPx: 1, noiseSigma: 8, rotationDeg: 12, glare: true },
];

export const SCALES = [2, 3, 4, 5, 6, 7, 8] as const;

/** mulberry32: a small seeded PRNG, so a frame is reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

export interface QrMatrix {
  size: number;
  dark(row: number, col: number): boolean;
  version: number;
}

export function qrMatrix(text: string): QrMatrix {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return { size: qr.modules.size, version: qr.version, dark: (r, c) => Boolean(qr.modules.get(r, c)) };
}

function boxBlur(src: Float32Array, w: number, h: number, r: number): Float32Array {
  const tmp = new Float32Array(src.length);
  const out = new Float32Array(src.length);
  const n = 2 * r + 1;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let k = -r; k <= r; k++) s += src[y * w + Math.min(w - 1, Math.max(0, x + k))]!;
      tmp[y * w + x] = s / n;
    }
  }
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let k = -r; k <= r; k++) s += tmp[Math.min(h - 1, Math.max(0, y + k)) * w + x]!;
      out[y * w + x] = s / n;
    }
  }
  return out;
}

/**
 * Renders `matrix` at `scale` px/module into a width×height frame. 4×4 supersampling per
 * pixel gives the grey edges a real lens gives a code at fractional positions.
 */
export function renderFrame(matrix: QrMatrix, scale: number, cond: Condition, seed: number): Frame {
  const rand = prng(seed);
  const n = matrix.size;
  const black = cond.moire ? 45 : 20;
  const white = cond.moire ? 205 : 235;
  const side = n * scale;
  // Random placement that keeps the turned code and its quiet zone inside the frame; a
  // 640×480 webcam frame unless the code would not fit (the hand would pull the phone back).
  const half = (side * Math.SQRT2) / 2 + 4 * scale;
  const width = Math.max(640, Math.ceil(2 * half));
  const height = Math.max(480, Math.ceil(2 * half));
  const cx = half + rand() * Math.max(0, width - 2 * half);
  const cy = half + rand() * Math.max(0, height - 2 * half);
  const theta = (((cond.rotationDeg ?? 0) + (rand() - 0.5) * 4) * Math.PI) / 180;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const lum = new Float32Array(width * height);
  const SS = 4;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let dark = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const px = x + (sx + 0.5) / SS - cx;
          const py = y + (sy + 0.5) / SS - cy;
          // Inverse rotation into code coordinates (modules), origin at the code's corner.
          const u = (cos * px + sin * py) / scale + n / 2;
          const v = (-sin * px + cos * py) / scale + n / 2;
          if (u >= 0 && v >= 0 && u < n && v < n && matrix.dark(Math.floor(v), Math.floor(u))) dark++;
        }
      }
      lum[y * width + x] = white - ((white - black) * dark) / (SS * SS);
    }
  }
  let img: Float32Array = lum;
  if (cond.blurPx) img = boxBlur(boxBlur(img, width, height, cond.blurPx), width, height, cond.blurPx);
  if (cond.moire) {
    // A phone screen's pixel grid sampled by the camera: a fine grid a little off the camera's
    // pitch and angle, whose beat is a slow band pattern across the code.
    const period = 2.7 + rand() * 0.6;
    const ang = 0.05 + rand() * 0.1;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const t = (x * Math.cos(ang) + y * Math.sin(ang)) / period;
        const grid = 0.5 + 0.5 * Math.sin(2 * Math.PI * t);
        const band = 0.5 + 0.5 * Math.sin((2 * Math.PI * (x + 0.6 * y)) / 37);
        img[y * width + x] = img[y * width + x]! * (1 - 0.18 * grid - 0.12 * band);
      }
    }
  }
  if (cond.glare) {
    // A reflection: an elliptical bright patch over part of the code, lifting its blacks.
    const gx = cx + (rand() - 0.5) * side * 0.6;
    const gy = cy + (rand() - 0.5) * side * 0.6;
    const rx = side * 0.35;
    const ry = side * 0.22;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const d = ((x - gx) / rx) ** 2 + ((y - gy) / ry) ** 2;
        const g = Math.exp(-d * 1.5) * 0.65;
        img[y * width + x] = img[y * width + x]! + (255 - img[y * width + x]!) * g;
      }
    }
  }
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const v = img[i]! + (cond.noiseSigma ? gaussian(rand) * cond.noiseSigma : 0);
    data[i * 4] = v;
    data[i * 4 + 1] = v;
    data[i * 4 + 2] = v;
    data[i * 4 + 3] = 255;
  }
  return { data, width, height };
}

/** A payload of the size the security-code QR reaches (numeric mode, ≈ 360 digits, version 8 at M). */
export function samplePayload(seed: number, digits = 359): string {
  const rand = prng(seed);
  let s = '';
  for (let i = 0; i < digits; i++) s += String(Math.floor(rand() * 10));
  return s;
}
