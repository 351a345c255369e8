import { describe, expect, it } from 'vitest';
import { printPageCss } from './receipt-print-html';

// CSS Paged Media: size is auto | <length>{1,2} | <page-size> [portrait|landscape]?;
// anything else makes Chromium ignore the @page rule and print on the driver's default paper.
const VALID_SIZE = /@page \{ size: (A4|\d+(\.\d+)?mm \d+(\.\d+)?mm);/;

describe('print view page size', () => {
  it.each([
    ['a4', 'A4'],
    ['thermal80', '80mm 297mm'],
  ] as const)('asks the driver for a valid CSS page size on %s (%s)', (paper, size) => {
    const css = printPageCss(paper);
    expect(css).toMatch(VALID_SIZE);
    expect(css).toContain(`size: ${size};`);
  });
});
