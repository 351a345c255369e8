// Issue 16: which QR decoder the security-code screen ships (zxing-wasm with up to three looks,
// renderer/src/components/qr-read/). Decode rate per decoder and
// condition over a generated corpus (bench/qr-corpus.ts), and the time per frame of each.
// QR_BENCH_FRAMES sets frames per cell (default 8); QR_BENCH_DUMP=<dir> writes the frames
// as PNG to look at.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { summarise, type BenchSuite } from './harness';
import { CONDITIONS, SCALES, qrMatrix, renderFrame, samplePayload, type Frame } from './qr-corpus';
import { decodeShipped, decodeZxingJs, decodeZxingWasm, loadZxingWasm } from './qr-decoders';

const FRAMES = Number(process.env.QR_BENCH_FRAMES ?? 8);
const DUMP = process.env.QR_BENCH_DUMP;

function dump(frame: Frame, name: string): void {
  if (!DUMP) return;
  mkdirSync(DUMP, { recursive: true });
  const png = new PNG({ width: frame.width, height: frame.height });
  png.data = Buffer.from(frame.data.buffer, frame.data.byteOffset, frame.data.byteLength);
  writeFileSync(join(DUMP, `${name}.png`), PNG.sync.write(png));
}

const pct = (hit: number, n: number) => `${((100 * hit) / n).toFixed(0).padStart(3)}%`;

const suite: BenchSuite = async (report) => {
  await loadZxingWasm();
  const jsTimes: number[] = [];
  const wasmTimes: number[] = [];
  const shippedTimes: number[] = [];
  // rows[condition][scale] = [zxing-js hits, zxing-wasm hits, shipped hits]
  const rows = new Map<string, Map<number, [number, number, number]>>();
  const atLeast3 = { js: 0, wasm: 0, shipped: 0, n: 0 };
  let version = 0;
  for (const cond of CONDITIONS) {
    const row = new Map<number, [number, number, number]>();
    rows.set(cond.name, row);
    for (const scale of SCALES) {
      const cell: [number, number, number] = [0, 0, 0];
      for (let f = 0; f < FRAMES; f++) {
        const seed = scale * 1000 + f * 7 + cond.name.length;
        const text = samplePayload(seed);
        const matrix = qrMatrix(text);
        version = matrix.version;
        const frame = renderFrame(matrix, scale, cond, seed);
        if (f === 0) dump(frame, `${cond.name.replace(/[^a-z0-9]+/gi, '-')}-${scale}px`);
        let t0 = performance.now();
        const js = decodeZxingJs(frame);
        jsTimes.push(performance.now() - t0);
        t0 = performance.now();
        const wasm = await decodeZxingWasm(frame);
        wasmTimes.push(performance.now() - t0);
        t0 = performance.now();
        const shipped = await decodeShipped(frame);
        shippedTimes.push(performance.now() - t0);
        if (js === text) cell[0]++;
        if (wasm === text) cell[1]++;
        if (shipped === text) cell[2]++;
        if (scale >= 3) {
          atLeast3.n++;
          if (js === text) atLeast3.js++;
          if (wasm === text) atLeast3.wasm++;
          if (shipped === text) atLeast3.shipped++;
        }
      }
      row.set(scale, cell);
    }
  }
  report.note(`QR version ${version} at level M (≈359 digits, the security-code payload size), ${FRAMES} frames per cell`);
  report.note(`decode rate, zxing-js (html5-qrcode's own) / zxing-wasm (one look) / shipped (zxing-wasm, up to three looks), by px per module:`);
  report.note(`${'condition'.padEnd(28)}${SCALES.map((s) => `${s} px`.padStart(17)).join('')}`);
  for (const [name, row] of rows) {
    report.note(
      `${name.padEnd(28)}${SCALES.map((s) =>
        row
          .get(s)!
          .map((h) => pct(h, FRAMES))
          .join('/')
          .padStart(17),
      ).join('')}`,
    );
  }
  report.note(
    `all conditions at ≥ 3 px/module: zxing-js ${pct(atLeast3.js, atLeast3.n)}, zxing-wasm ${pct(atLeast3.wasm, atLeast3.n)}, shipped ${pct(atLeast3.shipped, atLeast3.n)} (target ≥ 99 %)`,
  );
  // Where the shipped decoder still misses, so a regression or an improvement shows by name.
  const misses = [...rows].flatMap(([name, row]) =>
    SCALES.filter((sc) => sc >= 3 && row.get(sc)![2] < FRAMES).map((sc) => `${name} @ ${sc} px: ${row.get(sc)![2]}/${FRAMES}`),
  );
  report.note(`shipped decoder misses at ≥ 3 px/module: ${misses.length ? misses.join('; ') : 'none'}`);
  report.compare(
    'QR decode, one frame (all conditions and scales)',
    summarise('zxing-js (html5-qrcode bundled)', jsTimes),
    summarise('zxing-wasm (ZXing-C++)', wasmTimes),
  );
  report.compare(
    'QR decode, one frame: one look vs the shipped three looks (extra looks only on frames the first cannot read)',
    summarise('zxing-wasm, one look', wasmTimes),
    summarise('shipped, up to three looks', shippedTimes),
  );
};

export default suite;
