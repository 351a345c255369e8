import { appendFileSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../store';
import { openTestStore, tempStoreDir } from '../store/test-support';
import { SyncCallError, sha256Hex } from './http-link';
import { createScanCache, FETCHED_SCANS_DIR } from './scan-cache';
import { createScanFetcher, type ScanFetchProgress, type ScanSource } from './scan-fetch';
import { scanOf } from './test-support/workstation';

// Issue 15: a scan download continues where it stopped also after the app was closed (or
// crashed) in the middle: the pieces received are kept encrypted with the download's state,
// a piece cut short by the crash is dropped, and the whole file is checked against its SHA-256
// before anyone sees it.

const PIECE = 1000;
const bytes = scanOf(5500, 'resume');
const sha = sha256Hex(bytes);

/** The server: serves `content` in pieces, and cuts the cable after `cutAfter` pieces (once). */
function server(o: { cutAfter?: number; content?: Buffer } = {}): ScanSource & { offsets: number[] } {
  const offsets: number[] = [];
  const content = o.content ?? bytes;
  return {
    offsets,
    enrolled: () => true,
    async get(target) {
      const u = new URL(target, 'http://x');
      if (o.cutAfter !== undefined && offsets.length >= o.cutAfter) throw new SyncCallError('network', 'cable pulled');
      const offset = Number(u.searchParams.get('offset'));
      offsets.push(offset);
      return { status: 200, headers: { 'counterdesk-blob-size': String(content.length) }, body: content.subarray(offset, offset + PIECE) };
    },
  };
}

async function settled(fetch: () => ScanFetchProgress): Promise<ScanFetchProgress> {
  for (let i = 0; i < 500; i++) {
    const p = fetch();
    if (p.state !== 'fetching') return p;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('download did not settle');
}

describe('a scan download across runs of the app', () => {
  let t: ReturnType<typeof tempStoreDir>;
  let store: Store;
  const clock = () => new Date('2026-11-23T09:00:00.000Z');
  const open = () => openTestStore(t.dir, t.key, { clock, workstationId: 'W1' });
  beforeEach(() => {
    t = tempStoreDir();
    store = open();
  });
  afterEach(() => {
    store.close();
    t.cleanup();
  });
  const restart = () => {
    store.close();
    store = open();
  };
  const partFile = () => {
    const dir = join(dirname(store.path), FETCHED_SCANS_DIR);
    const name = readdirSync(dir).find((n) => n.endsWith('.part'));
    return name ? join(dir, name) : undefined;
  };
  const fetchWith = (source: ScanSource) => {
    const fetcher = createScanFetcher({ cache: createScanCache(store), source, pieceBytes: PIECE });
    return (retry = false) => fetcher.fetch('app-1', [sha], { retry });
  };

  it('continues at the offset reached before the restart, and keeps the pieces only encrypted meanwhile', async () => {
    const first = server({ cutAfter: 3 });
    expect(await settled(fetchWith(first))).toMatchObject({ state: 'failed', error: { messageKey: 'sync.status.error.network' } });
    expect(first.offsets).toEqual([0, 1000, 2000]);
    const part = partFile();
    expect(part).toBeDefined();
    expect(readFileSync(part!).includes(bytes.subarray(0, 64))).toBe(false);

    restart();
    const second = server();
    const progress = await settled(fetchWith(second));
    expect(progress).toMatchObject({ state: 'done', fetched: 1 });
    expect(second.offsets).toEqual([3000, 4000, 5000]);
    expect(createScanCache(store).read(sha).equals(bytes)).toBe(true);
    expect(partFile()).toBeUndefined();
  });

  it('a piece cut short by a crash is dropped and fetched again; the rest is not', async () => {
    await settled(fetchWith(server({ cutAfter: 2 })));
    // The crash came while the third piece was being written: half a record at the end.
    appendFileSync(partFile()!, Buffer.from([0, 0, 4, 0, 1, 2, 3]));
    const torn = statSync(partFile()!).size;
    restart();
    expect(createScanCache(store).partial(sha)).toEqual({ size: bytes.length, received: 2000 });
    expect(statSync(partFile()!).size).toBeLessThan(torn);
    const second = server();
    expect(await settled(fetchWith(second))).toMatchObject({ state: 'done' });
    expect(second.offsets).toEqual([2000, 3000, 4000, 5000]);
    expect(createScanCache(store).read(sha).equals(bytes)).toBe(true);
  });

  it('a resumed download that does not hash to its address is never kept, and the next try starts again from the beginning', async () => {
    await settled(fetchWith(server({ cutAfter: 2 })));
    restart();
    const forged = Buffer.from(bytes);
    forged[4500] = forged[4500]! ^ 1;
    expect(await settled(fetchWith(server({ content: forged })))).toMatchObject({ state: 'failed' });
    expect(createScanCache(store).get(sha)).toBeUndefined();
    expect(createScanCache(store).partial(sha)).toBeUndefined();
    const again = server();
    expect(await settled(fetchWith(again))).toMatchObject({ state: 'done' });
    expect(again.offsets[0]).toBe(0);
  });

  it('two applications sharing a scan download it once, both end with it', async () => {
    const source = server();
    const fetcher = createScanFetcher({ cache: createScanCache(store), source, pieceBytes: PIECE });
    fetcher.fetch('app-1', [sha]);
    fetcher.fetch('app-2', [sha]);
    expect(await settled(() => fetcher.fetch('app-1', [sha]))).toMatchObject({ state: 'done' });
    expect(await settled(() => fetcher.fetch('app-2', [sha]))).toMatchObject({ state: 'done' });
    expect(source.offsets).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
    expect(createScanCache(store).read(sha).equals(bytes)).toBe(true);
  });
});
