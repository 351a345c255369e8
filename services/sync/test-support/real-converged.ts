import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { Sql } from 'postgres';
import { canonicalJson } from '../../../api/sync';
import { integrityCheck } from '../../store/database';
import type { Submitted } from './complete-application';
import { until, untilDoneOrStuck, type TestWorkstation } from './workstation';

// What must hold once sync against the real central API has quiesced (issue 15): every
// application exists once on the server with the same content, every scan byte for byte,
// every decision reached the workstation that owns the application, outboxes empty, each
// workstation's ledger equals the server's, every store intact.

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

export interface Station {
  id: string;
  ws: TestWorkstation;
}

/** The ledger's rolling hash (docs/sync-protocol.md §8) over (opId, clientSeq, payloadSha256) in order. */
export function rollingHash(ops: { opId: string; clientSeq: number; payloadSha256: string }[]): string {
  let h = '0'.repeat(64);
  for (const o of ops) h = sha(`${h}\n${o.opId}\n${o.clientSeq}\n${o.payloadSha256}`);
  return h;
}

export async function quiesced(stations: Station[], ms: number): Promise<void> {
  await untilDoneOrStuck(
    () => stations.every(({ ws }) => ws.worker.status().waiting === 0 && ws.store.outbox.pendingCount() === 0 && ws.worker.ops.unfrozenCount() === 0),
    () =>
      JSON.stringify(
        stations.map(({ ws }) => {
          const st = ws.worker.status();
          return [st.waiting, st.bytesLeft, st.upload?.offset, ws.store.outbox.pendingCount()];
        }),
      ),
    ms,
    'every workstation to send everything',
  ).catch((e: Error) => {
    throw new Error(`${e.message}: ${JSON.stringify(stations.map((s) => ({ id: s.id, ...s.ws.worker.status() })))}`);
  });
}

/** Quiesce, then check everything; `owner` says which station took each application in. */
export async function expectConverged(
  server: { sql: Sql; blob(sha: string): Promise<Buffer | undefined> },
  stations: Station[],
  submitted: { owner: Station; app: Submitted }[],
  o: { quiesceMs: number; allowConflicts?: boolean },
): Promise<void> {
  await quiesced(stations, o.quiesceMs);
  // The owners see the server's final status (decisions made elsewhere are pulled, not pushed).
  const statuses = new Map(
    (await server.sql<{ record_id: string; status: string }[]>`SELECT record_id::text, status FROM applications`).map((r) => [r.record_id, r.status]),
  );
  await until(
    () => submitted.every(({ owner, app }) => owner.ws.store.applications.get(app.id)?.status === statuses.get(app.id)),
    o.quiesceMs,
    'every decision to reach the workstation that owns the application',
  ).catch((e: Error) => {
    const off = submitted.filter(({ owner, app }) => owner.ws.store.applications.get(app.id)?.status !== statuses.get(app.id));
    throw new Error(
      `${e.message}: ${JSON.stringify(off.map(({ owner, app }) => [app.id, owner.ws.store.applications.get(app.id)?.status, statuses.get(app.id)]))}`,
    );
  });
  // A decision applied on arrival writes the owner's own outbox row (the status change, which
  // stays local); it is passed over at the worker's next turn. Quiet again before the outbox is read.
  await quiesced(stations, o.quiesceMs);

  for (const { id, ws } of stations) {
    const local = ws.store.db
      .prepare<[], { op_id: string; client_seq: number; body: string; state: string }>(
        'SELECT op_id, client_seq, body, state FROM sync_ops ORDER BY client_seq',
      )
      .all();
    expect(local.filter((r) => r.state === 'pending')).toEqual([]);
    expect(local.filter((r) => r.state === 'parked')).toEqual([]);
    if (!o.allowConflicts) expect(local.filter((r) => r.state === 'conflict')).toEqual([]);
    const remote = await server.sql<{ op_id: string; client_seq: string; payload_sha256: string }[]>`
      SELECT op_id::text, client_seq, payload_sha256 FROM ops WHERE workstation_id = ${id} ORDER BY client_seq`;
    const mine = local.map((r) => ({ opId: r.op_id, clientSeq: r.client_seq, payloadSha256: (JSON.parse(r.body) as { payloadSha256: string }).payloadSha256 }));
    const theirs = remote.map((r) => ({ opId: r.op_id, clientSeq: Number(r.client_seq), payloadSha256: r.payload_sha256 }));
    expect(theirs).toEqual(mine);
    expect(rollingHash(theirs)).toBe(rollingHash(mine));
    expect(ws.store.outbox.pendingCount()).toBe(0);
    expect(integrityCheck(ws.store.db)).toBe('ok');
  }

  const apps = await server.sql<{ record_id: string; form: unknown; n: number }[]>`
    SELECT record_id::text, form, count(*) OVER (PARTITION BY application_number)::int AS n FROM applications`;
  const byId = new Map(apps.map((a) => [a.record_id, a]));
  expect(apps.length).toBe(submitted.length);
  for (const { owner, app } of submitted) {
    const row = byId.get(app.id);
    expect(row, `application ${app.number} on the server`).toBeDefined();
    expect(row!.n).toBe(1);
    expect(canonicalJson(row!.form)).toBe(canonicalJson(owner.ws.store.applications.get(app.id)!.data));
    for (const s of app.shas) {
      const bytes = await server.blob(s);
      expect(bytes && sha(bytes)).toBe(s);
    }
  }
}
