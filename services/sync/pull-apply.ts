import { z } from 'zod';
import { ChangeSchema, MAX_PULL_LIMIT, PullResponseSchema, type Change, type PullResponse } from '../../api/sync';
import type { ApplicationStatus } from '../../domain/model/codes';
import type { Store } from '../store';
import { createPulledUsers } from '../auth/pulled-users';
import { createPulledReference } from '../workstation/pulled-reference';
import { createPulledSettings } from '../workstation/pulled-settings';
import { unflushed } from './unflushed-write';

// Pulled changes and the cursor that delivered them are written in ONE transaction: a crash
// between the two could otherwise skip a change (cursor first) or apply it twice (cursor last).
// Changes are idempotent upserts, so a response pulled again after a lost answer is harmless.
//
// The sync worker applies a page in slices (applyPage): a page of 100 changes in one transaction
// held the core's thread — the clerk's screen — for 30–50 ms. Each slice is its own transaction
// and records how far into the page it got ('pull.partial', beside the cursor it started from);
// the last slice moves the cursor and clears that mark. A crash between slices leaves the cursor
// where it was: the same page is pulled again and the changes already applied are skipped (their
// side effects — audit entries, a user's import — are not repeated). Should the page come back
// different, every change is applied again, which the upserts make harmless.

const DECIDED: readonly ApplicationStatus[] = ['approved', 'rejected', 'returned'];

/** The page's envelope; its changes are checked one slice at a time (parsePage). */
const EnvelopeSchema = PullResponseSchema.extend({ changes: z.array(z.unknown()).max(MAX_PULL_LIMIT) });

/**
 * A pull answer checked as PullResponseSchema would, `slice` changes at a time with `between()`
 * awaited in between: a page of 100 applications checked in one go held the core's thread for
 * tens of milliseconds. Every change is checked before any is applied, so a page with one bad
 * change is refused whole, as before.
 */
export async function parsePage(raw: unknown, o: { slice: number; between: () => Promise<void> }): Promise<PullResponse> {
  const envelope = EnvelopeSchema.parse(raw);
  const changes: Change[] = [];
  for (let at = 0; at < envelope.changes.length; at += o.slice) {
    if (at > 0) await o.between();
    for (const c of envelope.changes.slice(at, at + o.slice)) changes.push(ChangeSchema.parse(c));
  }
  return { ...envelope, changes };
}

export function createPullApplier(store: Store, clock: () => Date) {
  const db = store.db;
  const now = () => clock().toISOString();
  const s = {
    upsert: db.prepare(
      `INSERT INTO sync_pulled (kind, record_id, version, body, pulled_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (kind, record_id) DO UPDATE SET version = excluded.version, body = excluded.body, pulled_at = excluded.pulled_at`,
    ),
    remove: db.prepare('DELETE FROM sync_pulled WHERE kind = ? AND record_id = ?'),
    setState: db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    getState: db.prepare<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?'),
    clearState: db.prepare('DELETE FROM sync_state WHERE key = ?'),
  };

  // Users, roles and verifiers become this workstation's users for offline sign-in (services/auth/pulled-users.ts).
  const users = createPulledUsers(store, now);
  // Entities with accounts and their staff logins replace what the reference file would (services/workstation/pulled-reference.ts).
  const reference = createPulledReference(store, now);
  // Settings the server publishes land where this workstation reads them, with the cursor (services/workstation/pulled-settings.ts).
  const settings = createPulledSettings(store, now);

  /** A decision taken elsewhere reaches the application this workstation took in. */
  const applyApplication = (c: Extract<Change, { kind: 'application' }>) => {
    const d = c.data;
    if (!d) return;
    const local = store.applications.get(d.recordId);
    if (!local || local.status === d.status || !DECIDED.includes(d.status)) return;
    const last = [...d.history].reverse().find((h) => h.status === d.status);
    // The reason as a local decision stores it (approval-service: a rejection is `[code] text`),
    // so the clerk's screens read a decision taken elsewhere exactly as one taken here.
    const reason =
      d.status === 'rejected' && last?.reasonCode ? `[${last.reasonCode}] ${last.notes ?? ''}`.trim() : (last?.notes ?? last?.reasonCode ?? undefined);
    store.applications.setStatus(d.recordId, {
      status: d.status,
      actor: `staff:${last?.actor ?? 'server'}`,
      ...(reason ? { reason } : {}),
    });
  };

  const applyChange = (c: Change) => {
    if (c.kind === 'user') users.apply(c);
    else if (c.kind === 'setting') settings.apply(c);
    else reference.apply(c);
    if (c.deleted || c.data === null) {
      s.remove.run(c.kind, c.id);
      return;
    }
    const version = c.kind === 'application' ? c.data.version : 0;
    s.upsert.run(c.kind, c.id, version, JSON.stringify(c.data), now());
    if (c.kind === 'application') applyApplication(c);
  };
  const delivered = (res: PullResponse) => {
    s.setState.run('pull.cursor', res.cursor);
    s.setState.run('pull.epoch', res.epoch);
    s.setState.run('pull.at', now());
    s.clearState.run('pull.partial');
  };
  /** How many changes of this page (pulled from `from`) a cut-off earlier apply got through. */
  const resumeAt = (from: string | null, res: PullResponse): number => {
    const raw = s.getState.get('pull.partial')?.value;
    if (!raw) return 0;
    try {
      const p = JSON.parse(raw) as Partial<Partial_>;
      return p.from === from && p.to === res.cursor && p.epoch === res.epoch && typeof p.applied === 'number' ? Math.min(p.applied, res.changes.length) : 0;
    } catch {
      return 0;
    }
  };

  return {
    /** A whole page and its cursor in one transaction. */
    apply: db.transaction((res: PullResponse): number => {
      for (const c of res.changes) applyChange(c);
      delivered(res);
      return res.changes.length;
    }),
    /**
     * A page pulled from cursor `from`, `slice` changes per transaction with `between()` awaited
     * between them (the event loop is free there). Stops early, the page's progress kept, once
     * `stopped()` says so; returns whether the whole page and its cursor were written.
     */
    async applyPage(from: string | null, res: PullResponse, o: { slice: number; between: () => Promise<void>; stopped: () => boolean }): Promise<boolean> {
      let at = resumeAt(from, res);
      for (;;) {
        const end = Math.min(res.changes.length, at + o.slice);
        const last = end === res.changes.length;
        const from_ = at;
        const write = () =>
          db
            .transaction(() => {
              for (let i = from_; i < end; i++) applyChange(res.changes[i]!);
              if (last) delivered(res);
              else s.setState.run('pull.partial', JSON.stringify({ from, to: res.cursor, epoch: res.epoch, applied: end } satisfies Partial_));
            })
            .immediate();
        // Not flushed on the core's thread (an fsync there held the clerk's screen for the disk once
        // per page): a slice lost in a power cut is lost with its mark and its cursor, and pulled and
        // applied again; anything the clerk does on what it applied commits flushed, and with it
        // everything before it in the log.
        unflushed(db, write);
        if (last) return true;
        at = end;
        await o.between();
        if (o.stopped()) return false;
      }
    },
  };
}

/** How far into a page an apply in slices got ('pull.partial'). */
interface Partial_ {
  from: string | null;
  to: string;
  epoch: string;
  applied: number;
}
