import { afterEach, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson } from '../../api/sync';
import { openStore } from '../store';
import { integrityCheck } from '../store/database';
import { startFakeSyncServer, type FakeSyncServer } from './test-support/fake-sync-server';
import { spawnWorkstation, type WorkstationChild } from './test-support/workstation-child';
import { openTestWorkstation, until } from './test-support/workstation';

// `kill -9` of the workstation's core (the process that holds the store and the sync worker):
// mid-upload, the scan resumes where the server has it (the tus URL and offset persisted in
// SQLite); mid-transaction, nothing the clerk saw as saved is lost, nothing half-written
// remains, and everything reaches the server exactly once.

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const TIMING = { chunkBytes: 256 * 1024 };

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => undefined);
  cleanup = [];
});

async function enrolledDir(server: FakeSyncServer): Promise<{ dir: string; key: Buffer }> {
  const dir = mkdtempSync(join(tmpdir(), 'counterdesk-sync-kill-'));
  const key = randomBytes(32);
  const ws = openTestWorkstation({ clock: () => new Date(), dir, key });
  await ws.worker.enrol({ serverUrl: server.url, code: server.issueCode('SP01', 'W1'), servicePoint: 'SP01', workstation: 'W1' });
  await ws.close();
  cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
  return { dir, key };
}

function readStore(dir: string, key: Buffer, scan = '') {
  const store = openStore({ dir, key, workstationId: 'W0001', clock: () => new Date() });
  try {
    return {
      integrity: integrityCheck(store.db),
      upload: store.db.prepare<[string], { upload_url: string | null; offset: number; state: string }>('SELECT * FROM sync_uploads WHERE sha256 = ?').get(scan),
      submitted: store.db
        .prepare<[], { id: string }>(`SELECT id FROM applications WHERE status = 'pending_approval' ORDER BY id`)
        .all()
        .map((r) => ({ id: r.id, data: store.applications.get(r.id)!.data })),
    };
  } finally {
    store.close();
  }
}

async function quiesce(ws: WorkstationChild, what: string) {
  let last = { waiting: -1, outbox: -1, parked: -1, lastError: null as string | null };
  await until(
    () => {
      void ws
        .status()
        .then((s) => (last = s))
        .catch(() => undefined);
      return last.waiting === 0 && last.outbox === 0;
    },
    60_000,
    what,
  ).catch((e: Error) => {
    throw new Error(`${e.message}: ${JSON.stringify(last)}`);
  });
  expect(last.parked).toBe(0);
}

describe('kill -9 of the workstation core', () => {
  it('mid-upload: a 20 MB scan resumes after the restart from the offset the server confirmed, not from zero', async () => {
    const server = await startFakeSyncServer({ clock: () => new Date() });
    cleanup.push(() => server.close());
    const { dir, key } = await enrolledDir(server);
    let ws = await spawnWorkstation({ dir, key, timing: TIMING });
    cleanup.push(() => ws.kill9());
    const saved = await ws.submit([20_000_000]);
    const scan = saved.shas[0]!;
    // Kill it once a few MB are on the server, mid-stream.
    await until(() => server.tusLog.some((e) => e.sha === scan && e.method === 'PATCH' && e.offset >= 3_000_000), 60_000, 'the upload to be under way');
    await ws.kill9();
    const killedAt = server.tusLog.length;
    const persisted = readStore(dir, key, scan);
    expect(persisted.integrity).toBe('ok');
    const row = persisted.upload!;
    expect(row.state).toBe('pending');
    expect(row.upload_url).toMatch(/^\/v1\/uploads\//);
    expect(row.offset).toBeGreaterThanOrEqual(3_000_000);

    ws = await spawnWorkstation({ dir, key, timing: TIMING, numberBase: 1000 });
    await quiesce(ws, 'the resumed upload and the submission to be acknowledged');
    const after = server.tusLog.slice(killedAt).filter((e) => e.sha === scan);
    // The same upload, asked where it stands, continued from there: no new upload, no byte sent twice
    // (beyond the one chunk that may have been in flight when the process died).
    expect(after.filter((e) => e.method === 'POST')).toEqual([]);
    expect(after[0]).toMatchObject({ method: 'HEAD', upload: row.upload_url!.slice('/v1/uploads/'.length) });
    expect(after.find((e) => e.method === 'PATCH')!.offset).toBeGreaterThanOrEqual(row.offset);
    const sent = server.tusLog.filter((e) => e.sha === scan && e.method === 'PATCH').reduce((n, e) => n + e.bytes, 0);
    expect(sent).toBeLessThanOrEqual(20_000_000 + TIMING.chunkBytes);
    expect(sha(server.blob(scan)!)).toBe(scan);
    expect(server.record(saved.id)?.status).toBe('pending_approval');
  }, 120_000);

  it('mid-transaction, five times: every submission the clerk saw saved is on the server once, with its scans; the store is intact', async () => {
    const server = await startFakeSyncServer({ clock: () => new Date() });
    cleanup.push(() => server.close());
    const { dir, key } = await enrolledDir(server);
    const seen: string[] = [];
    for (let life = 0; life < 5; life++) {
      const ws = await spawnWorkstation({ dir, key, timing: TIMING, numberBase: life * 1_000 });
      ws.loop([120_000, 40_000]);
      // Die at an arbitrary moment while the clerk's saves and the worker's freeze/settle transactions run.
      await until(() => ws.saved.length >= 3, 30_000, 'some submissions').catch((e: Error) => {
        throw new Error(`${e.message}: ${ws.stderr()}`);
      });
      await new Promise((r) => setTimeout(r, 50 + Math.floor(Math.random() * 250)));
      await ws.kill9();
      seen.push(...ws.saved.map((s) => s.id));
      const check = readStore(dir, key);
      expect(check.integrity).toBe('ok');
      const local = new Set(check.submitted.map((a) => a.id));
      for (const id of seen) expect(local.has(id)).toBe(true);
    }
    const ws = await spawnWorkstation({ dir, key, timing: TIMING, numberBase: 9_000 });
    cleanup.push(() => ws.kill9());
    await quiesce(ws, 'everything to be sent after the last restart');
    const { submitted, integrity } = readStore(dir, key);
    expect(integrity).toBe('ok');
    // Everything committed here (what the clerk saw, and a save whose "saved" line died with the process) is on the server exactly once.
    const remote = server.ops('SP01-W1').filter((o) => o.op.type === 'application.submit');
    expect(remote.map((o) => o.op.recordId).sort()).toEqual(submitted.map((a) => a.id).sort());
    expect(new Set(remote.map((o) => o.op.opId)).size).toBe(remote.length);
    for (const a of submitted) expect(canonicalJson(server.record(a.id)!.application)).toBe(canonicalJson(a.data));
    for (const o of remote) for (const s of o.op.blobs) expect(sha(server.blob(s)!)).toBe(s);
    expect(seen.length).toBeGreaterThan(10);
  }, 180_000);
});
