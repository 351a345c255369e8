// npm run receipt:sample -- <out-dir>
// Writes a sample receipt per application kind on both paper sizes, for layout review.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PAPER_SIZES } from '../domain/receipt/receipt-input';
import { RECEIPT_SAMPLES } from '../domain/receipt/receipt-samples';
import { renderReceipt } from '../services/receipts/render-receipt-pdf';
import { SAMPLE_WORKSTATION_KEY } from '../services/receipts/sample-signing-key';

const outDir = process.argv[2];
if (!outDir) {
  console.error('usage: npm run receipt:sample -- <out-dir>');
  process.exit(2);
}
mkdirSync(resolve(outDir), { recursive: true });
for (const sample of RECEIPT_SAMPLES) {
  for (const paper of PAPER_SIZES) {
    const file = join(resolve(outDir), `receipt-${sample.name}-${paper}.pdf`);
    const { pdf, qrVersion } = await renderReceipt(sample.input, {
      signingKey: SAMPLE_WORKSTATION_KEY,
      paper,
      locales: { english: sample.english },
    });
    writeFileSync(file, pdf);
    console.log(`${file}  ${(pdf.length / 1024).toFixed(1)} KB  QR version ${qrVersion}`);
  }
}
console.log(`signed with the sample key of workstation ${SAMPLE_WORKSTATION_KEY.workstationId} (public key ${SAMPLE_WORKSTATION_KEY.publicKey})`);
