import type { Store } from '../store';
import { SyncCallError } from './http-link';
import { openServerSession, renewServerSession, sessionNeedsRefresh, type ServerSession, type SessionLink } from './server-session';

// The server sessions of the people signed in at this workstation (docs/sync-protocol.md §4,
// issue 14: every push attributable to a person and a workstation).
//
// - A person proves themselves at the counter (sign-in, unlock, elevation): the workstation opens
//   a server session for them with that password, then forgets the password. The token stays in
//   this process's memory only and is renewed with itself (§4 rev 1.2) while they stay signed in.
// - Signed in offline (or the server did not answer): the password is kept in memory until a
//   session opens or they sign out, so work done during an outage is attested as soon as the
//   server answers again, without asking them anything.
// - Each op carries the session of its actor: the one open when it was made, or — for work done
//   without one — the next session that person opens at this workstation (they proved their
//   password here again). Until then the op waits in order (the server answers needs_session);
//   the status bar names who must sign in. Nothing is dropped or made up: the workstation can
//   attach only sessions the server opened for that very person at this very workstation.
//
// Session ids are not secrets (the token is): each person's latest one is kept in sync_state so
// work made before a restart is still attested after it.

/** What a sync status shows about sessions. */
export interface PersonSessionsStatus {
  /** People whose server sign-in is still to be tried again (the server did not answer). */
  pendingSignIn: string[];
  /** People the server refused to sign in (sign_in_failed): their work waits for a person. */
  refused: string[];
}

interface SessionRecord {
  sessionId: string;
  openedAt: string;
  closedAt: string | null;
}

const KEY = (staff: string) => `person.session.${staff}`;
/** A sign-in the server did not answer is tried again at most this often (default). */
export const SIGN_IN_RETRY_MS = 15_000;

export function createPersonSessions(opts: {
  store: Store;
  clock: () => Date;
  /** Null while the workstation is not enrolled. */
  link: () => SessionLink | null;
  log?: (msg: string) => void;
  retryMs?: number;
}) {
  const { store, clock } = opts;
  const db = store.db;
  const log = opts.log ?? (() => {});
  const now = () => clock().toISOString();
  const live = new Map<string, ServerSession>();
  /** Proven at the counter, not yet signed in to the server: password and when to try again. */
  const pending = new Map<string, { password: string; nextTryMs: number }>();
  const refused = new Set<string>();
  const inFlight = new Map<string, Promise<void>>();

  const s = {
    get: db.prepare<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?'),
    set: db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    open: db.prepare<[], { key: string; value: string }>(`SELECT key, value FROM sync_state WHERE key LIKE 'person.session.%'`),
    // Read without parsing whole bodies (a queue after an outage holds thousands of forms).
    unattested: db.prepare<[], { client_seq: number; actor: string | null; at: string | null }>(
      `SELECT client_seq, json_extract(body, '$.actor') AS actor, json_extract(body, '$.at') AS at
       FROM sync_ops WHERE state = 'pending' AND json_extract(body, '$.sessionId') IS NULL ORDER BY client_seq`,
    ),
    setSession: db.prepare(`UPDATE sync_ops SET body = json_set(body, '$.sessionId', ?) WHERE client_seq = ? AND state = 'pending'`),
  };
  const record = (staff: string): SessionRecord | null => {
    const v = s.get.get(KEY(staff))?.value;
    return v ? (JSON.parse(v) as SessionRecord) : null;
  };
  const save = (staff: string, r: SessionRecord) => s.set.run(KEY(staff), JSON.stringify(r));

  // The core restarted: nobody is signed in any more, so every session closes now.
  db.transaction(() => {
    for (const row of s.open.all()) {
      const r = JSON.parse(row.value) as SessionRecord;
      if (r.closedAt === null) s.set.run(row.key, JSON.stringify({ ...r, closedAt: now() }));
    }
  })();

  /** The session attesting an op of `actor` made at `at`, if there is one yet. */
  const sessionFor = (actor: string, at: string): string | null => {
    const r = record(actor);
    if (!r) return null;
    // Made after the person's last server session closed (signed in offline since): wait for the next one.
    if (r.closedAt !== null && at > r.closedAt) return null;
    return r.sessionId;
  };

  /** Writes each waiting op's session into it (never changes one that has a session). Returns how many. */
  const attach = (): number => {
    // Nobody ever had a server session here (not enrolled, sessions unused): nothing to look at.
    if (s.open.all().length === 0) return 0;
    return db.transaction(() => {
      let n = 0;
      for (const row of s.unattested.all()) {
        const id = row.actor && row.at ? sessionFor(row.actor, row.at) : null;
        if (!id) continue;
        // The session is outside the payload and its hash: a resend of an op the server already holds is still a duplicate.
        s.setSession.run(id, row.client_seq);
        n++;
      }
      return n;
    })();
  };

  const opened = (staff: string, session: ServerSession) => {
    live.set(staff, session);
    pending.delete(staff);
    refused.delete(staff);
    const prev = record(staff);
    if (prev?.sessionId !== session.sessionId || prev.closedAt !== null) save(staff, { sessionId: session.sessionId, openedAt: now(), closedAt: null });
    attach();
  };

  const open = (staff: string, password: string): Promise<void> => {
    const link = opts.link();
    if (!link) return Promise.resolve();
    const running = inFlight.get(staff);
    if (running) return running;
    const p = openServerSession(link, staff, password)
      .then((session) => {
        // Signed out while the answer was on its way: nothing to keep.
        if (pending.get(staff)?.password === password) opened(staff, session);
      })
      .catch((e: unknown) => {
        if (e instanceof SyncCallError && e.kind === 'refused') {
          // The server does not accept this password (changed centrally, user deactivated): a person must look.
          pending.delete(staff);
          refused.add(staff);
          log(`server sign-in of ${staff} refused (${e.refusal?.code ?? e.status})`);
        } else {
          const w = pending.get(staff);
          if (w) w.nextTryMs = clock().getTime() + (opts.retryMs ?? SIGN_IN_RETRY_MS);
          log(`server sign-in of ${staff} not answered; tried again later`);
        }
      })
      .finally(() => inFlight.delete(staff));
    inFlight.set(staff, p);
    return p;
  };

  const renew = async (staff: string, session: ServerSession): Promise<void> => {
    const link = opts.link();
    if (!link) return;
    try {
      const next = await renewServerSession(link, session);
      if (live.get(staff) === session) live.set(staff, next);
    } catch (e) {
      if (e instanceof SyncCallError && e.kind === 'refused') {
        // Ended on the server (deactivated, password reset, workstation revoked): what was done stays attested.
        live.delete(staff);
        const r = record(staff);
        if (r && r.closedAt === null) save(staff, { ...r, closedAt: now() });
        log(`server session of ${staff} ended by the server`);
      }
      // Not answered: tried again at the next turn, the session id still attests the person's ops.
    }
  };

  return {
    /**
     * A person proved their password at the counter (sign-in, unlock, elevation, re-authentication).
     * Opens their server session unless one is live; resolves once the server answered (or did not).
     */
    proven(staff: string, password: string): Promise<void> {
      if (live.has(staff)) return Promise.resolve();
      pending.set(staff, { password, nextTryMs: 0 });
      return open(staff, password);
    },
    /** The person signed out (or their elevation ended): forget password and token. */
    ended(staff: string): void {
      pending.delete(staff);
      live.delete(staff);
      const r = record(staff);
      if (r && r.closedAt === null) save(staff, { ...r, closedAt: now() });
    },
    /** One turn of the sync loop: renew tokens about to run out, try sign-ins the server did not answer. */
    async tick(): Promise<void> {
      const t = clock();
      for (const [staff, session] of live) if (sessionNeedsRefresh(session, t)) await renew(staff, session);
      for (const [staff, w] of pending) if (w.nextTryMs <= t.getTime()) await open(staff, w.password);
    },
    attach,
    /**
     * The server asked for this person's session: their sign-in, if it waits for its next try (the
     * server did not answer it), is tried now. True if that opened their session — never for
     * someone already signed in to the server, so a push refused again cannot loop on this.
     */
    async signInNow(staff: string): Promise<boolean> {
      const w = pending.get(staff);
      if (!w || live.has(staff)) return false;
      await open(staff, w.password);
      return live.has(staff);
    },
    /** "Retry now": sign-ins the server did not answer are tried at the next turn, not after their wait. */
    retrySoon(): void {
      for (const w of pending.values()) w.nextTryMs = 0;
    },
    /** The live session (token) of a person, for requests made for them. */
    live: (staff: string): ServerSession | undefined => live.get(staff),
    status: (): PersonSessionsStatus => ({ pendingSignIn: [...pending.keys()], refused: [...refused] }),
  };
}

export type PersonSessions = ReturnType<typeof createPersonSessions>;
