import { describe, expect, it } from 'vitest';
import { StoreError, STORE_ERROR_CODES, toStoreError, translating } from './errors';
import { translate, isMessageKey } from '../../i18n';

const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('StoreError', () => {
  it.each(STORE_ERROR_CODES)('%s has a message in every language and maps to an API error', (code) => {
    const e = new StoreError(code, 'english detail', { size: '21.0', limit: '20.0' });
    expect(isMessageKey(e.messageKey)).toBe(true);
    for (const locale of ['zh-Hant', 'pt', 'en'] as const) expect(translate(locale, e.messageKey, e.params)).not.toMatch(/\{\w+\}/);
    const body = e.toApiError();
    expect(body).toMatchObject({ message: 'english detail', messageKey: e.messageKey });
    expect(['not_found', 'conflict', 'refused', 'unavailable']).toContain(body.code);
  });

  it.each([
    ['SQLITE_FULL', 'disk_full'],
    ['ENOSPC', 'disk_full'],
    ['EDQUOT', 'disk_full'],
    ['SQLITE_NOTADB', 'wrong_key'],
    ['SQLITE_CORRUPT', 'corrupt'],
    ['SQLITE_CORRUPT_VTAB', 'corrupt'],
    ['SQLITE_BUSY', 'busy'],
    ['SQLITE_IOERR_WRITE', 'io'],
    ['EIO', 'io'],
  ])('translates %s into %s', (raw, code) => {
    expect(toStoreError(withCode(raw), 'save').code).toBe(code);
    expect(() =>
      translating('save', () => {
        throw withCode(raw);
      }),
    ).toThrow(expect.objectContaining({ code }));
  });

  it('lets programming errors through unchanged', () => {
    const bug = new TypeError('x is undefined');
    expect(() =>
      translating('save', () => {
        throw bug;
      }),
    ).toThrow(bug);
    expect(() =>
      translating('save', () => {
        throw withCode('SQLITE_CONSTRAINT_UNIQUE');
      }),
    ).toThrow(expect.objectContaining({ code: 'SQLITE_CONSTRAINT_UNIQUE' }));
  });
});
