// Attaching a scan (issue 5, item 4): a 5 MB and a 20 MB scan through the whole upload path
// as the renderer drives it (attachments.begin, 512 KB base64 chunks, commit: dispatcher
// with zod both ways, byte sniffing, encryption, the slot's hash list in the application's
// transaction, audit) against a bare `store.attachments.put` of the same bytes (encryption
// and storage only), measured in the same run. MB/s for both.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { summarise, type BenchSuite, type Stats } from './harness';
import { createAppCore, type AppCore } from '../services/core/app-core';
import { seedUser } from '../services/core/test-support';
import { TEST_PASSWORD_PARAMS } from '../services/auth/test-support';
import { scanFixtures } from '../services/store/attachments/fixtures';

const MB = 1024 * 1024;
const SLOT = 'paper.application_form';
const ROUNDS = Number(process.env.ATTACH_BENCH_ROUNDS ?? 5);

/** A valid PNG of exactly `total` bytes: the fixture with a private ancillary chunk before IEND (random, so nothing compresses it away). */
function pngOf(total: number): Buffer {
  const head = scanFixtures.png.subarray(0, scanFixtures.png.length - 12);
  const iend = scanFixtures.png.subarray(scanFixtures.png.length - 12);
  const payload = total - head.length - iend.length - 12;
  const body = Buffer.concat([Buffer.from('prVt', 'latin1'), randomBytes(payload)]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(payload);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([head, len, body, crc, iend]);
}

async function ok<T>(core: AppCore, method: string, input: unknown): Promise<T> {
  const r = await core.dispatch(method, input, { transport: 'ipc' });
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

/** What ScansPanel does, minus the FileReader: slice, base64, chunk, commit. */
async function upload(core: AppCore, applicationId: string, bytes: Buffer): Promise<string> {
  const { uploadId, chunkSize } = await ok<{ uploadId: string; chunkSize: number }>(core, 'attachments.begin', {
    applicationId,
    slot: SLOT,
    fileName: 'scan.png',
    size: bytes.length,
  });
  for (let i = 0; i * chunkSize < bytes.length; i++) {
    await ok(core, 'attachments.chunk', { uploadId, index: i, dataBase64: bytes.subarray(i * chunkSize, (i + 1) * chunkSize).toString('base64') });
  }
  return (await ok<{ id: string }>(core, 'attachments.commit', { uploadId })).id;
}

const mbPerS = (bytes: number, s: Stats) => (bytes / MB / (s.p50 / 1000)).toFixed(1);

const suite: BenchSuite = async (report) => {
  const dir = mkdtempSync(join(tmpdir(), 'counterdesk-bench-attach-'));
  writeFileSync(join(dir, 'workstation.json'), JSON.stringify({ workstationId: 'W07', servicePoint: { code: 'SP01', nameZh: '測試', namePt: 'Teste' } }));
  const core = createAppCore({ dataDir: dir, key: randomBytes(32), version: 'bench', session: { passwordParams: TEST_PASSWORD_PARAMS } });
  try {
    const password = await seedUser(core, 'C1', ['clerk']);
    await ok(core, 'auth.signIn', { staffNumber: 'C1', password });
    const { id: applicationId } = await ok<{ id: string }>(core, 'intake.create', { kind: 'first_application' });
    const limit = core.store.settings.get('attachments.maxBytes');
    report.note(`size limit ${(limit / MB).toFixed(1)} MB, ${ROUNDS} rounds each after one warm-up`);

    // "20 MB" is the limit itself: just under it, as the largest scan a clerk can attach.
    for (const [label, size] of [
      ['5 MB', 5 * MB],
      ['20 MB', Math.min(20 * MB, limit) - 4096],
    ] as const) {
      const viaApi: number[] = [];
      const bare: number[] = [];
      for (let round = -1; round < ROUNDS; round++) {
        // Fresh bytes for each: the store keeps one encrypted file per content hash, so the
        // same bytes twice would measure the second as a no-op.
        const forApi = pngOf(size);
        const forStore = pngOf(size);
        // Alternate the two so drift on a noisy machine hits both alike.
        let t0 = performance.now();
        const id = await upload(core, applicationId, forApi);
        const api = performance.now() - t0;
        t0 = performance.now();
        const put = core.store.attachments.put(forStore, { applicationId, slot: 'bench.bare', actor: 'staff:C1' });
        const store = performance.now() - t0;
        // Not timed: keep the slot under its page cap for the next round.
        await ok(core, 'attachments.remove', { attachmentId: id, applicationId, slot: SLOT });
        core.store.attachments.remove(put.id, 'staff:C1');
        if (round >= 0) {
          viaApi.push(api);
          bare.push(store);
        }
      }
      const base = summarise(`bare store.attachments.put (${label})`, bare);
      const subject = summarise(`begin/chunk×${Math.ceil(size / (512 * 1024))}/commit via dispatcher (${label})`, viaApi);
      report.compare(`attach a ${label} scan`, base, subject);
      report.note(`throughput p50: ${mbPerS(size, subject)} MB/s through the API, ${mbPerS(size, base)} MB/s bare`);
    }
  } finally {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

export default suite;
