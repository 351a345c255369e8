import { randomUUID } from 'node:crypto';
import {
  LedgerResponseSchema,
  PushResponseSchema,
  SYNC_HEADERS,
  SYNC_PROTOCOL_VERSION,
  TUS_BODY_TYPE,
  TUS_ENDPOINT,
  type OpResult,
  type PushRequestInput,
  type Refusal,
} from '../../api/sync';
import type { Store } from '../store';
import { backoffDelay, createWaker } from './backoff';
import type { PinnedServer } from '../workstation/machine-config';
import { enrol as enrolWith, loadPin, pinnedServerMismatch, type EnrolInput } from './enrolment';
import {
  StaleConnection,
  SyncCallError,
  call,
  createConnectionPool,
  failureOf,
  jsonBody,
  type ConnectionPool,
  type HttpResponse,
  type ServerPin,
} from './http-link';
import { signingKeyFromSeed, type SigningKey, type SigningKeyStore } from './identity';
import { createOpLog, type FrozenOp } from './op-log';
import { createPullApplier, parsePage } from './pull-apply';
import { createUploads, uploadResumable, type UploadProgress } from './tus-upload';
import { markDurableFromLedger } from './ledger-durability';
import { ScanSendError, createScanReader } from './scan-reader';
import { unflushed } from './unflushed-write';
import { createUploadLanes } from './upload-lanes';
import { createWalFlush } from './wal-flush';
import { createPersonSessions } from './person-sessions';

// The background sync of one workstation, in the core's process (never on a UI thread): one
// loop drains the outbox (freeze → upload missing scans → push), one long-polls for changes.
// Every failure is kept as the last error with the time of the next try; nothing is dropped.

export interface SyncTiming {
  baseMs: number;
  capMs: number;
  /** How often an idle queue looks at the outbox again. */
  idleMs: number;
  /** Long-poll wait the server may hold a pull (seconds). */
  pullWaitSeconds: number;
  requestTimeoutMs: number;
  /** Scan bytes the tus creation carries: a scan up to this size is one request. */
  chunkBytes: number;
  /** Scan bytes per PATCH after the creation: fewer, larger requests; the progress bar moves once per PATCH. */
  patchBytes: number;
  /** Stop adding ops to a push once this many scan bytes were uploaded in the round (progress shows sooner). */
  roundBytes: number;
}

export const DEFAULT_TIMING: SyncTiming = {
  baseMs: 1_000,
  capMs: 300_000,
  idleMs: 1_000,
  pullWaitSeconds: 25,
  requestTimeoutMs: 60_000,
  chunkBytes: 1024 * 1024,
  patchBytes: 4 * 1024 * 1024,
  roundBytes: 20 * 1024 * 1024,
};

export interface SyncErrorInfo {
  code: string;
  messageKey: string;
  params?: Record<string, string | number>;
  at: string;
}

export interface SyncStatus {
  state: 'not_configured' | 'online' | 'offline' | 'syncing' | 'attention';
  server: string | null;
  workstationId: string | null;
  waiting: number;
  waitingBytes: number;
  bytesLeft: number;
  upload: UploadProgress | null;
  refused: number;
  conflicts: number;
  lastSentAt: string | null;
  lastPulledAt: string | null;
  lastError: SyncErrorInfo | null;
  nextRetryAt: string | null;
}

export interface SyncWorkerOptions {
  store: Store;
  keys: SigningKeyStore;
  clock: () => Date;
  timing?: Partial<SyncTiming>;
  /** Jitter source; tests seed it. */
  random?: () => number;
  /** The central server the machine configuration pins (issue 12 item 2): an earlier enrolment with another server sends nothing. */
  pinnedServer?: PinnedServer | 'untrusted' | null;
  log?: (msg: string, err?: unknown) => void;
  /** A clerk is typing at this workstation (clerk-at-work.ts): scans then go one lane fewer. */
  clerkAtWork?: () => boolean;
}

export type SyncWorker = ReturnType<typeof createSyncWorker>;

/**
 * Scans on the wire at once: enough to keep the server's disk and database busy, not the clerk's
 * core. While a clerk types at this workstation, one fewer: on two cores the third lane made the
 * drain ~10 % faster and key press → checklist p99 ~1.17× idle, against ~1.10× with two
 * (sync-drain and drain-ui benches).
 */
const UPLOAD_CONCURRENCY = 3;
/** Ops in one push (the protocol's limit). */
const PUSH_OPS = 100;
/** A push's answers settled per transaction (each op's settlement is a fraction of a millisecond). */
const SETTLE_SLICE = 5;
/** Outbox rows frozen per transaction before the core's thread is let go (each is a few ms). */
const FREEZE_SLICE = 2;
const breathe = () => new Promise<void>((r) => setImmediate(r));
/** Changes per pull page: each page's JSON is parsed in one piece on the core's thread, so pages stay small. */
const PULL_PAGE = 50;
/** Pulled changes checked (~1 ms each: an application's whole schema) and applied per transaction, the core's thread free in between. */
const APPLY_SLICE = 2;

/** Refusals no retry mends: the workstation must be enrolled again (or the machine configuration corrected). */
const NEEDS_AN_ADMINISTRATOR = new Set(['workstation_revoked', 'unknown_workstation', 'enrolment_server_key_mismatch', 'enrolment_tls_key_mismatch']);

const asError = (e: unknown) => (e instanceof SyncCallError ? e : new SyncCallError('network', e instanceof Error ? e.message : String(e)));

export function createSyncWorker(opts: SyncWorkerOptions) {
  const { store, clock } = opts;
  const timing: SyncTiming = { ...DEFAULT_TIMING, ...opts.timing };
  const random = opts.random ?? Math.random;
  const log = opts.log ?? (() => {});
  const now = () => clock().toISOString();
  const ops = createOpLog(store, clock);
  const uploads = createUploads(store.db, now);
  const puller = createPullApplier(store, clock);
  const walFlush = createWalFlush(store.db, store.path);
  const pushWaker = createWaker();
  const pullWaker = createWaker();
  const aborter = new AbortController();

  let pin = loadPin(ops);
  let key: SigningKey | undefined;
  let closed = false;
  let running = false;
  let pushFailures = 0;
  let pullFailures = 0;
  let lastError: SyncErrorInfo | null = null;
  let nextRetryAt: string | null = null;
  let upload: UploadProgress | null = null;
  let online = false;
  /** Server clock minus ours, learnt from signed answers: a skewed workstation clock must not stop sync. */
  let skewMs = Number(ops.state('server.skewMs') ?? 0);
  const loops: Promise<void>[] = [];

  const signingKey = (): SigningKey => (key ??= signingKeyFromSeed(opts.keys.load()));

  // One set of kept-alive connections to the enrolled server (a new enrolment gets its own).
  let pool: { pin: ServerPin; connections: ConnectionPool } | undefined;
  const connectionsTo = (p: ServerPin): ConnectionPool => {
    if (pool?.pin !== p) {
      pool?.connections.close();
      pool = { pin: p, connections: createConnectionPool(p.baseUrl, p.tlsSpkiSha256, { maxSockets: 8, connectTimeoutMs: timing.requestTimeoutMs }) };
    }
    return pool.connections;
  };
  // People's server sessions (docs/sync-protocol.md §4): opened at sign-in, renewed here, written into their ops.
  const sessions = createPersonSessions({
    store,
    clock,
    link: () =>
      pin && !pinnedServerMismatch(pin, opts.pinnedServer)
        ? { pin, key: signingKey(), nowSeconds: Math.floor((clock().getTime() + skewMs) / 1000), timeoutMs: Math.max(timing.requestTimeoutMs, 15_000) }
        : null,
    log,
    retryMs: 15 * timing.baseMs,
  });
  /** The head op waits for its actor's server session (needs_session): pushed again once it has one, or a minute later. */
  let awaitingSession: { actor: string; seq: number; sinceMs: number; at: string } | null = null;

  const send = async (
    method: string,
    target: string,
    o: {
      body?: Buffer;
      /** Bytes [start, end) of this stored scan go with the request, sent by the scan thread (never through this thread). */
      scan?: { sha256: string; size: number; start: number; end: number };
      headers?: Record<string, string>;
      digestBody?: boolean;
      timeoutMs?: number;
      verify?: true | 'when_present';
    } = {},
  ) => {
    const p = pin!;
    // Nothing — not a scan, not a person's password — goes to a server the machine does not pin.
    const notPinned = pinnedServerMismatch(p, opts.pinnedServer);
    if (notPinned) {
      throw new SyncCallError('refused', notPinned.message, undefined, {
        code: notPinned.code,
        messageKey: notPinned.code === 'enrolment_server_key_mismatch' ? 'hardening.sync.serverKeyMismatch' : 'hardening.sync.tlsKeyMismatch',
        ...(notPinned.params ? { params: notPinned.params } : {}),
      });
    }
    const res = await call(
      p.baseUrl,
      {
        method,
        target,
        ...(o.body ? { body: o.body } : {}),
        headers: o.headers ?? {},
        sign: { key: signingKey(), pin: p, digestBody: o.digestBody ?? true },
        timeoutMs: o.timeoutMs ?? timing.requestTimeoutMs,
        nowSeconds: Math.floor((clock().getTime() + skewMs) / 1000),
        signal: aborter.signal,
        verifyResponse: o.verify ?? true,
        pool: connectionsTo(p),
        ...(o.scan ? { carrier: carried(p, o.scan) } : {}),
      },
      p.tlsSpkiSha256,
    );
    // Shut down while the answer was on its way: the store may be closing, so touch nothing.
    if (closed) throw new SyncCallError('network', 'sync stopped');
    learnSkew(res);
    return res;
  };

  function learnSkew(res: HttpResponse) {
    const v = res.headers[SYNC_HEADERS.serverTime];
    const t = Date.parse(Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
    if (!Number.isFinite(t)) return;
    const next = t - clock().getTime();
    // Only a skew that matters is remembered (the server refuses beyond 300 s); small drift is noise.
    if (Math.abs(next) > 60_000 || Math.abs(skewMs) > 60_000) {
      skewMs = Math.abs(next) > 60_000 ? next : 0;
      ops.setState('server.skewMs', String(skewMs));
    }
  }

  const errorInfo = (e: SyncCallError): SyncErrorInfo => {
    if (e.refusal) return { code: e.refusal.code, messageKey: e.refusal.messageKey, ...(e.refusal.params ? { params: e.refusal.params } : {}), at: now() };
    if (e.kind === 'identity') return { code: 'server_identity', messageKey: 'sync.status.error.identity', at: now() };
    if (e.kind === 'server') return { code: 'server_error', messageKey: 'sync.status.error.server', params: { status: e.status ?? 0 }, at: now() };
    return { code: 'network', messageKey: 'sync.status.error.network', at: now() };
  };

  /** How long to wait after a failure. A refusal a person must look at waits the longest, but is retried. */
  const delayAfter = (e: SyncCallError, failures: number): number => {
    if (e.retryAfterMs) return Math.min(timing.capMs, e.retryAfterMs);
    if (e.refusal?.code === 'clock_skew' || e.refusal?.code === 'replayed_request') return Math.min(timing.capMs, timing.baseMs);
    if (e.kind === 'refused') return timing.capMs;
    return backoffDelay(failures, random, timing.baseMs, timing.capMs);
  };

  // ---- scans ----------------------------------------------------------------------------

  const scans = createScanReader(store);
  const scanOnHand = store.db.prepare<[string], { size: number }>(
    `SELECT b.size FROM attachment_pages p JOIN attachments a ON a.id = p.attachment_id JOIN blobs b ON b.sha256 = p.blob_sha256
     WHERE p.blob_sha256 = ? AND a.removed_at IS NULL LIMIT 1`,
  );
  /** The size of a scan still attached here (what a tus upload declares). */
  const blobSize = (sha: string): number => {
    const where = scanOnHand.get(sha);
    if (!where)
      throw new SyncCallError('refused', `scan ${sha.slice(0, 12)} is not on this workstation`, undefined, {
        code: 'scan_missing',
        messageKey: 'sync.status.error.scanMissing',
      });
    return where.size;
  };

  /**
   * The scan thread carries a request with scan bytes: the core signed its headers (the body is
   * not in the signature), the thread reads the range, sends it on its own kept-alive, pinned
   * connections and hands back the answer, which the core checks as any other. Where no worker
   * thread can run, the core reads the scan and sends it itself, as before.
   */
  const carried = (p: ServerPin, scan: { sha256: string; size: number; start: number; end: number }) => ({
    bodyLength: scan.end - scan.start,
    exchange: async (url: URL, method: string, headers: Record<string, string>, timeoutMs: number, signal?: AbortSignal): Promise<HttpResponse> => {
      const pool = { baseUrl: p.baseUrl, tlsPin: p.tlsSpkiSha256, maxSockets: UPLOAD_CONCURRENCY + 1, connectTimeoutMs: timing.requestTimeoutMs };
      const sent = scans.send({ ...scan, url: url.href, method, headers, timeoutMs, pool, ...(signal ? { signal } : {}) });
      if (!sent) {
        const bytes = (await scans.read(scan.sha256)).subarray(scan.start, scan.end);
        return call(
          p.baseUrl,
          { method, target: url.pathname + url.search, body: bytes, headers, timeoutMs, nowSeconds: 0, pool: connectionsTo(p), ...(signal ? { signal } : {}) },
          p.tlsSpkiSha256,
        );
      }
      try {
        return await sent;
      } catch (e) {
        if (e instanceof ScanSendError) throw e.kind === 'stale' ? new StaleConnection('network', e.message) : new SyncCallError(e.kind, e.message);
        throw e;
      }
    },
  });

  const sendBlob = async (sha: string): Promise<number> => {
    if (uploads.isDone(sha)) return 0;
    // A scan never sent goes straight to tus (no HEAD per scan: sending one the server already
    // holds is harmless, and the push's needs_blobs says what is really missing). An upload cut
    // off earlier first asks whether its last byte landed after all (an answer lost).
    const size = blobSize(sha);
    if (uploads.row(sha)?.upload_url) {
      const head = await send('HEAD', `/v1/blobs/${sha}`, { verify: 'when_present' });
      if (head.status === 200) {
        uploads.markDone(sha, size);
        return 0;
      }
      if (head.status !== 404) throw failureOf(head);
    }
    try {
      await uploadResumable(
        (m, t, h, range) =>
          send(m, t, {
            headers: h,
            ...(range ? { scan: { sha256: sha, size, ...range } } : {}),
            digestBody: h['content-type'] !== TUS_BODY_TYPE,
            verify: 'when_present',
          }),
        uploads,
        sha,
        size,
        {
          creationPath: TUS_ENDPOINT,
          chunkBytes: timing.chunkBytes,
          patchBytes: timing.patchBytes,
          metadata: (s) => ({ sha256: s }),
          onProgress: (p) => (upload = p),
        },
      );
    } catch (e) {
      // The server hashed the whole file and it did not match: start that scan again from zero.
      if (e instanceof SyncCallError && e.status === 460) uploads.saveProgress(sha, null, 0);
      throw e;
    } finally {
      if (upload?.sha256 === sha) upload = null;
    }
    return size;
  };

  /** Scans go UPLOAD_CONCURRENCY at a time: one waits on the server's disk and database while the next is on the wire. */
  const lanes = createUploadLanes({
    lanes: () => (opts.clerkAtWork?.() ? UPLOAD_CONCURRENCY - 1 : UPLOAD_CONCURRENCY),
    upload: sendBlob,
    isDone: (sha) => uploads.isDone(sha),
    stopped: () => new SyncCallError('network', 'sync stopped'),
  });

  // ---- push -----------------------------------------------------------------------------

  const settle = (op: FrozenOp, r: OpResult): boolean => {
    switch (r.status) {
      case 'applied':
        ops.settle(op.clientSeq, 'acked', null, null, r.version);
        return true;
      case 'rejected':
        ops.settle(op.clientSeq, 'parked', JSON.stringify(r.reason), null);
        return true;
      case 'conflict':
        ops.settle(op.clientSeq, 'conflict', 'conflict', JSON.stringify(r.current), r.current?.version);
        return true;
      case 'duplicate':
        return settle(op, r.original);
      case 'needs_blobs':
        for (const sha of r.missing) uploads.markNeeded(sha, 0);
        return false;
      case 'needs_session':
        // Kept, in order: pushed again once the actor has a server session here (push() says how).
        return false;
      case 'seq_gap':
        // The server lost ops it had acknowledged (a restore): send them again from `expected`.
        if (r.expected < op.clientSeq) ops.reopenFrom(r.expected);
        return false;
    }
  };

  /** Scan bytes a push round uploads before it pushes (progress shows sooner than after 100 ops). */
  const takeRound = (pending: FrozenOp[]): [FrozenOp[], FrozenOp[]] => {
    let bytes = 0;
    let n = 0;
    for (const op of pending) {
      if (n > 0 && bytes >= timing.roundBytes) break;
      if (op.blobs.some((sha) => !uploads.isDone(sha))) bytes += op.bytes;
      n++;
    }
    return [pending.slice(0, n), pending.slice(n)];
  };

  /** Outbox rows become ops a few at a time, the core's thread free in between (the clerk's screen shares it). */
  const freezeAhead = async () => {
    while (!closed && ops.pendingCount() < PUSH_OPS && unflushed(store.db, () => ops.freeze(FREEZE_SLICE)) === FREEZE_SLICE) await breathe();
  };

  const pushRound = async (): Promise<boolean> => {
    await freezeAhead();
    if (closed) return false;
    // After a failed push (the server away), sign-ins it did not answer go before this push, not
    // after their own wait: else the push can reach the server first, be refused for want of a
    // session the workstation was about to open, and the bar tell a signed-in clerk to sign in.
    if (pushFailures > 0) sessions.retrySoon();
    await sessions.tick();
    sessions.attach();
    const pending = ops.pending(PUSH_OPS);
    if (pending.length === 0) return false;
    if (awaitingSession) {
      const head = ops.get(awaitingSession.seq);
      if (head?.state === 'pending' && !head.op.sessionId && clock().getTime() - awaitingSession.sinceMs < 60_000) return false;
      awaitingSession = null;
    }
    const [batch, next] = takeRound(pending);
    const [second, rest] = takeRound(next);
    const own = lanes.send(batch.flatMap((o) => o.blobs));
    // The next two rounds' scans queue behind this one's, so the lanes keep sending while this
    // round's ops are pushed (each round's ops still go only after its own scans, in client_seq
    // order). A failure there is met again, and reported, when that round sends them.
    lanes.prefetch([...second, ...takeRound(rest)[0]].flatMap((o) => o.blobs));
    await own;
    await push(batch);
    return true;
  };

  const push = async (batch: FrozenOp[]) => {
    // The keyed head (issue 12 item 12): the server anchors it, in a request signed with this workstation's key.
    const head = store.audit.head();
    const body: PushRequestInput = {
      protocolVersion: SYNC_PROTOCOL_VERSION,
      auditHead: head.seq > 0 ? head : null,
      ops: batch.map((o) => o.op),
    };
    // Durable before it goes: this write and every unflushed one before it, among them the
    // freezing of these ops — an op is never sent before it is durable here. The write-ahead log
    // is flushed off the core's thread (wal-flush.ts); where that cannot be done, a commit at the
    // store's own level (synchronous = FULL) flushes it here, as it always did.
    const attempt = store.db.transaction(() => {
      for (const op of batch) ops.attempted(op.clientSeq);
    });
    unflushed(store.db, attempt);
    if (!(await walFlush.flush())) store.db.transaction(() => ops.setState('push.flushedAt', now()))();
    if (closed) throw new SyncCallError('network', 'sync stopped');
    const res = await send('POST', '/v1/sync/push', {
      body: jsonBody(body),
      headers: { 'content-type': 'application/json', [SYNC_HEADERS.idempotencyKey]: randomUUID() },
    });
    if (res.status !== 200) throw failureOf(res);
    const answer = PushResponseSchema.parse(JSON.parse(res.body.toString('utf8')));
    const bySeq = new Map(batch.map((o) => [o.clientSeq, o]));
    // The answers are settled in order, SETTLE_SLICE per transaction, not flushed, with the core's
    // thread free between slices (all 100 at once held the clerk's screen for 30–50 ms). Each op's
    // answer is atomic with its outbox row (ops.settle); an answer lost in a power cut — or not yet
    // written when the worker stopped — leaves its op pending, and the op is pushed again with the
    // same op id and client_seq: the server answers `duplicate` with the original outcome, so no
    // op is ever applied twice. Only this loop pushes or freezes, and it waits for the last slice,
    // so no other push reads the queue half settled; ackedThrough is written with the last slice.
    let final = false;
    for (let at = 0; at < answer.results.length || at === 0; at += SETTLE_SLICE) {
      if (at > 0) {
        await breathe();
        if (closed) return;
      }
      const slice = answer.results.slice(at, at + SETTLE_SLICE);
      const last = at + SETTLE_SLICE >= answer.results.length;
      unflushed(
        store.db,
        store.db.transaction(() => {
          for (const r of slice) {
            const op = bySeq.get(r.clientSeq);
            if (op && op.opId === r.opId && settle(op, r)) final = true;
          }
          if (!last) return;
          ops.setState('push.ackedThrough', String(answer.ackedThrough));
          if (final) ops.setState('push.lastSentAt', now());
        }),
      );
    }
    if (final) ledgerDue = true;
    const asked = answer.results.find((r) => r.status === 'needs_session');
    if (asked?.status === 'needs_session') {
      // Signed in here while the server did not answer, their sign-in waiting for its next try:
      // it goes now, and their work with the next push. Only if the server has no session for
      // them after that does the status bar name who must sign in.
      if (await sessions.signInNow(asked.actor)) sessions.attach();
      else awaitingSession = { actor: asked.actor, seq: asked.clientSeq, sinceMs: clock().getTime(), at: now() };
    }
  };

  // Issue 12 item 15: once the queue is empty after final answers, ask the server's ledger what it
  // holds for good; decided applications it covers become durable, so retention may later remove
  // their personal data here. A failed ask is asked again at the next idle turn.
  let ledgerDue = false;
  const confirmDurable = async () => {
    ledgerDue = false;
    try {
      const res = await send('GET', '/v1/sync/ledger');
      if (res.status !== 200) throw failureOf(res);
      markDurableFromLedger(store, LedgerResponseSchema.parse(JSON.parse(res.body.toString('utf8'))));
    } catch (e) {
      ledgerDue = true;
      log(`sync ledger check failed (${asError(e).message}); asked again later`);
    }
  };

  const pushLoop = async () => {
    while (!closed) {
      if (!pin) {
        await pushWaker.sleep(timing.idleMs);
        continue;
      }
      try {
        const busy = await pushRound();
        pushFailures = 0;
        online = true;
        if (lastError && !pullFailures) lastError = null;
        nextRetryAt = null;
        if (!busy && ledgerDue) await confirmDurable();
        if (!busy) await pushWaker.sleep(timing.idleMs);
      } catch (e) {
        if (closed) break;
        const err = asError(e);
        pushFailures++;
        online = err.kind === 'refused' || err.kind === 'server';
        lastError = errorInfo(err);
        const delay = delayAfter(err, pushFailures);
        nextRetryAt = new Date(clock().getTime() + delay).toISOString();
        log(`sync push failed (${err.message}); next try in ${delay} ms`);
        await pushWaker.sleep(delay);
      }
    }
  };

  // ---- pull -----------------------------------------------------------------------------

  const resnapshot = async () => {
    // A restore on the server: pull everything again, and push again what it no longer holds.
    const res = await send('GET', '/v1/sync/ledger');
    if (res.status !== 200) throw failureOf(res);
    const ledger = LedgerResponseSchema.parse(JSON.parse(res.body.toString('utf8')));
    ops.reopenFrom(ledger.ackedThrough + 1);
    store.db.prepare(`DELETE FROM sync_state WHERE key = 'pull.cursor'`).run();
    pushWaker.wake();
  };

  const pullOnce = async (wait: number) => {
    const cursor = ops.state('pull.cursor');
    const q = new URLSearchParams({ ...(cursor ? { cursor } : {}), wait: String(wait), limit: String(PULL_PAGE) });
    const res = await send('GET', `/v1/sync/pull?${q.toString()}`, { timeoutMs: timing.requestTimeoutMs + wait * 1000 });
    if (res.status === 410) return resnapshot().then(() => true);
    if (res.status !== 200) throw failureOf(res);
    const answer = await parsePage(JSON.parse(res.body.toString('utf8')), { slice: APPLY_SLICE, between: breathe });
    if (closed) return false;
    // A few changes per transaction, the clerk's screen served between them (pull-apply.ts says why that is safe).
    const whole = await puller.applyPage(cursor ?? null, answer, { slice: APPLY_SLICE, between: breathe, stopped: () => closed });
    return whole && answer.hasMore;
  };

  const pullLoop = async () => {
    while (!closed) {
      if (!pin) {
        await pullWaker.sleep(timing.idleMs);
        continue;
      }
      try {
        const started = performance.now();
        const more = await pullOnce(pullFailures > 0 ? 0 : timing.pullWaitSeconds);
        pullFailures = 0;
        // A server that answers a long poll at once (or wait = 0) must not turn this into a busy loop.
        if (!more && performance.now() - started < timing.idleMs) await pullWaker.sleep(timing.idleMs);
      } catch (e) {
        if (closed) break;
        const err = asError(e);
        pullFailures++;
        if (!lastError || pushFailures === 0) lastError = errorInfo(err);
        const delay = delayAfter(err, pullFailures);
        log(`sync pull failed (${err.message}); next try in ${delay} ms`);
        await pullWaker.sleep(delay);
      }
    }
  };

  // ---- status ---------------------------------------------------------------------------

  const status = (): SyncStatus => {
    const c = ops.counts();
    // Ops pending, and outbox rows that will become ops once those ahead of them are answered.
    const waiting = c.pending.n + ops.unfrozenOpCount();
    const attention = c.parked.n + c.conflict.n > 0 || awaitingSession !== null || (lastError !== null && NEEDS_AN_ADMINISTRATOR.has(lastError.code));
    const state: SyncStatus['state'] = !pin
      ? 'not_configured'
      : attention
        ? 'attention'
        : pushFailures > 0 && !online
          ? 'offline'
          : waiting > 0
            ? 'syncing'
            : pushFailures > 0 || pullFailures > 0
              ? 'offline'
              : 'online';
    return {
      state,
      server: pin?.baseUrl ?? null,
      workstationId: pin?.workstationId ?? null,
      waiting,
      waitingBytes: c.pending.bytes,
      bytesLeft: uploads.bytesLeft(ops.frozenThrough()),
      upload,
      refused: c.parked.n,
      conflicts: c.conflict.n,
      lastSentAt: ops.state('push.lastSentAt') ?? null,
      lastPulledAt: ops.state('pull.at') ?? null,
      lastError:
        lastError ??
        (awaitingSession
          ? { code: 'needs_session', messageKey: 'sync.status.error.needsSession', params: { staffNumber: awaitingSession.actor }, at: awaitingSession.at }
          : null),
      nextRetryAt,
    };
  };

  return {
    ops,
    status,
    /** Pending, refused and conflicting items for the details panel. */
    items: (state: 'pending' | 'parked' | 'conflict', limit = 200) => ops.list(state, limit),
    start(): void {
      if (running) return;
      running = true;
      loops.push(pushLoop(), pullLoop());
    },
    /** A person proved their password at the counter: sign them in to the server (resolves once it answered or did not). */
    signedIn: (staffNumber: string, password: string): Promise<void> => sessions.proven(staffNumber, password).then(() => pushWaker.wake()),
    /** They signed out (or an elevation ended): their password and token are forgotten. */
    signedOut: (staffNumber: string): void => sessions.ended(staffNumber),
    /** The person's live server session (token), for requests made for them. */
    serverSession: (staffNumber: string) => sessions.live(staffNumber),
    /** Enrolled with a server (a signed call can be made). */
    enrolled: (): boolean => pin !== undefined,
    /** A signed GET outside the two loops (scan-fetch.ts downloads a scan a supervisor opened). */
    async get(target: string, timeoutMs?: number): Promise<HttpResponse> {
      if (!pin) throw new SyncCallError('refused', 'not enrolled', undefined, { code: 'not_enrolled', messageKey: 'sync.bar.notConfigured' });
      return send('GET', target, timeoutMs !== undefined ? { timeoutMs } : {});
    },
    /** "Retry now": skip the remaining wait of both loops. */
    retryNow(): void {
      pushFailures = Math.min(pushFailures, 1);
      nextRetryAt = null;
      // The server is back: a person's server sign-in it did not answer goes with this turn too.
      sessions.retrySoon();
      pushWaker.wake();
      pullWaker.wake();
    },
    /** Enrol with the administrator's one-time code (replaces an earlier enrolment and its key). */
    async enrol(input: EnrolInput): Promise<ServerPin> {
      pin = await enrolWith(input, { keys: opts.keys, ops, clock });
      key = undefined;
      lastError = null;
      pushWaker.wake();
      pullWaker.wake();
      return pin;
    },
    async close(): Promise<void> {
      closed = true;
      aborter.abort();
      const lanesIdle = lanes.close();
      pushWaker.wake();
      pullWaker.wake();
      await Promise.allSettled(loops);
      await lanesIdle;
      pool?.connections.close();
      await scans.close();
    },
  };
}

export type { Refusal };
