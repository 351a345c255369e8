import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { PAPER_SIZES } from '../../domain/receipt/receipt-input';
import { RECEIPT_SAMPLES } from '../../domain/receipt/receipt-samples';
import { renderPage1 } from './__fixtures__/pdf-tools';
import { renderReceiptPdf } from './render-receipt-pdf';
import { SAMPLE_WORKSTATION_KEY } from './sample-signing-key';

// Visual snapshots of page 1 of every sample: low resolution, 1 bit, so the references stay
// small in git. To accept a deliberate layout change, delete the reference PNG and run
// the test twice (the first run writes it and fails on purpose; review it before committing).

const REFERENCES = fileURLToPath(new URL('./__fixtures__/snapshots/', import.meta.url));
const DIFFS = fileURLToPath(new URL('../../.tmp/receipt-snapshots/', import.meta.url));
const DPI = 60;
/** Share of pixels allowed to differ (0.1 %): rasterising noise across poppler versions, not a moved line. A changed word is the pdftotext tests' job. */
const TOLERANCE = 0.001;

describe.each(RECEIPT_SAMPLES.flatMap((s) => PAPER_SIZES.map((paper) => [`${s.name}-${paper}`, s, paper] as const)))(
  'receipt snapshot %s',
  (name, sample, paper) => {
    it('looks like the committed reference', async () => {
      const pdf = await renderReceiptPdf(sample.input, { signingKey: SAMPLE_WORKSTATION_KEY, paper, locales: { english: sample.english } });
      const actualPng = renderPage1(pdf, DPI, 'mono');
      const referenceFile = join(REFERENCES, `receipt-${name}.png`);
      if (!existsSync(referenceFile)) {
        mkdirSync(REFERENCES, { recursive: true });
        writeFileSync(referenceFile, actualPng);
        expect.fail(`no reference snapshot: wrote ${referenceFile}; review it, commit it and run again`);
      }
      const actual = PNG.sync.read(actualPng);
      const reference = PNG.sync.read(readFileSync(referenceFile));
      expect([actual.width, actual.height], 'page size in pixels').toEqual([reference.width, reference.height]);
      const diff = new PNG({ width: actual.width, height: actual.height });
      const changed = pixelmatch(actual.data, reference.data, diff.data, actual.width, actual.height, { threshold: 0.2 });
      const share = changed / (actual.width * actual.height);
      if (share > TOLERANCE) {
        mkdirSync(DIFFS, { recursive: true });
        writeFileSync(join(DIFFS, `receipt-${name}-actual.png`), actualPng);
        writeFileSync(join(DIFFS, `receipt-${name}-diff.png`), PNG.sync.write(diff));
      }
      expect(share, `share of pixels changed (actual and diff PNGs in ${DIFFS})`).toBeLessThanOrEqual(TOLERANCE);
    });
  },
);
