import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { ClientRequest } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { devSelfSigned, type TlsMaterial } from '../../server/http/tls-config';
import { TUS_ENDPOINT } from '../../api/sync';
import { StoreError } from '../store/errors';
import { createScanReader, type ScanReader, type ScanRequest } from './scan-reader';
import { SCAN_THREAD_NICENESS } from './scan-thread';
import { startFakeSyncServer, type FakeSyncServer } from './test-support/fake-sync-server';
import { startFaultProxy, type FaultProxy } from './test-support/fault-proxy';
import { openTestWorkstation, until, type TestWorkstation } from './test-support/workstation';

// Issue 15: a scan's bytes go from the scan thread (a worker thread in the core's process) to the
// server; the core's thread — the clerk's screen — decides and signs each request but never holds
// the bytes. The thread checks the pinned TLS key as the core does, and a cut mid-upload resumes
// from the offset the server confirmed.

const clock = () => new Date();
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/** The nice value of each thread of this process (Linux). */
const threadNiceValues = () =>
  readdirSync('/proc/self/task').map((tid) => Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]));

describe('scan uploads leave from the scan thread', () => {
  let server: FakeSyncServer;
  let proxy: FaultProxy | undefined;
  let ws: TestWorkstation;
  const enrolled = async (o: { viaProxy?: boolean; chunkBytes?: number } = {}) => {
    server = await startFakeSyncServer({ clock });
    cleanup.push(() => server.close());
    if (o.viaProxy) {
      const p = (proxy = await startFaultProxy({ host: '127.0.0.1', port: Number(new URL(server.url).port) }));
      cleanup.push(() => p.close());
    }
    ws = openTestWorkstation({ clock, timing: { chunkBytes: o.chunkBytes ?? 64 * 1024, patchBytes: o.chunkBytes ?? 64 * 1024 } });
    cleanup.push(() => ws.close());
    await ws.worker.enrol({ serverUrl: proxy?.url ?? server.url, code: server.issueCode('SP01', 'W1'), servicePoint: 'SP01', workstation: 'W1' });
  };

  it('the core thread sends no scan byte: every tus request it makes carries no body, and the scans arrive byte for byte', async () => {
    await enrolled();
    // Every HTTP request made on this (the core's) thread; the scan thread's do not publish here.
    const onCore: { method: string; path: string; length: number }[] = [];
    const seen = (m: unknown) => {
      const req = (m as { request: ClientRequest }).request;
      onCore.push({ method: req.method, path: req.path, length: Number(req.getHeader('content-length') ?? 0) });
    };
    subscribe('http.client.request.start', seen);
    cleanup.push(() => void unsubscribe('http.client.request.start', seen));
    const a = ws.submit({ clerk: 'C1', scans: [300_000, 150_000, 3_000] });
    ws.worker.start();
    await until(() => ws.worker.status().waiting === 0 && ws.store.outbox.pendingCount() === 0, 10_000, 'the outbox to drain');
    for (const s of a.shas) expect(sha(server.blob(s)!)).toBe(s);
    // The scans went as tus creations and PATCHes with bytes…
    const tus = server.tusLog.filter((e) => e.method !== 'HEAD');
    expect(tus.filter((e) => e.method === 'PATCH').length).toBeGreaterThan(0);
    expect(tus.reduce((n, e) => n + e.bytes, 0)).toBe(a.shas.reduce((n, s) => n + server.blob(s)!.length, 0));
    // …none of which left from the core's thread, which still made the signed pushes.
    expect(onCore.filter((r) => r.path.startsWith(TUS_ENDPOINT) && r.length > 0)).toEqual([]);
    expect(onCore.some((r) => r.method === 'POST' && r.path === '/v1/sync/push' && r.length > 0)).toBe(true);
    expect(server.ops('SP01-W1').map((o) => o.outcome.status)).toEqual(['applied']);
    // On Linux the thread that did it yields the CPU to this one, which serves the clerk's screen.
    if (process.platform === 'linux') expect(threadNiceValues()).toContain(Math.min(19, getPriority() + SCAN_THREAD_NICENESS));
  });

  it('a cable pulled mid-upload: the scan resumes from the offset the server confirmed — no second creation, no byte confirmed sent again', async () => {
    await enrolled({ viaProxy: true });
    // Slow enough to pull the cable between two chunks of the scan.
    proxy!.set({ kind: 'delay', ms: 40 });
    const a = ws.submit({ clerk: 'C1', scans: [600_000] });
    const scan = a.shas[0]!;
    ws.worker.start();
    const confirmed = () => server.tusLog.filter((e) => e.sha === scan && e.method === 'PATCH').length;
    await until(() => confirmed() >= 2, 20_000, 'two chunks to land');
    proxy!.set({ kind: 'partition', direction: 'to_server', ms: 150 });
    await until(() => ws.worker.status().lastError?.code === 'network', 20_000, 'the cut to be noticed');
    const before = server.tusLog.filter((e) => e.sha === scan).length;
    const landed = Math.max(...server.tusLog.filter((e) => e.sha === scan && e.method === 'PATCH').map((e) => e.offset + e.bytes));
    proxy!.set({ kind: 'pass' });
    ws.worker.retryNow();
    await until(() => ws.worker.status().waiting === 0, 20_000, 'the upload to finish');
    expect(sha(server.blob(scan)!)).toBe(scan);
    const log = server.tusLog.filter((e) => e.sha === scan);
    expect(log.filter((e) => e.method === 'POST')).toHaveLength(1);
    const after = log.slice(before);
    // The resumed upload asks where it stands, then sends only what had not landed.
    expect(after[0]?.method).toBe('HEAD');
    expect(after.filter((e) => e.method === 'PATCH').every((e) => e.offset >= landed)).toBe(true);
    expect(log.reduce((n, e) => n + e.bytes, 0)).toBe(server.blob(scan)!.length);
  }, 60_000);
});

describe('the scan thread over pinned TLS', () => {
  let tls: TlsMaterial;
  let other: TlsMaterial;
  let dirs: string[];
  beforeAll(() => {
    dirs = [mkdtempSync(join(tmpdir(), 'counterdesk-scan-tls-')), mkdtempSync(join(tmpdir(), 'counterdesk-scan-tls-'))];
    tls = devSelfSigned(dirs[0]!);
    other = devSelfSigned(dirs[1]!);
    return () => dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  /** An HTTPS server that keeps what it is sent; `hang` never answers. */
  async function httpsServer(hang = false) {
    const got: { method: string; body: Buffer; headers: Record<string, unknown> }[] = [];
    const server: HttpsServer = createHttpsServer({ key: tls.key, cert: tls.cert }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        got.push({ method: req.method ?? '', body: Buffer.concat(chunks), headers: req.headers });
        if (!hang) res.writeHead(201, { location: '/v1/uploads/u1', 'upload-offset': '3' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))));
    return { url: `https://127.0.0.1:${(server.address() as { port: number }).port}`, got };
  }

  function withScan(size: number): { reader: ScanReader; scan: string; bytes: Buffer; ws: TestWorkstation } {
    const ws = openTestWorkstation({ clock });
    const reader = createScanReader(ws.store);
    cleanup.push(() => ws.close());
    cleanup.push(() => reader.close());
    const scan = ws.submit({ clerk: 'C1', scans: [size] }).shas[0]!;
    const page = ws.store.db.prepare<[string], { attachment_id: string }>('SELECT attachment_id FROM attachment_pages WHERE blob_sha256 = ?').get(scan)!;
    return { reader, scan, bytes: ws.store.attachments.read(page.attachment_id, 0), ws };
  }

  const request = (url: string, scan: string, size: number, pin: string | null, o: Partial<ScanRequest> = {}): ScanRequest => ({
    sha256: scan,
    size,
    start: 1000,
    end: 51_000,
    url: `${url}/v1/uploads`,
    method: 'POST',
    headers: { 'content-length': '50000', 'tus-resumable': '1.0.0' },
    timeoutMs: 10_000,
    pool: { baseUrl: url, tlsPin: pin, maxSockets: 2, connectTimeoutMs: 5_000 },
    ...o,
  });

  it('sends the byte range to the pinned server and hands back its answer', async () => {
    const srv = await httpsServer();
    const { reader, scan, bytes } = withScan(80_000);
    const res = await reader.send(request(srv.url, scan, bytes.length, tls.spkiSha256))!;
    expect(res.status).toBe(201);
    expect(res.headers['upload-offset']).toBe('3');
    expect(res.body.toString()).toBe('{"ok":true}');
    expect(res.tlsSpkiSha256).toBe(tls.spkiSha256);
    expect(srv.got).toHaveLength(1);
    expect(srv.got[0]!.body.equals(bytes.subarray(1000, 51_000))).toBe(true);
    expect(srv.got[0]!.headers['tus-resumable']).toBe('1.0.0');
  });

  it('refuses a server whose TLS key is not the pinned one before a byte is written (identity), and one no authority vouches for without a pin (network)', async () => {
    const srv = await httpsServer();
    const { reader, scan, bytes } = withScan(80_000);
    await expect(reader.send(request(srv.url, scan, bytes.length, other.spkiSha256))!).rejects.toMatchObject({ kind: 'identity' });
    await expect(reader.send(request(srv.url, scan, bytes.length, null))!).rejects.toMatchObject({ kind: 'network' });
    expect(srv.got).toEqual([]);
  });

  it('gives up on a server that does not answer (timeout) and stops at once when sync shuts down (abort)', async () => {
    const srv = await httpsServer(true);
    const { reader, scan, bytes } = withScan(80_000);
    await expect(reader.send(request(srv.url, scan, bytes.length, tls.spkiSha256, { timeoutMs: 300 }))!).rejects.toMatchObject({
      kind: 'network',
      message: expect.stringContaining('no answer within 300 ms'),
    });
    const stop = new AbortController();
    const pending = reader.send(request(srv.url, scan, bytes.length, tls.spkiSha256, { signal: stop.signal }))!;
    await until(() => srv.got.length === 2, 10_000, 'the request to arrive');
    stop.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'network' });
  });

  it('a scan whose file does not decrypt to its recorded size, or is gone, is not sent (StoreError)', async () => {
    const srv = await httpsServer();
    const { reader, scan, bytes } = withScan(80_000);
    await expect(reader.send(request(srv.url, scan, bytes.length + 1, tls.spkiSha256))!).rejects.toBeInstanceOf(StoreError);
    const other = withScan(20_000);
    rmSync(other.ws.store.attachments.sealedFile(other.scan).path);
    await expect(other.reader.send(request(srv.url, other.scan, other.bytes.length, tls.spkiSha256, { end: 10_000 }))!).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(srv.got).toEqual([]);
  });
});
