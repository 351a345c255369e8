import { describe, expect, it } from 'vitest';
import { attachmentContract, isBase64 } from './attachment-contract';

const REFERENCE = /^[A-Za-z0-9+/]*={0,2}$/;

describe('base64 check of upload chunks', () => {
  it.each([
    ['AAAA', true],
    ['AAA=', true],
    ['AA==', true],
    ['a+/9', true],
    ['A===', false],
    ['=AAA', false],
    ['AA=A', false],
    ['A=A=', false],
    ['<script>', false],
    ['AA AA', false],
    ['AA\nAA', false],
    ['AAAA-_', false],
    ['ÄAAA', false],
    ['', true],
  ])('%j → %s, as the anchored pattern says', (s, want) => {
    expect(isBase64(s)).toBe(want);
    expect(REFERENCE.test(s)).toBe(want);
  });

  it('refuses a chunk that is not base64 at the boundary', () => {
    const chunk = attachmentContract['attachments.chunk'].input;
    expect(chunk.safeParse({ uploadId: 'u1', index: 0, dataBase64: 'AA=A' }).success).toBe(false);
    expect(chunk.safeParse({ uploadId: 'u1', index: 0, dataBase64: 'AA==' }).success).toBe(true);
  });
});
