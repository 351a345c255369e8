// Scan upload to the central API (issue 14): a 5 MB scan sent as the workstation sends it — tus
// creation carrying the first 1 MB, then the other 4 MB in one PATCH, each signed; the server hashes and
// AES-256-GCM encrypts the bytes as they stream, checks the SHA-256, flushes the file, renames
// it into place and records it in PostgreSQL — beside a plain HTTP PUT of the same bytes to a
// bare Node server that streams them to a file on the same disk and flushes it (fsync) before
// answering 201: the same durability, without signature, hash, encryption, chunking or database.
// Both servers run in their own process, as in production (the central API is `npm run server`,
// never inside a workstation); the client is this process, alternating between them. Plain HTTP
// on loopback both (the test server runs without TLS). Also shown, for reference: the scan in one
// tus request (no chunking), and the PUT without the flush. Target: tus ≤ 1.2× the PUT.
import { createHash, randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess } from '../server/test-support/server-process-fixture';
import { TestWorkstation } from '../server/test-support/workstation-client';
import { DEFAULT_TIMING } from '../services/sync/sync-worker';
import { summarise, type BenchSuite } from './harness';

const SIZE = 5 * 1024 * 1024;
/** The workstation's tus creation and PATCH sizes (services/sync/sync-worker.ts DEFAULT_TIMING). */
const CHUNK = DEFAULT_TIMING.chunkBytes;
const PATCH = DEFAULT_TIMING.patchBytes;
const RUNS = 60;
const CLOCK = '2026-11-23T02:00:00.000Z';

const BARE_SERVER = `
const { createServer } = require('node:http'); const { createWriteStream } = require('node:fs');
const { pipeline } = require('node:stream/promises'); const { join } = require('node:path'); let n = 0;
createServer((req, res) => {
  // flush: the file is fsynced before it closes, and the 201 waits for that.
  pipeline(req, createWriteStream(join(process.argv[1], 'put-' + n++), { flush: req.url === '/scan?flush=1' })).then(
    () => res.writeHead(201).end(), () => res.writeHead(500).end());
}).listen(0, '127.0.0.1', function () { console.log('LISTENING ' + this.address().port); });`;

/** CPU time (user + system) a process has used, ms. */
const cpuMs = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(f[11]) + Number(f[12])) * 10;
};

const suite: BenchSuite = async (report) => {
  const server = await startServerProcess({ clockIso: CLOCK });
  const dir = mkdtempSync(join(tmpdir(), 'counterdesk-bench-put-'));
  const bare = spawn(process.execPath, ['-e', BARE_SERVER, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const plainUrl = await new Promise<string>((resolve) =>
      bare.stdout.on('data', (c: Buffer) => {
        const m = /LISTENING (\d+)/.exec(c.toString());
        if (m) resolve(`http://127.0.0.1:${m[1]}`);
      }),
    );
    const ws = new TestWorkstation(server.url, 'SP01', 'W1', () => Date.parse(CLOCK) / 1000);
    await ws.enrol(await server.issueCode('SP01', 'W1'));

    const put = async (bytes: Buffer, flush = true) => {
      const res = await fetch(`${plainUrl}/scan${flush ? '?flush=1' : ''}`, { method: 'PUT', body: new Uint8Array(bytes) });
      await res.arrayBuffer();
      if (res.status !== 201) throw new Error(`plain PUT ${res.status}`);
    };
    const tusBody = (headers: Record<string, string>, chunk: Buffer) => ({
      headers: { ...headers, 'content-type': 'application/offset+octet-stream' },
      body: new Uint8Array(chunk),
    });
    // The workstation knows a scan's SHA-256 before it uploads it (scans are content-addressed in
    // its outbox), so the caller hashes outside the timed upload.
    const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
    const tus = async (bytes: Buffer, sha: string, chunk = CHUNK, patchBytes = PATCH) => {
      const first = bytes.subarray(0, chunk);
      const created = await fetch(`${server.url}/v1/uploads`, {
        method: 'POST',
        ...tusBody(
          {
            ...ws.tusHeaders('POST', '/v1/uploads', { withBytes: true }),
            'upload-length': String(bytes.length),
            'upload-metadata': `sha256 ${Buffer.from(sha).toString('base64')}`,
          },
          first,
        ),
      });
      await created.arrayBuffer();
      if (created.status !== 201) throw new Error(`tus create ${created.status}`);
      const path = new URL(created.headers.get('location') ?? '', server.url).pathname;
      for (let offset = Number(created.headers.get('upload-offset')); offset < bytes.length;) {
        const part = bytes.subarray(offset, offset + patchBytes);
        const res = await fetch(`${server.url}${path}`, {
          method: 'PATCH',
          ...tusBody({ ...ws.tusHeaders('PATCH', path), 'upload-offset': String(offset) }, part),
        });
        await res.arrayBuffer();
        if (res.status !== 204) throw new Error(`tus PATCH ${res.status}`);
        offset = Number(res.headers.get('upload-offset'));
      }
    };
    // Warm both (connections, JIT, the blob store's directories).
    for (let i = 0; i < 3; i++) {
      const b = randomBytes(SIZE);
      await put(b);
      await tus(b, sha256(b));
    }
    const plainMs: number[] = [];
    const unflushedMs: number[] = [];
    const tusMs: number[] = [];
    const wholeMs: number[] = [];
    const timed = async (into: number[], upload: () => Promise<void>) => {
      const t = performance.now();
      await upload();
      into.push(performance.now() - t);
    };
    const serverCpu0 = cpuMs(server.node.pid);
    const bareCpu0 = cpuMs(bare.pid ?? 0);
    for (let i = 0; i < RUNS; i++) {
      // Fresh bytes each time: a stored blob would not be sent again by a workstation.
      const bytes = randomBytes(SIZE);
      const sha = sha256(bytes);
      await timed(plainMs, () => put(bytes));
      await timed(tusMs, () => tus(bytes, sha));
      await timed(unflushedMs, () => put(bytes, false));
      const other = randomBytes(SIZE);
      const otherSha = sha256(other);
      await timed(wholeMs, () => tus(other, otherSha, SIZE));
    }
    const serverCpuPerScan = (cpuMs(server.node.pid) - serverCpu0) / (2 * RUNS);
    const bareCpuPerPut = (cpuMs(bare.pid ?? 0) - bareCpu0) / (2 * RUNS);
    const base = summarise('plain HTTP PUT, 5 MB, to a file + fsync', plainMs);
    const subj = summarise('tus, 5 MB as the workstation sends it (1 MB creation + 4 MB PATCH; signed, hashed, encrypted, fsync)', tusMs);
    report.compare('Scan upload: tus vs a plain PUT of the same bytes, both durable, servers in their own process, no TLS (target ≤ 1.2×)', base, subj);
    report.compare(
      'Scan upload: the same 5 MB in one tus request (reference: what the second request costs)',
      base,
      summarise('tus, 5 MB in one creation request', wholeMs),
    );
    const unflushed = summarise('plain HTTP PUT, 5 MB, to a file, no fsync', unflushedMs);
    report.compare('Scan upload: tus vs a plain PUT that does not flush (reference only: not durable)', unflushed, subj);
    const mbps = (s: { p50: number }) => (SIZE / 1024 / 1024 / (s.p50 / 1000)).toFixed(1);
    report.note(`throughput at p50: plain PUT + fsync ${mbps(base)} MB/s, plain PUT ${mbps(unflushed)} MB/s, tus ${mbps(subj)} MB/s`);
    report.note(
      `CPU per 5 MB scan: central API ${serverCpuPerScan.toFixed(1)} ms (PostgreSQL's not counted), bare PUT server ${bareCpuPerPut.toFixed(1)} ms; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
  } finally {
    bare.kill('SIGKILL');
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

export default suite;
