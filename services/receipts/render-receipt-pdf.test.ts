import { describe, expect, it } from 'vitest';
import { RECEIPT_SAMPLES, WORST_CASE_RECEIPT_SAMPLE, type ReceiptSample } from '../../domain/receipt/receipt-samples';
import { decodeQr, pdfFonts, pdfToText, qpdfCheck, renderPage1 } from './__fixtures__/pdf-tools';
import { renderReceipt, renderReceiptPdf, ReceiptInputError } from './render-receipt-pdf';
import { verifyReceiptToken } from './receipt-token';
import { SAMPLE_WORKSTATION_KEY } from './sample-signing-key';
import { generateWorkstationKeyPair } from './workstation-keys';

const known = [{ workstationId: SAMPLE_WORKSTATION_KEY.workstationId, publicKey: SAMPLE_WORKSTATION_KEY.publicKey }];
const sample = (name: string): ReceiptSample => {
  const s = RECEIPT_SAMPLES.find((x) => x.name === name);
  if (!s) throw new Error(name);
  return s;
};
const render = (s: ReceiptSample, paper: 'a4' | 'thermal80') =>
  renderReceipt(s.input, { signingKey: SAMPLE_WORKSTATION_KEY, paper, locales: { english: s.english } });

describe.each(['a4', 'thermal80'] as const)('receipt PDF on %s', (paper) => {
  it('gives back its text: application number, Chinese entity name, Portuguese labels (pdftotext)', async () => {
    const text = pdfToText((await render(sample('first-application'), paper)).pdf);
    expect(text).toContain('W1A2-20261123-0007');
    expect(text).toContain('氹仔海濱文化協會');
    expect(text).toContain('Associação Cultural da Marginal da Taipa');
    for (const label of ['N.º de pedido', 'Tipo de pedido', 'Nome da entidade', 'Documentos recebidos', 'Gratuito', 'Próximos passos']) {
      expect(text).toContain(label);
    }
    expect(text).toContain('免費');
    expect(text).toContain('23/11/2026 11:15');
    expect(text).toContain('****567(8)');
    expect(text).not.toContain('1234567(8)');
  });

  it('carries a QR that zbarimg reads from a 200 dpi render, and the token in it verifies', async () => {
    const { pdf, token } = await render(sample('change-of-data'), paper);
    const decoded = decodeQr(renderPage1(pdf, 200));
    expect(decoded).toEqual([token]);
    const result = verifyReceiptToken(decoded[0], known);
    expect(result.status).toBe('valid');
    expect(result.status === 'valid' && result.details.applicationNumber).toBe('W1A2-20261123-0008');
  });

  it('keeps a QR zbarimg reads when printed 1-bit at 203 dpi, like a thermal head', async () => {
    const { pdf, token } = await render(sample('first-application'), paper);
    expect(decodeQr(renderPage1(pdf, 203, 'mono'))).toEqual([token]);
  });

  it('passes qpdf --check and embeds one subset of the shipped font (bold is stroked, not a second subset)', async () => {
    const { pdf } = await render(sample('security-code'), paper);
    const check = qpdfCheck(pdf);
    expect(check.ok, check.output).toBe(true);
    expect(check.output).toContain('No syntax or stream encoding errors');
    const fonts = pdfFonts(pdf)
      .split('\n')
      .slice(2)
      .filter((l) => l.trim() !== '');
    expect(fonts).toHaveLength(1);
    expect(fonts[0]).toMatch(/^[A-Z]{6}\+NotoSansTC-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
  });

  it('is byte-for-byte the same for the same receipt (fixed dates and ID)', async () => {
    const a = await render(sample('face-recognition'), paper);
    const b = await render(sample('face-recognition'), paper);
    expect(a.pdf.equals(b.pdf)).toBe(true);
  });

  it('marks a reprint as a copy with its count', async () => {
    const text = pdfToText((await render(sample('face-recognition'), paper)).pdf);
    expect(text).toContain('副本（第 1 次補印）');
    expect(text).toContain('Segunda via (reimpressão n.º 1)');
    const original = pdfToText(await renderReceiptPdf({ ...sample('face-recognition').input, reprintCount: 0 }, { signingKey: SAMPLE_WORKSTATION_KEY, paper }));
    expect(original).not.toContain('副本');
  });

  it('prints English only when the workstation asks for it', async () => {
    const s = sample('security-code');
    const without = pdfToText(await renderReceiptPdf(s.input, { signingKey: SAMPLE_WORKSTATION_KEY, paper }));
    const withEn = pdfToText(await renderReceiptPdf(s.input, { signingKey: SAMPLE_WORKSTATION_KEY, paper, locales: { english: true } }));
    expect(without).not.toContain('Application receipt');
    expect(withEn).toContain('Application receipt');
  });
});

describe('paper', () => {
  it('A4 keeps a full first application on one page; the roll is one page as long as its content', async () => {
    const a4 = pdfToText((await render(sample('first-application'), 'a4')).pdf);
    expect(a4.split('\f').filter((p) => p.trim() !== '')).toHaveLength(1);
    const short = (await render(sample('security-code'), 'thermal80')).pdf;
    const long = (await render(sample('change-of-data'), 'thermal80')).pdf;
    const pageSize = (pdf: Buffer) => /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString('latin1'))?.slice(1).map(Number);
    const [shortW, shortH] = pageSize(short) ?? [];
    const [longW, longH] = pageSize(long) ?? [];
    expect(shortW).toBeCloseTo(226.77, 1);
    expect(longW).toBeCloseTo(226.77, 1);
    expect(longH).toBeGreaterThan(shortH ?? Infinity);
  });

  it('stays under 60 KB, also listing the most people a receipt can (12, English on)', async () => {
    for (const s of [...RECEIPT_SAMPLES, WORST_CASE_RECEIPT_SAMPLE]) {
      for (const paper of ['a4', 'thermal80'] as const) expect((await render(s, paper)).pdf.length, `${s.name} ${paper}`).toBeLessThan(60 * 1024);
    }
  });

  it('moves to a second A4 page rather than cutting off a long list of documents', async () => {
    const base = sample('first-application').input;
    const many = { ...base, documents: Array.from({ length: 24 }, () => base.documents[4]).filter((d) => d !== undefined) };
    const { pdf, token } = await renderReceipt(many, { signingKey: SAMPLE_WORKSTATION_KEY, paper: 'a4' });
    const pages = pdfToText(pdf)
      .split('\f')
      .filter((p) => p.trim() !== '');
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.at(-1)).toContain('Informações');
    expect(decodeQr(renderPage1(pdf, 200))).toEqual([token]);
  });

  it('lists every person of the largest receipt, masked, with its QR still readable', async () => {
    const { pdf, token } = await renderReceipt(WORST_CASE_RECEIPT_SAMPLE.input, {
      signingKey: SAMPLE_WORKSTATION_KEY,
      paper: 'thermal80',
      locales: { english: true },
    });
    const text = pdfToText(pdf);
    for (const name of ['歐陽鴻德', '鍾翊麟', '闕凱鋒']) expect(text).toContain(name);
    expect(text).not.toContain('P1000000');
    expect(decodeQr(renderPage1(pdf, 203, 'mono'))).toEqual([token]);
  });
});

describe('longest application number and workstation id the token allows', () => {
  it.each(['a4', 'thermal80'] as const)('still gives a QR that reads back at 203 dpi, 1-bit, on %s', async (paper) => {
    const key = generateWorkstationKeyPair('W'.repeat(32));
    const input = { ...sample('first-application').input, applicationNumber: `A${'0123456789'.repeat(3)}-12345678`, workstationId: key.workstationId };
    const { pdf, token, qrVersion } = await renderReceipt(input, { signingKey: key, paper });
    expect(qrVersion).toBeLessThanOrEqual(10);
    expect(decodeQr(renderPage1(pdf, 203, 'mono'))).toEqual([token]);
    expect(verifyReceiptToken(token, [key]).status).toBe('valid');
  });
});

describe('bad input', () => {
  it('refuses incomplete data with a message for the clerk, and prints nothing', async () => {
    const { entity: _entity, ...noEntity } = sample('security-code').input;
    const error = await renderReceiptPdf(noEntity as never, { signingKey: SAMPLE_WORKSTATION_KEY, paper: 'a4' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReceiptInputError);
    expect((error as ReceiptInputError).localised.key).toBe('receipt.error.invalidInput');
    expect((error as ReceiptInputError).issues.join()).toContain('entity');
  });

  it("refuses to sign with another workstation's key", async () => {
    const other = generateWorkstationKeyPair('W9Z9');
    const error = await renderReceiptPdf(sample('security-code').input, { signingKey: other, paper: 'a4' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReceiptInputError);
    expect((error as ReceiptInputError).localised.key).toBe('receipt.error.keyMismatch');
  });
});
