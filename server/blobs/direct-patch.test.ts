import { describe, expect, it } from 'vitest';
import { TUS_BODY_TYPE, TUS_ENDPOINT } from '../../api/sync/blobs';
import { directPatch } from './direct-patch';

// Only a PATCH of one of our uploads with exactly right tus headers takes the short way; anything
// else goes to @tus/server, which answers the errors the protocol defines.

const id = 'a1'.repeat(16);
const headers = (over: Record<string, string | undefined> = {}) => ({
  'tus-resumable': '1.0.0',
  'upload-offset': '1048576',
  'content-length': '4194304',
  'content-type': TUS_BODY_TYPE,
  ...over,
});

describe('which tus PATCHes come straight in', () => {
  it('a PATCH of an upload with its offset and length', () => {
    expect(directPatch('PATCH', `${TUS_ENDPOINT}/${id}`, headers())).toEqual({ id, offset: 1_048_576, length: 4_194_304 });
  });

  it.each([
    ['a POST', 'POST', `${TUS_ENDPOINT}/${id}`, {}],
    ['the creation path', 'PATCH', TUS_ENDPOINT, {}],
    ['an id that is not one of ours', 'PATCH', `${TUS_ENDPOINT}/../etc`, {}],
    ['a query string', 'PATCH', `${TUS_ENDPOINT}/${id}?x=1`, {}],
    ['another tus version', 'PATCH', `${TUS_ENDPOINT}/${id}`, { 'tus-resumable': '0.2.2' }],
    ['a length declared late', 'PATCH', `${TUS_ENDPOINT}/${id}`, { 'upload-length': '9' }],
    ['no offset', 'PATCH', `${TUS_ENDPOINT}/${id}`, { 'upload-offset': undefined }],
    ['an offset that is not a plain number', 'PATCH', `${TUS_ENDPOINT}/${id}`, { 'upload-offset': '-1' }],
    ['a chunked body', 'PATCH', `${TUS_ENDPOINT}/${id}`, { 'content-length': undefined, 'transfer-encoding': 'chunked' }],
    ['another body type', 'PATCH', `${TUS_ENDPOINT}/${id}`, { 'content-type': 'application/json' }],
  ])('not %s: that goes to @tus/server', (_what, method, url, over) => {
    expect(directPatch(method, url, headers(over))).toBeNull();
  });
});
