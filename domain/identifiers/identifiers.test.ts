import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IdDocumentType } from '../model/codes';
import { checkIdNumber, checkMobile, checkPhone, checkTaxpayerNumber, normaliseIdText } from '.';

const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('ID numbers: normalise then check', () => {
  const rows: [IdDocumentType | undefined, string, string, boolean, string?][] = [
    ['mo_bir_permanent', '1234567(8)', '1234567(8)', true],
    ['mo_bir_permanent', '12345678', '1234567(8)', true],
    ['mo_bir_non_permanent', fullWidth('5215299') + '（8）', '5215299(8)', true],
    ['mo_bir_permanent', ' 7 123 456 [3] ', '7123456(3)', true],
    ['mo_bir_permanent', '2234567(8)', '2234567(8)', false, 'rules.id.bir_format'],
    ['mo_bir_permanent', '123456(7)', '123456(7)', false, 'rules.id.bir_format'],
    ['hk_id', 'A123456(3)', 'A123456(3)', true],
    ['hk_id', 'a1234563', 'A123456(3)', true],
    ['hk_id', 'A123456(4)', 'A123456(4)', false, 'rules.id.hk_check'],
    ['hk_id', 'AB987654(3)', 'AB987654(3)', true],
    ['hk_id', 'G123456(A)', 'G123456(A)', true],
    ['hk_id', '1234567', '1234567', false, 'rules.id.hk_format'],
    ['cn_resident_id', '11010519491231002X', '11010519491231002X', true],
    ['cn_resident_id', '11010519491231002x', '11010519491231002X', true],
    ['cn_resident_id', '110105194912310021', '110105194912310021', false, 'rules.id.cn_check'],
    ['cn_resident_id', '1101051949123100', '1101051949123100', false, 'rules.id.cn_format'],
    ['cn_travel_permit', 'c 1234 5678', 'C12345678', true],
    ['cn_travel_permit', 'H12345678', 'H12345678', false, 'rules.id.permit_format'],
    ['passport', 'e1234567', 'E1234567', true],
    ['other', 'X-99', 'X99', true],
    [undefined, '1234567(8)', '1234567(8)', false, 'rules.id.type_missing'],
    ['hk_id', '   ', '', false, 'rules.id.empty'],
  ];
  it.each(rows)('%s %j -> %j valid=%s', (type, raw, value, valid, problem) => {
    const r = checkIdNumber(type, raw, 'PRT');
    expect(r.value).toBe(value);
    expect(r.valid).toBe(valid);
    expect(r.problem?.key).toBe(problem);
  });

  it('a passport needs its issuing country', () => {
    expect(checkIdNumber('passport', 'E1234567').problem?.key).toBe('rules.id.passport_country');
  });
});

describe('mobile and taxpayer numbers', () => {
  it.each([
    ['6612 3456', '+85366123456', true],
    ['+853 6612-3456', '+85366123456', true],
    ['00853 66123456', '+85366123456', true],
    ['２８３１２３４５', '+85328312345', false],
    ['+853 28312345', '+85328312345', false],
    ['+852 91234567', '+85291234567', true],
    ['91234567', '+85391234567', false],
    ['+1 415 555 2671', '+14155552671', true],
    ['12345', '12345', false],
  ])('mobile %j -> %j valid=%s', (raw, value, valid) => {
    const r = checkMobile(raw);
    expect(r.value).toBe(value);
    expect(r.valid).toBe(valid);
  });

  it.each([
    ['2831 2345', '+85328312345', true],
    ['６６１２３４５６', '+85366123456', true],
    ['(853) 2831-2345', '+85328312345', true],
    ['00852 2123 4567', '+85221234567', true],
    ['2831234', '2831234', false],
    ['+853 2831 234', '+8532831234', false],
    ['tel', '', false],
  ])('contact phone %j -> %j valid=%s', (raw, value, valid) => {
    const r = checkPhone(raw);
    expect(r.value).toBe(value);
    expect(r.valid).toBe(valid);
  });

  it.each([
    ['8012 3456', true, '80123456', true],
    ['12345678', true, '12345678', false],
    ['12345678', false, '12345678', true],
    ['8012345', true, '8012345', false],
  ])('taxpayer %j entity=%s -> %j valid=%s', (raw, entity, value, valid) => {
    const r = checkTaxpayerNumber(raw, { entity });
    expect(r.value).toBe(value);
    expect(r.valid).toBe(valid);
  });
});

describe('normalisers (property-based)', () => {
  it('are idempotent', () => {
    fc.assert(fc.property(fc.string(), (s) => normaliseIdText(normaliseIdText(s)) === normaliseIdText(s)));
  });
  it('full-width and spaced input gives the same result as plain input', () => {
    const idChars = fc.stringMatching(/^[A-Z0-9()]{0,20}$/);
    fc.assert(
      fc.property(idChars, (s) => {
        const spaced = fullWidth(s).split('').join(' ');
        return normaliseIdText(spaced) === s;
      }),
    );
  });
  it('checking never throws and the normalised value re-checks the same', () => {
    const types = fc.constantFrom<IdDocumentType>('mo_bir_permanent', 'hk_id', 'cn_resident_id', 'cn_travel_permit', 'passport', 'other');
    fc.assert(
      fc.property(types, fc.string({ maxLength: 40 }), (type, raw) => {
        const a = checkIdNumber(type, raw, 'PRT');
        const b = checkIdNumber(type, a.value, 'PRT');
        return a.valid === b.valid && a.value === b.value;
      }),
    );
  });
  it('every valid HK ID with one digit changed fails its check digit', () => {
    const body = fc.tuple(fc.stringMatching(/^[A-Z]{1,2}$/), fc.stringMatching(/^\d{6}$/));
    fc.assert(
      fc.property(body, fc.integer({ min: 0, max: 5 }), ([letters, digits], pos) => {
        const valid = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A'].find((c) => checkIdNumber('hk_id', `${letters}${digits}(${c})`).valid);
        if (valid === undefined) return false;
        const d = (Number(digits[pos]) + 1) % 10;
        const changed = digits.slice(0, pos) + d + digits.slice(pos + 1);
        return !checkIdNumber('hk_id', `${letters}${changed}(${valid})`).valid;
      }),
    );
  });
});
