import { describe, expect, it } from 'vitest';
import { sniffScan } from './sniff';
import { scanFixtures as f } from './fixtures';

const half = (b: Buffer) => b.subarray(0, Math.floor(b.length / 2));

describe('sniffScan', () => {
  it.each([
    ['PDF', f.pdf, 'application/pdf'],
    ['JPEG', f.jpeg, 'image/jpeg'],
    ['PNG', f.png, 'image/png'],
    ['TIFF', f.tiff, 'image/tiff'],
    ['JPEG padded with NULs by the scanner', Buffer.concat([f.jpeg, Buffer.alloc(64)]), 'image/jpeg'],
  ])('accepts a whole %s by its bytes', (_l, bytes, mime) => {
    expect(sniffScan(bytes)).toEqual({ ok: true, mime });
  });

  it.each([
    ['PDF cut in half', half(f.pdf)],
    ['PDF missing its last byte', f.pdf.subarray(0, f.pdf.length - 2)],
    ['JPEG cut in half', half(f.jpeg)],
    ['JPEG without EOI', f.jpeg.subarray(0, f.jpeg.length - 2)],
    ['JPEG cut inside its header', f.jpeg.subarray(0, 30)],
    ['PNG cut in half', half(f.png)],
    ['PNG without IEND', f.png.subarray(0, f.png.length - 12)],
    ['PNG with a flipped bit', Buffer.from(f.png.map((x, i) => (i === 40 ? x ^ 1 : x)))],
    ['TIFF cut in half', half(f.tiff)],
    ['TIFF header only', f.tiff.subarray(0, 8)],
  ])('refuses a %s as corrupt', (_l, bytes) => {
    expect(sniffScan(bytes)).toMatchObject({ ok: false, reason: 'corrupt' });
  });

  it.each([
    ['a Word file', Buffer.from('504b030414000600080000002100', 'hex')],
    ['a text file named .pdf', Buffer.from('hello, this is not a PDF')],
    ['an empty file', Buffer.alloc(0)],
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')],
  ])('refuses %s as unsupported', (_l, bytes) => {
    expect(sniffScan(bytes)).toMatchObject({ ok: false, reason: 'unsupported_type' });
  });
});
