import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The Debian tools the receipt tests check PDFs with (poppler-utils, zbar-tools, qpdf).

export function withTempDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'receipt-test-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function pdfToText(pdf: Buffer): string {
  return withTempDir((dir) => {
    const file = join(dir, 'r.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  });
}

/** Page 1 as PNG bytes; mono (1 bit) is what a thermal printer makes of it, and keeps references small. */
export function renderPage1(pdf: Buffer, dpi: number, colour: 'colour' | 'mono' = 'colour'): Buffer {
  return withTempDir((dir) => {
    const file = join(dir, 'r.pdf');
    writeFileSync(file, pdf);
    execFileSync('pdftoppm', ['-r', String(dpi), '-f', '1', '-l', '1', '-png', ...(colour === 'mono' ? ['-mono'] : []), file, join(dir, 'page')]);
    const png = readdirSync(dir).find((f) => f.endsWith('.png'));
    if (!png) throw new Error('pdftoppm wrote no page');
    return readFileSync(join(dir, png));
  });
}

/** All QR codes zbarimg finds in the rendered page, one text each. */
export function decodeQr(png: Buffer): string[] {
  return withTempDir((dir) => {
    const file = join(dir, 'page.png');
    writeFileSync(file, png);
    const out = execFileSync('zbarimg', ['--raw', '-q', '-Sdisable', '-Sqrcode.enable', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return out.split('\n').filter((l) => l.trim() !== '');
  });
}

export function qpdfCheck(pdf: Buffer): { ok: boolean; output: string } {
  return withTempDir((dir) => {
    const file = join(dir, 'r.pdf');
    writeFileSync(file, pdf);
    try {
      return { ok: true, output: execFileSync('qpdf', ['--check', file], { encoding: 'utf8' }) };
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string };
      return { ok: false, output: `${err.stdout ?? ''}${err.stderr ?? ''}` };
    }
  });
}

export function pdfFonts(pdf: Buffer): string {
  return withTempDir((dir) => {
    const file = join(dir, 'r.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdffonts', [file], { encoding: 'utf8' });
  });
}
