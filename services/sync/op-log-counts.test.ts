import { afterEach, describe, expect, it } from 'vitest';
import { ApplicationSchema } from '../../domain/model/application';
import { detailsView } from './sync-view';
import { openTestWorkstation, type TestWorkstation } from './test-support/workstation';

// Issue 15: acked ops stay in sync_ops for good, and the status bar asks for the counts twice a
// second on the core's thread: acked ops are only counted (their bytes are not summed row by row).

describe('op counts for the status bar', () => {
  let ws: TestWorkstation | undefined;
  afterEach(async () => ws?.close());

  it('counts every state, with the scan bytes of the queue and of what waits for a person', () => {
    ws = openTestWorkstation({ clock: () => new Date('2026-11-23T02:00:00.000Z') });
    const db = ws.store.db;
    const add = db.prepare(
      `INSERT INTO sync_ops (client_seq, op_id, kind, record_id, body, blobs, bytes, outbox_from, outbox_to, state, created_at)
       VALUES (?, ?, 'application.submit', ?, '{}', '[]', ?, 1, 1, ?, 't')`,
    );
    const states = ['acked', 'acked', 'acked', 'pending', 'pending', 'parked', 'conflict'] as const;
    states.forEach((state, i) => add.run(i + 1, `op${i}`, `r${i}`, 100 * (i + 1), state));
    expect(ws.worker.ops.counts()).toEqual({
      acked: { n: 3, bytes: 0 },
      pending: { n: 2, bytes: 400 + 500 },
      parked: { n: 1, bytes: 600 },
      conflict: { n: 1, bytes: 700 },
    });
    expect(ws.worker.status()).toMatchObject({ waiting: 2, waitingBytes: 900, refused: 1, conflicts: 1 });
  });

  it('after an outage, says every submission waiting and all its scans, not only the first hundred that became ops', async () => {
    ws = openTestWorkstation({ clock: () => new Date('2026-11-23T02:00:00.000Z') });
    const sizes = [30_000, 20_000];
    const submitted = Array.from({ length: 130 }, () => ws!.submit({ clerk: 'C1', scans: sizes }));
    // A draft saved meanwhile stays here: it is not waiting to be sent.
    const search = { entityNames: ['草稿'], registrationNumbers: [], idNumbers: [] };
    const draft = ws.store.applications.createDraft({
      kind: 'first_application',
      data: ApplicationSchema.parse({ kind: 'first_application' }),
      search,
      actor: 'staff:C1',
    });
    ws.store.applications.saveDraft(draft.id, { data: ApplicationSchema.parse({ kind: 'first_application' }), search, actor: 'staff:C1' });
    const size = ws.store.db.prepare<[string], { size: number }>('SELECT size FROM blobs WHERE sha256 = ?');
    const scanBytes = submitted.flatMap((a) => a.shas).reduce((n, sha) => n + size.get(sha)!.size, 0);
    expect(scanBytes).toBeGreaterThan(130 * 50_000);
    expect(ws.worker.status()).toMatchObject({ waiting: 130, bytesLeft: scanBytes });
    // The worker freezes the first ops ahead of a push (at most 100): the counts do not change.
    while (ws.worker.ops.pendingCount() < 100) ws.worker.ops.freeze(2);
    expect(ws.worker.ops.pendingCount()).toBe(100);
    expect(ws.worker.status()).toMatchObject({ waiting: 130, bytesLeft: scanBytes });
    // The details panel lists all 130, in the order they will go, each with its number and its scans' size.
    const listed = detailsView(ws.worker, ws.store).waiting;
    expect(listed.map((i) => i.applicationNumber)).toEqual(submitted.map((a) => a.number));
    expect(listed.every((i) => i.kind === 'application.submit' && i.bytes === listed[0]!.bytes && i.bytes >= 50_000)).toBe(true);
  });
});
