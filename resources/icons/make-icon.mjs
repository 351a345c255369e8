#!/usr/bin/env node
// Draws the app icon (a receipt with a green tick over a service counter) as PNGs:
//   resources/icons/icon.png            512x512, Windows (NSIS) and the window icon
//   resources/icons/linux/<N>x<N>.png   the sizes AppImage/deb desktop entries look for
// Run: node resources/icons/make-icon.mjs. Shapes are signed-distance functions in unit
// coordinates, 4x4 supersampled, so every size is drawn sharp rather than scaled down.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pngjs from 'pngjs';

const { PNG } = pngjs;
const here = dirname(fileURLToPath(import.meta.url));

const hex = (h, a = 1) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16), a];
const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  const qx = Math.abs(x - cx) - ((x1 - x0) / 2 - r), qy = Math.abs(y - cy) - ((y1 - y0) / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
const segment = (ax, ay, bx, by, w) => (x, y) => {
  const px = x - ax, py = y - ay, dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * t, py - dy * t) - w / 2;
};
const union = (...fs) => (x, y) => Math.min(...fs.map((f) => f(x, y)));

// Painted in order, back to front.
const LAYERS = [
  [roundRect(0.03, 0.03, 0.97, 0.97, 0.18), hex('#0F4C81')],
  [roundRect(0.29, 0.13, 0.71, 0.64, 0.04), hex('#FFFFFF')],
  [union(roundRect(0.36, 0.22, 0.64, 0.255, 0.015), roundRect(0.36, 0.3, 0.64, 0.335, 0.015), roundRect(0.36, 0.38, 0.56, 0.415, 0.015)), hex('#9FB8D0')],
  [circle(0.655, 0.56, 0.135), hex('#2E9E5B')],
  [union(segment(0.595, 0.565, 0.64, 0.61, 0.035), segment(0.64, 0.61, 0.72, 0.515, 0.035)), hex('#FFFFFF')],
  [roundRect(0.12, 0.7, 0.88, 0.79, 0.03), hex('#FFFFFF')],
  [roundRect(0.19, 0.79, 0.81, 0.88, 0.02), hex('#D6E4F0')],
];

export function drawIcon(size) {
  const png = new PNG({ width: size, height: size });
  const S = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const x = (px + (sx + 0.5) / S) / size, y = (py + (sy + 0.5) / S) / size;
          let cr = 0, cg = 0, cb = 0, ca = 0;
          for (const [shape, [lr, lg, lb, la]] of LAYERS) {
            if (shape(x, y) > 0) continue;
            cr = lr * la + cr * (1 - la); cg = lg * la + cg * (1 - la); cb = lb * la + cb * (1 - la); ca = la + ca * (1 - la);
          }
          r += cr; g += cg; b += cb; a += ca;
        }
      }
      const n = S * S, i = (py * size + px) * 4;
      // Colours are premultiplied while summing: divide by coverage to get straight alpha.
      png.data[i] = a ? Math.round(r / a) : 0;
      png.data[i + 1] = a ? Math.round(g / a) : 0;
      png.data[i + 2] = a ? Math.round(b / a) : 0;
      png.data[i + 3] = Math.round((a / n) * 255);
    }
  }
  return PNG.sync.write(png);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(join(here, 'icon.png'), drawIcon(512));
  mkdirSync(join(here, 'linux'), { recursive: true });
  for (const size of [16, 32, 48, 64, 128, 256, 512]) writeFileSync(join(here, 'linux', `${size}x${size}.png`), drawIcon(size));
  console.log('resources/icons: icon.png and linux/*.png written');
}
