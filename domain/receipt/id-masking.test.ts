import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskMobileNumber } from './id-masking';

describe('maskIdNumber: only the last 4 letters/digits stay readable', () => {
  it.each([
    ['Macau BIR with check digit in brackets', '1234567(8)', '****567(8)'],
    ['Macau BIR without brackets', '12345678', '****5678'],
    ['Hong Kong ID', 'A123456(3)', '****456(3)'],
    ['Hong Kong ID with two letters', 'XA1234567', '*****4567'],
    ['mainland resident ID ending in X', '44010619900307123X', '**************123X'],
    ['travel permit', 'C12345678', '*****5678'],
    ['passport typed in lower case with spaces', ' p 1234 567 ', '****4567'],
    ['exactly 5 characters', 'AB123', '*B123'],
    ['4 characters: masked whole, never shown in full', '1234', '****'],
    ['3 characters', 'X12', '***'],
    ['separators only count as shape', '12-34-56', '**-34-56'],
  ])('%s: %s → %s', (_case, raw, masked) => {
    expect(maskIdNumber(raw)).toBe(masked);
  });
});

describe('maskMobileNumber: last 4 digits, Macau prefix kept', () => {
  it.each([
    ['Macau with +853 and space', '+853 6612 3456', '+853 ****3456'],
    ['Macau without plus', '85366123456', '+853 ****3456'],
    ['Portugal', '+351 912 345 678', '+********5678'],
    ['local number without prefix', '66123456', '****3456'],
    ['too short to show anything', '1234', '****'],
  ])('%s: %s → %s', (_case, raw, masked) => {
    expect(maskMobileNumber(raw)).toBe(masked);
  });
});
