import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEnrolmentCode } from '../../server/admin/administration';
import { startTestServer, type TestServer } from '../../server/test-support/server-fixture';
import { createPulledApplications } from '../approval/pulled-applications';
import { SyncCallError, sha256Hex } from './http-link';
import { createScanCache } from './scan-cache';
import { createScanFetcher, type ScanFetchProgress, type ScanSource } from './scan-fetch';
import { submitComplete } from './test-support/complete-application';
import { openTestWorkstation, until, type TestWorkstation } from './test-support/workstation';

// Issue 15 against the real central server: a supervisor's workstation B downloads a 3 MB scan
// taken in at A; the cable is pulled mid-way, B is closed and opened again (a restart), and the
// download continues at the offset it had reached, from the server's own pieces, to a file that
// hashes to its address.

const PIECE = 512 * 1024;

describe('a scan download resumed after a restart, from the real server', () => {
  let server: TestServer;
  const ws: Record<'a' | 'b', TestWorkstation> = {} as never;
  beforeAll(async () => {
    server = await startTestServer();
    for (const [name, code] of [
      ['a', 'W1'],
      ['b', 'W2'],
    ] as const) {
      const w = openTestWorkstation({ clock: server.clock.now, code });
      const { code: enrolment } = await issueEnrolmentCode(server.node.sql, server.clock.now, 'SP01', code);
      await w.worker.enrol({ serverUrl: server.node.url, code: enrolment, servicePoint: 'SP01', workstation: code });
      w.worker.start();
      ws[name] = w;
    }
  }, 120_000);
  afterAll(async () => {
    for (const w of Object.values(ws)) await w?.close();
    await server?.close();
  });

  /** B's signed GETs, counted; the cable goes after `cutAfter` of them. */
  const through = (cutAfter = Infinity): ScanSource & { offsets: number[] } => {
    const offsets: number[] = [];
    return {
      offsets,
      enrolled: () => ws.b.worker.enrolled(),
      async get(target, timeoutMs) {
        if (offsets.length >= cutAfter) throw new SyncCallError('network', 'cable pulled');
        offsets.push(Number(new URL(target, 'http://x').searchParams.get('offset')));
        return ws.b.worker.get(target, timeoutMs);
      },
    };
  };
  const settled = async (fetch: () => ScanFetchProgress) => {
    let p = fetch();
    await until(() => (p = fetch()).state !== 'fetching', 60_000, 'the download to settle');
    return p;
  };

  it('continues where it stopped, and the scan is byte for byte the one taken in', async () => {
    const app = submitComplete(ws.a, { n: 1, clerk: 'C1', scans: [3_000_000, 40_000], workstation: 'W1' });
    const big = app.shas[0]!;
    await until(() => createPulledApplications(ws.b.store, 'SP01').get(app.id) !== undefined, 60_000, 'B to pull the application');

    const first = through(3);
    const fetchFirst = createScanFetcher({ cache: createScanCache(ws.b.store), source: first, pieceBytes: PIECE });
    expect(await settled(() => fetchFirst.fetch(app.id, [big]))).toMatchObject({ state: 'failed' });
    expect(first.offsets).toEqual([0, PIECE, 2 * PIECE]);

    await ws.b.restart();
    const second = through();
    const fetchSecond = createScanFetcher({ cache: createScanCache(ws.b.store), source: second, pieceBytes: PIECE });
    expect(await settled(() => fetchSecond.fetch(app.id, [big], { retry: true }))).toMatchObject({ state: 'done' });
    expect(second.offsets[0]).toBe(3 * PIECE);
    expect(second.offsets).toHaveLength(Math.ceil((createScanCache(ws.b.store).get(big)!.size - 3 * PIECE) / PIECE));
    expect(sha256Hex(createScanCache(ws.b.store).read(big))).toBe(big);
  }, 120_000);
});
