import { describe, expect, it } from 'vitest';
import { MAX_BLOB_BYTES, TUS_BODY_TYPE, TUS_ENDPOINT } from '../../api/sync/blobs';
import { creationWithUpload } from './creation-with-upload';

// Only a creation that carries bytes, with exactly right tus headers, takes the short way;
// anything else goes to @tus/server, which answers the errors the protocol defines.

const sha = 'ab'.repeat(32);
const headers = (over: Record<string, string | undefined> = {}) => ({
  'tus-resumable': '1.0.0',
  'upload-length': '500000',
  'content-length': '500000',
  'content-type': TUS_BODY_TYPE,
  'upload-metadata': `sha256 ${Buffer.from(sha).toString('base64')}`,
  ...over,
});

describe('which tus creations carry bytes', () => {
  it('a creation with all its bytes, or its first ones, and a declared SHA-256', () => {
    expect(creationWithUpload('POST', TUS_ENDPOINT, headers())).toEqual({ size: 500_000, carried: 500_000, metadata: { sha256: sha } });
    expect(creationWithUpload('POST', TUS_ENDPOINT, headers({ 'content-length': '100' }))).toEqual({ size: 500_000, carried: 100, metadata: { sha256: sha } });
  });

  it.each([
    ['a PATCH', 'PATCH', TUS_ENDPOINT, {}],
    ['another path', 'POST', `${TUS_ENDPOINT}/x`, {}],
    ['more bytes than the upload has', 'POST', TUS_ENDPOINT, { 'content-length': '500001' }],
    ['a chunked body', 'POST', TUS_ENDPOINT, { 'content-length': undefined, 'transfer-encoding': 'chunked' }],
    ['no bytes', 'POST', TUS_ENDPOINT, { 'content-type': undefined, 'content-length': '0' }],
    ['another tus version', 'POST', TUS_ENDPOINT, { 'tus-resumable': '0.2.2' }],
    ['a deferred length', 'POST', TUS_ENDPOINT, { 'upload-defer-length': '1' }],
    ['a length that is not a plain number', 'POST', TUS_ENDPOINT, { 'upload-length': '5e5', 'content-length': '5e5' }],
    ['more than a scan may be', 'POST', TUS_ENDPOINT, { 'upload-length': String(MAX_BLOB_BYTES + 1), 'content-length': String(MAX_BLOB_BYTES + 1) }],
    ['no declared hash', 'POST', TUS_ENDPOINT, { 'upload-metadata': `name ${Buffer.from('x').toString('base64')}` }],
    ['a declared hash that is not one', 'POST', TUS_ENDPOINT, { 'upload-metadata': `sha256 ${Buffer.from('nope').toString('base64')}` }],
    ['malformed metadata', 'POST', TUS_ENDPOINT, { 'upload-metadata': 'sha256 !!!,,' }],
  ])('not %s: that goes to @tus/server', (_what, method, url, over) => {
    expect(creationWithUpload(method, url, headers(over))).toBeNull();
  });
});
