import { createHash, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  EnrolRequestSchema,
  PushRequestSchema,
  SYNC_HEADERS,
  canonicalJson,
  contentDigestValue,
  requestSignatureBase,
  responseSignatureBase,
  type Change,
  type OpResult,
  type PushOp,
} from '../../../api/sync';
import { verifySignature } from '../identity';

// A stand-in for the central API (issue 14) that implements the protocol faithfully enough for
// the workstation's fault tests: signatures both ways, permanent dedupe by op_id, gap-free
// client_seq, needs_blobs, tus with a whole-file hash check, a commit-ordered pull feed with an
// epoch, and the ledger. The real server replaces it where it is usable.

interface StoredOp {
  op: PushOp;
  outcome: Exclude<OpResult, { status: 'duplicate' | 'needs_blobs' | 'needs_session' | 'seq_gap' }>;
}

interface Workstation {
  id: string;
  servicePoint: string;
  publicKey: string;
  ops: Map<string, StoredOp>;
  bySeq: Map<number, string>;
  ackedThrough: number;
  nonces: Set<string>;
}

interface RecordState {
  recordId: string;
  applicationNumber: string;
  workstationId: string;
  servicePoint: string;
  status: 'pending_approval' | 'approved' | 'rejected' | 'returned';
  version: number;
  createdBy: string;
  application: unknown;
  history: { status: string; actor: string; at: string; workstationId: string; decision?: 'approve' | 'reject' | 'return' }[];
  blobs: string[];
}

export interface TusEvent {
  method: 'POST' | 'HEAD' | 'PATCH';
  upload: string;
  sha: string;
  /** The offset the request claimed (PATCH) or was told (HEAD). */
  offset: number;
  bytes: number;
}

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest();

export interface FakeSyncServer {
  url: string;
  /** Enrolment codes for (service point, workstation code). */
  issueCode(servicePoint: string, workstation: string): string;
  ops(workstationId: string): StoredOp[];
  blob(sha: string): Buffer | undefined;
  record(id: string): RecordState | undefined;
  /** A decision by a supervisor of another workstation (as the real server would record it). */
  decide(recordId: string, decision: 'approve' | 'reject' | 'return', actor: string): void;
  /** Simulate a restore from backup: a new epoch, and the ops after `keepThrough` forgotten. */
  restore(workstationId: string, keepThrough: number): void;
  /** Count of requests by path, for assertions that something did (not) happen. */
  hits: Map<string, number>;
  /** Every tus request that passed the signature check, in arrival order (creations with their hash, PATCHes with their offset). */
  tusLog: TusEvent[];
  close(): Promise<void>;
}

export async function startFakeSyncServer(opts: { clock: () => Date }): Promise<FakeSyncServer> {
  const clock = opts.clock;
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const serverPublicKey = (publicKey.export({ format: 'der', type: 'spki' }) as Buffer).subarray(12).toString('base64url');
  const codes = new Map<string, { servicePoint: string; workstation: string }>();
  const workstations = new Map<string, Workstation>();
  const records = new Map<string, RecordState>();
  const blobs = new Map<string, Buffer>();
  const uploads = new Map<string, { length: number; sha: string; parts: Buffer[]; offset: number }>();
  let epoch = randomUUID();
  const feed: Change[] = [];
  const fed = new EventEmitter();
  fed.setMaxListeners(100);
  const hits = new Map<string, number>();
  const tusLog: TusEvent[] = [];

  const publish = (r: RecordState) => {
    feed.push({
      kind: 'application',
      id: r.recordId,
      deleted: false,
      data: {
        recordId: r.recordId,
        applicationNumber: r.applicationNumber,
        servicePoint: r.servicePoint,
        workstationId: r.workstationId,
        kind: (r.application as { kind: 'first_application' }).kind,
        status: r.status,
        version: r.version,
        application: r.application as never,
        createdBy: r.createdBy,
        editors: [],
        history: r.history as never,
        blobs: r.blobs,
      },
    });
    fed.emit('change');
  };

  const send = (res: ServerResponse, status: number, body: unknown, nonce: string | null, headers: Record<string, string> = {}) => {
    const buf = body === null ? Buffer.alloc(0) : Buffer.from(JSON.stringify(body));
    const digest = contentDigestValue(sha256(buf).toString('base64'));
    const h: Record<string, string> = { 'content-type': 'application/json', [SYNC_HEADERS.serverTime]: clock().toISOString(), ...headers };
    if (nonce !== null) {
      h[SYNC_HEADERS.contentDigest] = digest;
      h[SYNC_HEADERS.serverSignature] = sign(
        null,
        Buffer.from(responseSignatureBase({ requestNonce: nonce, status, contentDigest: digest })),
        privateKey,
      ).toString('base64url');
    }
    res.writeHead(status, h).end(buf);
  };
  const refuse = (res: ServerResponse, status: number, code: string, nonce: string | null, params?: Record<string, string | number>) =>
    send(res, status, { error: { code, messageKey: `sync.error.${code}`, ...(params ? { params } : {}) } }, nonce);

  const authenticate = (req: IncomingMessage, body: Buffer, res: ServerResponse): { ws: Workstation; nonce: string } | null => {
    const h = (n: string) => (req.headers[n] as string | undefined) ?? '';
    const nonce = h(SYNC_HEADERS.nonce);
    const wsId = h(SYNC_HEADERS.workstation);
    const ws = workstations.get(wsId);
    if (!nonce || !h(SYNC_HEADERS.signature)) return (refuse(res, 401, 'signature_missing', nonce || null), null);
    if (!ws) return (refuse(res, 401, 'unknown_workstation', nonce), null);
    const digest = h(SYNC_HEADERS.contentDigest) || '-';
    if (digest !== '-' && digest !== contentDigestValue(sha256(body).toString('base64'))) return (refuse(res, 401, 'signature_invalid', nonce), null);
    const base = requestSignatureBase({
      method: req.method ?? 'GET',
      target: req.url ?? '/',
      workstationId: wsId,
      timestamp: h(SYNC_HEADERS.timestamp),
      nonce,
      contentDigest: digest,
      session: h(SYNC_HEADERS.session),
    });
    if (!verifySignature(ws.publicKey, base, h(SYNC_HEADERS.signature))) return (refuse(res, 401, 'signature_invalid', nonce), null);
    if (Math.abs(Number(h(SYNC_HEADERS.timestamp)) - clock().getTime() / 1000) > 300) {
      return (refuse(res, 401, 'clock_skew', nonce, { serverTime: clock().toISOString() }), null);
    }
    if (ws.nonces.has(nonce)) return (refuse(res, 401, 'replayed_request', nonce), null);
    ws.nonces.add(nonce);
    return { ws, nonce };
  };

  const handleOp = (ws: Workstation, op: PushOp): OpResult => {
    const base = { opId: op.opId, clientSeq: op.clientSeq };
    const seen = ws.ops.get(op.opId);
    if (seen) return { ...base, status: 'duplicate', original: seen.outcome };
    if (op.clientSeq !== ws.ackedThrough + 1) return { ...base, status: 'seq_gap', expected: ws.ackedThrough + 1 };
    const missing = op.blobs.filter((b) => !blobs.has(b));
    if (missing.length > 0) return { ...base, status: 'needs_blobs', missing };
    let outcome: StoredOp['outcome'];
    const at = clock().toISOString();
    if (createHash('sha256').update(canonicalJson(op.payload)).digest('hex') !== op.payloadSha256) {
      outcome = { ...base, status: 'rejected', reason: { code: 'payload_hash_mismatch', messageKey: 'sync.rejected.payload_hash_mismatch' } };
    } else if (op.type === 'application.submit') {
      if (records.has(op.recordId)) {
        outcome = { ...base, status: 'rejected', reason: { code: 'record_exists', messageKey: 'sync.rejected.record_exists' } };
      } else {
        const r: RecordState = {
          recordId: op.recordId,
          applicationNumber: op.payload.applicationNumber,
          workstationId: ws.id,
          servicePoint: ws.servicePoint,
          status: 'pending_approval',
          version: 1,
          createdBy: op.payload.createdBy,
          application: op.payload.application,
          history: [{ status: 'pending_approval', actor: op.actor, at, workstationId: ws.id }],
          blobs: op.blobs,
        };
        records.set(r.recordId, r);
        publish(r);
        outcome = { ...base, status: 'applied', version: 1 };
      }
    } else {
      const r = records.get(op.recordId);
      if (!r) outcome = { ...base, status: 'rejected', reason: { code: 'unknown_record', messageKey: 'sync.rejected.unknown_record' } };
      else if (op.type === 'application.decide') {
        if (r.status !== 'pending_approval' || op.baseVersion !== r.version) {
          outcome = {
            ...base,
            status: 'conflict',
            current: { recordId: r.recordId, applicationNumber: r.applicationNumber, status: r.status, version: r.version, lastDecision: null },
          };
        } else if (op.actor === r.createdBy) {
          outcome = { ...base, status: 'rejected', reason: { code: 'four_eyes', messageKey: 'sync.rejected.four_eyes' } };
        } else {
          r.status = op.payload.decision === 'approve' ? 'approved' : op.payload.decision === 'reject' ? 'rejected' : 'returned';
          r.version++;
          r.history.push({ status: r.status, actor: op.actor, at, workstationId: ws.id, decision: op.payload.decision });
          publish(r);
          outcome = { ...base, status: 'applied', version: r.version };
        }
      } else if (op.type === 'application.resubmit') {
        r.status = 'pending_approval';
        r.application = op.payload.application;
        r.version++;
        publish(r);
        outcome = { ...base, status: 'applied', version: r.version };
      } else {
        // An op type this stand-in does not model (protocol v1 is additive): taken as applied.
        outcome = { ...base, status: 'applied', version: r.version };
      }
    }
    ws.ops.set(op.opId, { op, outcome });
    ws.bySeq.set(op.clientSeq, op.opId);
    ws.ackedThrough = op.clientSeq;
    return outcome;
  };

  const cursorOf = (n: number) => Buffer.from(`${epoch}:${n}`).toString('base64url');
  const positionOf = (c: string | null): number | 'expired' => {
    if (!c) return 0;
    const [e, n] = Buffer.from(c, 'base64url').toString().split(':');
    return e === epoch && Number(n) <= feed.length ? Number(n) : 'expired';
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => {});
    res.on('error', () => {});
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://x');
      const path = url.pathname;
      const key = path.startsWith('/v1/uploads/') ? '/v1/uploads/:id' : path.startsWith('/v1/blobs/') ? '/v1/blobs/:sha' : path;
      hits.set(`${req.method} ${key}`, (hits.get(`${req.method} ${key}`) ?? 0) + 1);
      if (req.method === 'POST' && path === '/v1/enrol') {
        const p = EnrolRequestSchema.safeParse(JSON.parse(body.toString() || 'null'));
        const c = p.success ? codes.get(p.data.code) : undefined;
        if (!p.success || !c || c.servicePoint !== p.data.servicePoint || c.workstation !== p.data.workstation)
          return refuse(res, 403, 'enrolment_code_invalid', null);
        codes.delete(p.data.code);
        const id = `${c.servicePoint}-${c.workstation}`;
        const prev = workstations.get(id);
        workstations.set(id, {
          id,
          servicePoint: c.servicePoint,
          publicKey: p.data.publicKey,
          ops: prev?.ops ?? new Map(),
          bySeq: prev?.bySeq ?? new Map(),
          ackedThrough: prev?.ackedThrough ?? 0,
          nonces: new Set(),
        });
        return send(
          res,
          200,
          {
            protocolVersion: 1,
            workstationId: id,
            servicePoint: c.servicePoint,
            serverPublicKey,
            tlsSpkiSha256: null,
            serverTime: clock().toISOString(),
            epoch,
          },
          null,
        );
      }
      const auth = authenticate(req, body, res);
      if (!auth) return;
      const { ws, nonce } = auth;
      if (req.method === 'POST' && path === '/v1/sync/push') {
        const p = PushRequestSchema.safeParse(JSON.parse(body.toString() || 'null'));
        if (!p.success) return refuse(res, 400, 'validation_failed', nonce);
        for (const op of p.data.ops) {
          const seen = ws.ops.get(op.opId);
          if (seen && seen.op.payloadSha256 !== op.payloadSha256) return refuse(res, 422, 'op_payload_mismatch', nonce, { opId: op.opId });
          const taken = ws.bySeq.get(op.clientSeq);
          if (taken && taken !== op.opId) return refuse(res, 422, 'client_seq_reused', nonce, { clientSeq: op.clientSeq, opId: op.opId });
        }
        const results: OpResult[] = [];
        let stopped = false;
        for (const op of p.data.ops) {
          if (stopped) {
            results.push({ opId: op.opId, clientSeq: op.clientSeq, status: 'seq_gap', expected: ws.ackedThrough + 1 });
            continue;
          }
          const r = handleOp(ws, op);
          if (r.status === 'needs_blobs' || r.status === 'seq_gap') stopped = true;
          results.push(r);
        }
        return send(res, 200, { results, ackedThrough: ws.ackedThrough, auditAnchor: 'recorded', serverTime: clock().toISOString() }, nonce);
      }
      if (req.method === 'HEAD' && path.startsWith('/v1/blobs/')) return send(res, blobs.has(path.slice(10)) ? 200 : 404, null, nonce);
      if (req.method === 'POST' && path === '/v1/uploads') {
        const meta = Object.fromEntries(
          String(req.headers['upload-metadata'] ?? '')
            .split(',')
            .map((kv) => kv.trim().split(' '))
            .map(([k, v]) => [k, Buffer.from(v ?? '', 'base64').toString()]),
        );
        const id = randomUUID();
        const u = { length: Number(req.headers['upload-length']), sha: String(meta.sha256), parts: [] as Buffer[], offset: 0 };
        uploads.set(id, u);
        // creation-with-upload: the first bytes come with the creation, as with the real server.
        const withBytes = req.headers['content-type'] === 'application/offset+octet-stream';
        tusLog.push({ method: 'POST', upload: id, sha: u.sha, offset: 0, bytes: withBytes ? body.length : 0 });
        if (withBytes) {
          u.parts.push(body);
          u.offset = body.length;
          if (u.offset >= u.length) {
            const all = Buffer.concat(u.parts);
            if (createHash('sha256').update(all).digest('hex') !== u.sha) {
              uploads.delete(id);
              return refuse(res, 460, 'blob_hash_mismatch', nonce);
            }
            blobs.set(u.sha, all);
          }
          return send(res, 201, null, nonce, { location: `/v1/uploads/${id}`, 'upload-offset': String(u.offset), 'tus-resumable': '1.0.0' });
        }
        return send(res, 201, null, nonce, { location: `/v1/uploads/${id}`, 'tus-resumable': '1.0.0' });
      }
      if (path.startsWith('/v1/uploads/')) {
        const u = uploads.get(path.slice(12));
        if (!u) return refuse(res, 404, 'not_found', nonce);
        if (req.method === 'HEAD' || req.method === 'PATCH') {
          const claimed = req.method === 'PATCH' ? Number(req.headers['upload-offset']) : u.offset;
          tusLog.push({ method: req.method, upload: path.slice(12), sha: u.sha, offset: claimed, bytes: body.length });
        }
        if (req.method === 'HEAD')
          return send(res, 200, null, nonce, { 'upload-offset': String(u.offset), 'upload-length': String(u.length), 'cache-control': 'no-store' });
        if (req.method === 'PATCH') {
          if (Number(req.headers['upload-offset']) !== u.offset) return refuse(res, 409, 'upload_offset_mismatch', nonce);
          u.parts.push(body);
          u.offset += body.length;
          if (u.offset >= u.length) {
            const all = Buffer.concat(u.parts);
            if (createHash('sha256').update(all).digest('hex') !== u.sha) {
              uploads.delete(path.slice(12));
              return refuse(res, 460, 'blob_hash_mismatch', nonce);
            }
            blobs.set(u.sha, all);
          }
          return send(res, 204, null, nonce, { 'upload-offset': String(u.offset), 'tus-resumable': '1.0.0' });
        }
      }
      if (req.method === 'GET' && path === '/v1/sync/ledger') {
        let h = '0'.repeat(64);
        for (let s = 1; s <= ws.ackedThrough; s++) {
          const o = ws.ops.get(ws.bySeq.get(s)!)!.op;
          h = createHash('sha256').update(`${h}\n${o.opId}\n${o.clientSeq}\n${o.payloadSha256}`).digest('hex');
        }
        return send(res, 200, { workstationId: ws.id, ackedThrough: ws.ackedThrough, count: ws.ackedThrough, rollingHash: h, auditHead: null }, nonce);
      }
      if (req.method === 'GET' && path === '/v1/sync/pull') {
        const pos = positionOf(url.searchParams.get('cursor'));
        if (pos === 'expired') return refuse(res, 410, 'cursor_expired', nonce);
        const limit = Number(url.searchParams.get('limit') ?? 500);
        const answer = () => {
          const changes = feed.slice(pos, pos + limit);
          send(
            res,
            200,
            { changes, cursor: cursorOf(pos + changes.length), hasMore: pos + changes.length < feed.length, epoch, serverTime: clock().toISOString() },
            nonce,
          );
        };
        const wait = Number(url.searchParams.get('wait') ?? 0);
        if (feed.length > pos || wait === 0) return answer();
        const timer = setTimeout(done, wait * 1000);
        function done() {
          clearTimeout(timer);
          fed.off('change', done);
          if (!res.writableEnded && !res.destroyed) answer();
        }
        fed.on('change', done);
        req.socket.on('close', () => {
          clearTimeout(timer);
          fed.off('change', done);
        });
        return;
      }
      refuse(res, 404, 'not_found', nonce);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  let codeSeq = 0;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    tusLog,
    issueCode(servicePoint, workstation) {
      const code = `AAAA-BBBB-CCCC-DDDD-${String(++codeSeq).padStart(4, '0')}`;
      codes.set(code, { servicePoint, workstation });
      return code;
    },
    ops: (id) => {
      const ws = workstations.get(id);
      return ws ? [...ws.bySeq.keys()].sort((a, b) => a - b).map((s) => ws.ops.get(ws.bySeq.get(s)!)!) : [];
    },
    blob: (sha) => blobs.get(sha),
    record: (id) => records.get(id),
    decide(recordId, decision, actor) {
      const r = records.get(recordId)!;
      r.status = decision === 'approve' ? 'approved' : decision === 'reject' ? 'rejected' : 'returned';
      r.version++;
      r.history.push({ status: r.status, actor, at: clock().toISOString(), workstationId: 'SP01-W99', decision });
      publish(r);
    },
    restore(workstationId, keepThrough) {
      const ws = workstations.get(workstationId)!;
      for (const [seq, opId] of [...ws.bySeq]) {
        if (seq > keepThrough) {
          ws.bySeq.delete(seq);
          ws.ops.delete(opId);
        }
      }
      ws.ackedThrough = Math.min(ws.ackedThrough, keepThrough);
      epoch = randomUUID();
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
