// Scan upload to the central API (issue 14): a 5 MB scan through the tus endpoint (signed create,
// one PATCH hashed and AES-256-GCM encrypted as it streams, SHA-256 checked, flushed, renamed into
// place, row in PostgreSQL), beside a plain HTTP PUT of the same bytes to a bare Node server that
// streams them to a file on the same disk and flushes it (fsync) before answering 201 — the same
// durability the tus path gives, without its signature, hash, encryption or database. Both are
// plain HTTP on loopback (the test server runs without TLS), both in this process, alternating.
// The same PUT without the flush is measured too, for reference. Target: tus ≤ 1.2× the PUT.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { startTestServer } from '../server/test-support/server-fixture';
import { summarise, type BenchSuite } from './harness';

const SIZE = 5 * 1024 * 1024;
const RUNS = 30;

const suite: BenchSuite = async (report) => {
  const server = await startTestServer({ users: false });
  const dir = mkdtempSync(join(tmpdir(), 'counterdesk-bench-put-'));
  let n = 0;
  const plain = createServer((req, res) => {
    // flush: the file is fsynced before it closes, and the 201 waits for that.
    void pipeline(req, createWriteStream(join(dir, `put-${n++}`), { flush: req.url === '/scan?flush=1' })).then(
      () => res.writeHead(201).end(),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((r) => plain.listen(0, '127.0.0.1', () => r()));
  const plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
  try {
    const ws = await server.workstation('SP01', 'W1');
    const put = async (bytes: Buffer, flush = true) => {
      const res = await fetch(`${plainUrl}/scan${flush ? '?flush=1' : ''}`, { method: 'PUT', body: new Uint8Array(bytes) });
      if (res.status !== 201) throw new Error(`plain PUT ${res.status}`);
    };
    // The workstation knows a scan's SHA-256 before it uploads it (scans are content-addressed in
    // its outbox), so the caller hashes outside the timed upload.
    const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    const tus = async (bytes: Buffer, sha = sha256(bytes)) => {
      const created = await fetch(`${server.node.url}/v1/uploads`, {
        method: 'POST',
        headers: {
          ...ws.tusHeaders('POST', '/v1/uploads'),
          'upload-length': String(bytes.length),
          'upload-metadata': `sha256 ${Buffer.from(sha).toString('base64')}`,
        },
      });
      if (created.status !== 201) throw new Error(`tus create ${created.status}`);
      const path = new URL(created.headers.get('location') ?? '', server.node.url).pathname;
      const done = await fetch(`${server.node.url}${path}`, {
        method: 'PATCH',
        headers: { ...ws.tusHeaders('PATCH', path), 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
        body: new Uint8Array(bytes),
      });
      if (done.status !== 204) throw new Error(`tus PATCH ${done.status} ${await done.text()}`);
    };
    // Fresh bytes each time (an existing blob would short-cut nothing here, but keep it honest).
    await put(randomBytes(SIZE));
    await tus(randomBytes(SIZE));
    const plainMs: number[] = [];
    const unflushedMs: number[] = [];
    const tusMs: number[] = [];
    const timed = async (into: number[], upload: () => Promise<void>) => {
      const t = performance.now();
      await upload();
      into.push(performance.now() - t);
    };
    for (let i = 0; i < RUNS; i++) {
      const bytes = randomBytes(SIZE);
      await timed(plainMs, () => put(bytes));
      const sha = sha256(bytes);
      await timed(tusMs, () => tus(bytes, sha));
      await timed(unflushedMs, () => put(bytes, false));
    }
    const base = summarise('plain HTTP PUT, 5 MB, to a file + fsync', plainMs);
    const subj = summarise('tus upload, 5 MB (signed, hashed, encrypted, fsync)', tusMs);
    report.compare('Scan upload: tus vs a plain PUT of the same bytes, both durable, no TLS (target ≤ 1.2×)', base, subj);
    const unflushed = summarise('plain HTTP PUT, 5 MB, to a file, no fsync', unflushedMs);
    report.compare('Scan upload: tus vs a plain PUT that does not flush (reference only: not durable)', unflushed, subj);
    const mbps = (s: { p50: number }) => (SIZE / 1024 / 1024 / (s.p50 / 1000)).toFixed(1);
    report.note(`throughput at p50: plain PUT + fsync ${mbps(base)} MB/s, plain PUT ${mbps(unflushed)} MB/s, tus ${mbps(subj)} MB/s`);
  } finally {
    plain.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

export default suite;
