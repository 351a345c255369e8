import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname, 'fixtures');

/** Small real files made with ffmpeg (JPEG, PNG, TIFF) and pdfkit (PDF). */
export const scanFixtures = {
  pdf: readFileSync(join(dir, 'scan.pdf')),
  jpeg: readFileSync(join(dir, 'scan.jpg')),
  png: readFileSync(join(dir, 'scan.png')),
  tiff: readFileSync(join(dir, 'scan.tif')),
};
