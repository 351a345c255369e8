import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ApplicationSchema } from '../../../domain/model/application';
import { formatApplicationNumber } from '../../../domain/application-number';
import { openStore, type Store } from '../../store';
import { scanFixtures } from '../../store/attachments/fixtures';
import { keyFileSigningStore } from '../identity';
import { createSyncWorker, type SyncTiming, type SyncWorker } from '../sync-worker';
import type { DiskFull } from './disk-full';
import type { PinnedServer } from '../../workstation/machine-config';

// One workstation for the sync tests: a real encrypted store and a sync worker, with helpers
// that write what a clerk and a supervisor write (same outbox rows as the intake and approval
// services), so the worker sees exactly the production outbox.

export const FAST_TIMING: Partial<SyncTiming> = { baseMs: 20, capMs: 400, idleMs: 20, pullWaitSeconds: 1, requestTimeoutMs: 1_500, chunkBytes: 64 * 1024 };

/** A distinct, valid PDF scan of about `bytes` bytes. */
export function scanOf(bytes: number, salt: string): Buffer {
  const p = scanFixtures.pdf;
  const i = p.indexOf('\n') + 1;
  const padLen = Math.max(0, bytes - p.length - 16);
  return Buffer.concat([p.subarray(0, i), Buffer.from(`%${salt} ${'x'.repeat(padLen)}\n`), p.subarray(i)]);
}

export interface TestWorkstation {
  dir: string;
  key: Buffer;
  store: Store;
  worker: SyncWorker;
  /** Close the worker and the store, then open both again on the same files (a restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
  submit(opts: { clerk: string; scans: number[]; day?: string }): { id: string; number: string; shas: string[] };
  decide(id: string, decision: 'approve' | 'reject' | 'return', supervisor: string): void;
}

let numberSeq = 0;

export function openTestWorkstation(opts: {
  clock: () => Date;
  timing?: Partial<SyncTiming>;
  random?: () => number;
  dir?: string;
  key?: Buffer;
  /** A disk that tests can fill (scan files and database). */
  disk?: DiskFull;
  /** Workstation code in application numbers (several workstations in one test). */
  code?: string;
  /** Application sequence numbers start after this (a workstation process started again must not reuse them). */
  numberBase?: number;
  /** The central server the machine configuration pins (issue 12 item 2). */
  pinnedServer?: PinnedServer | 'untrusted' | null;
}): TestWorkstation {
  if (opts.numberBase !== undefined) numberSeq = Math.max(numberSeq, opts.numberBase);
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'counterdesk-sync-'));
  const key = opts.key ?? randomBytes(32);
  const open = () => {
    const store = openStore({ dir, key, workstationId: 'W0001', clock: opts.clock, ...(opts.disk ? { fs: opts.disk.fs } : {}) });
    opts.disk?.apply(store.db);
    const worker = createSyncWorker({
      store,
      keys: keyFileSigningStore(join(dir, 'sync-signing.key')),
      clock: opts.clock,
      timing: { ...FAST_TIMING, ...opts.timing },
      ...(opts.random ? { random: opts.random } : {}),
      ...(opts.pinnedServer !== undefined ? { pinnedServer: opts.pinnedServer } : {}),
    });
    return { store, worker };
  };
  let cur = open();
  const ws: TestWorkstation = {
    dir,
    key,
    get store() {
      return cur.store;
    },
    get worker() {
      return cur.worker;
    },
    async restart() {
      await cur.worker.close();
      cur.store.close();
      cur = open();
      cur.worker.start();
    },
    async close() {
      await cur.worker.close();
      cur.store.close();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
    submit({ clerk, scans, day = '2026-11-23' }) {
      const store = cur.store;
      const actor = `staff:${clerk}`;
      const n = ++numberSeq;
      const draft = store.applications.createDraft({
        kind: 'first_application',
        data: ApplicationSchema.parse({ kind: 'first_application' }),
        search: { entityNames: [`實體${n}`], registrationNumbers: [], idNumbers: [] },
        actor,
      });
      const shas: string[] = [];
      for (const [i, size] of scans.entries()) {
        const att = store.attachments.put(scanOf(size, `${draft.id}-${i}`), { applicationId: draft.id, slot: 'br_certificate', actor });
        shas.push(att.pages[0]!.sha256);
      }
      const data = ApplicationSchema.parse({
        kind: 'first_application',
        entity: { names: { zh: `實體${n}` }, address: {}, contact: {} },
        documents: shas.length > 0 ? { br_certificate: { sighting: 'original', attachments: shas } } : {},
      });
      store.applications.saveDraft(draft.id, { data, search: { entityNames: [`實體${n}`], registrationNumbers: [], idNumbers: [] }, actor });
      const number = formatApplicationNumber({ servicePoint: 'SP01', workstation: opts.code ?? 'W1', date: day, sequence: (n % 9999) + 1 });
      store.applications.setStatus(draft.id, { status: 'pending_approval', actor, applicationNumber: number });
      return { id: draft.id, number, shas };
    },
    decide(id, decision, supervisor) {
      const store = cur.store;
      const status = decision === 'approve' ? 'approved' : decision === 'reject' ? 'rejected' : 'returned';
      store.db.transaction(() => {
        store.applications.setStatus(id, { status, actor: `staff:${supervisor}`, ...(decision === 'return' ? { reason: 'page 2 missing' } : {}) });
        store.outbox.enqueue('application.decided', id, {
          decision,
          status,
          reasonCode: decision === 'reject' ? 'documents_missing' : null,
          text: null,
          notes: decision === 'return' ? 'page 2 missing' : null,
          decidedBy: `staff:${supervisor}`,
          onSessionOf: null,
          at: opts.clock().toISOString(),
        });
      })();
    },
  };
  return ws;
}

/** Wait until `done()` holds, checking every few ms; fails with `what` after `ms`. */
export async function until(done: () => boolean, ms: number, what: string): Promise<void> {
  const start = performance.now();
  while (!done()) {
    if (performance.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Wait until `done()` holds while work moves on: fails only when `progress()` (what is left, as
 * text) has not changed for `stallMs` — stuck, not merely slow on a loaded machine — or after `capMs`.
 */
export async function untilDoneOrStuck(done: () => boolean, progress: () => string, stallMs: number, what: string, capMs = 15 * 60_000): Promise<void> {
  const start = performance.now();
  let last = progress();
  let since = start;
  while (!done()) {
    const now = performance.now();
    const p = progress();
    if (p !== last) [last, since] = [p, now];
    if (now - since > stallMs) throw new Error(`stuck waiting for ${what} (no progress for ${stallMs} ms)`);
    if (now - start > capMs) throw new Error(`timed out waiting for ${what} after ${capMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
