import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { BlobCorruptError, createLocalBlobStore, SEALED_HEADER_BYTES } from './blob-store';

const dir = mkdtempSync(join(tmpdir(), 'counterdesk-blob-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const store = createLocalBlobStore(dir, randomBytes(32));
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('sealing a blob as it streams in', () => {
  it('a sealer lost half-way and replayed from what was written seals the same file, which reads back as the bytes', async () => {
    const bytes = randomBytes(1_000_003);
    const sha = sha256(bytes);
    const first = store.seal(sha);
    const written = Buffer.concat([first.header, first.update(bytes.subarray(0, 400_000)), first.update(bytes.subarray(400_000, 400_017))]);
    // The process that held `first` is gone: another one picks the upload up from the file.
    const resumed = store.resumeSeal(sha, written);
    expect(resumed.consumed).toBe(400_017);
    const rest = resumed.update(bytes.subarray(400_017));
    const { sha256: actual, trailer } = resumed.finish();
    expect(actual).toBe(sha);
    const file = join(dir, 'sealed');
    writeFileSync(file, Buffer.concat([written, rest, trailer]));
    await store.adopt(sha, file);
    expect((await store.get(sha)).equals(bytes)).toBe(true);
  });

  it('reports what the bytes really hash to, and a file sealed for another address does not open', async () => {
    const bytes = Buffer.from('the bytes that came');
    const claimed = sha256(Buffer.from('the bytes that were promised'));
    const s = store.seal(claimed);
    const body = Buffer.concat([s.header, s.update(bytes)]);
    const { sha256: actual, trailer } = s.finish();
    expect(actual).toBe(sha256(bytes));
    expect(body.length).toBe(SEALED_HEADER_BYTES + bytes.length);
    const file = join(dir, 'misplaced');
    writeFileSync(file, Buffer.concat([body, trailer]));
    await store.adopt(actual, file); // the address it was not sealed for
    await expect(store.get(actual)).rejects.toBeInstanceOf(BlobCorruptError);
  });
});
