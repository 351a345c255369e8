import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { canonicalJson, SYNC_PROTOCOL_VERSION } from '../../api/sync/common';
import type { EnrolResponse } from '../../api/sync/enrolment';
import type { PushOpInput } from '../../api/sync/push';
import { SYNC_HEADERS as H, UNSIGNED_BODY_DIGEST, requestSignatureBase, responseSignatureBase } from '../../api/sync/signing';
import { ed25519RawPublic } from '../crypto/server-keys';
import { contentDigestOf, ed25519PublicKey, sha256Hex, signEd25519, verifyEd25519 } from '../crypto/signatures';

// A minimal workstation for tests and the benchmark: a key pair, enrolment, signed requests,
// and a check of the server's response signature (the real client is the sync issue's).

export interface SignedResponse {
  status: number;
  headers: Headers;
  text: string;
  json: <T = unknown>() => T;
  /** The server's signature verified against the pinned key (undefined before enrolment). */
  serverSigned: boolean;
}

export interface RequestOptions {
  body?: unknown;
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
  /** Overrides for forging: signature, timestamp, nonce, workstation. */
  forge?: Partial<{ signature: string; timestamp: string; nonce: string; workstationId: string; digest: string; key: KeyObject }>;
  contentType?: string;
  session?: string;
}

let seq = 0;
/** A UUIDv7 (RFC 9562): 48-bit ms time, version 7, variant 10; unique within a process by a counter. */
export function uuidv7(ms = 1_790_000_000_000 + seq): string {
  seq++;
  const hex = ms.toString(16).padStart(12, '0') + randomUUID().replace(/-/g, '').slice(12);
  const h = hex.split('');
  h[12] = '7';
  h[16] = ['8', '9', 'a', 'b'][parseInt(h[16] ?? '0', 16) & 3] ?? '8';
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

export class TestWorkstation {
  readonly privateKey: KeyObject;
  readonly publicKey: string;
  serverKey: string | undefined;
  nextSeq = 1;

  constructor(
    public baseUrl: string,
    readonly servicePoint: string,
    readonly code: string,
    readonly clockSeconds: () => number,
  ) {
    const { privateKey } = generateKeyPairSync('ed25519');
    this.privateKey = privateKey;
    this.publicKey = ed25519RawPublic(privateKey);
  }

  get id(): string {
    return `${this.servicePoint}-${this.code}`;
  }

  async enrol(enrolmentCode: string): Promise<EnrolResponse> {
    const res = await fetch(`${this.baseUrl}/v1/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ protocolVersion: 1, code: enrolmentCode, servicePoint: this.servicePoint, workstation: this.code, publicKey: this.publicKey }),
    });
    const body = (await res.json()) as EnrolResponse;
    if (res.status !== 200) throw new Error(`enrol failed ${res.status} ${JSON.stringify(body)}`);
    this.serverKey = body.serverPublicKey;
    return body;
  }

  async request(method: string, target: string, o: RequestOptions = {}): Promise<SignedResponse> {
    const raw = o.rawBody ?? (o.body === undefined ? '' : JSON.stringify(o.body));
    const f = o.forge ?? {};
    const timestamp = f.timestamp ?? String(Math.floor(this.clockSeconds()));
    const nonce = f.nonce ?? randomUUID();
    const ws = f.workstationId ?? this.id;
    const digest = f.digest ?? contentDigestOf(raw);
    const session = o.session ?? '';
    const base = requestSignatureBase({ method, target, workstationId: ws, timestamp, nonce, contentDigest: digest, session });
    const signature = f.signature ?? signEd25519(f.key ?? this.privateKey, base);
    const headers: Record<string, string> = {
      [H.protocol]: String(SYNC_PROTOCOL_VERSION),
      [H.workstation]: ws,
      [H.timestamp]: timestamp,
      [H.nonce]: nonce,
      [H.contentDigest]: digest,
      [H.signature]: signature,
      ...(session ? { [H.session]: session } : {}),
      ...(raw !== '' ? { 'content-type': o.contentType ?? 'application/json' } : {}),
      ...(o.headers ?? {}),
    };
    const res = await fetch(`${this.baseUrl}${target}`, {
      method,
      headers,
      ...(raw !== '' ? { body: typeof raw === 'string' ? raw : new Uint8Array(raw) } : {}),
    });
    const text = method === 'HEAD' ? '' : await res.text();
    const sig = res.headers.get(H.serverSignature);
    const respDigest = res.headers.get(H.contentDigest);
    const serverSigned = Boolean(
      this.serverKey &&
      sig &&
      respDigest === contentDigestOf(text) &&
      verifyEd25519(ed25519PublicKey(this.serverKey), responseSignatureBase({ requestNonce: nonce, status: res.status, contentDigest: respDigest }), sig),
    );
    return { status: res.status, headers: res.headers, text, json: <T>() => JSON.parse(text) as T, serverSigned };
  }

  push(ops: PushOpInput[], o: { idempotencyKey?: string; auditHead?: { seq: number; hash: string } | null; session?: string } = {}) {
    return this.request('POST', '/v1/sync/push', {
      body: { protocolVersion: 1, auditHead: o.auditHead ?? null, ops },
      headers: { [H.idempotencyKey]: o.idempotencyKey ?? randomUUID() },
      ...(o.session ? { session: o.session } : {}),
    });
  }

  /** POST /v1/session: a person signs in to the server through this workstation. */
  async signIn(staffNumber: string, password: string): Promise<{ token: string; sessionId: string }> {
    const res = await this.request('POST', '/v1/session', { body: { protocolVersion: 1, staffNumber, password } });
    if (res.status !== 200) throw new Error(`sign-in failed ${res.status} ${res.text}`);
    return res.json<{ token: string; sessionId: string }>();
  }

  /** An op as the outbox would hold it: fixed once made, with the next client_seq. */
  op(
    type: PushOpInput['type'],
    recordId: string,
    payload: unknown,
    o: { actor: string; baseVersion?: number; blobs?: string[]; at?: string; sessionId?: string },
  ): PushOpInput {
    return {
      opId: uuidv7(),
      clientSeq: this.nextSeq++,
      type,
      recordId,
      baseVersion: o.baseVersion ?? 0,
      payload,
      payloadSha256: sha256Hex(canonicalJson(payload)),
      blobs: o.blobs ?? [],
      actor: o.actor,
      ...(o.sessionId ? { sessionId: o.sessionId } : {}),
      at: o.at ?? new Date(this.clockSeconds() * 1000).toISOString(),
    } as PushOpInput;
  }

  /** tus bytes (a PATCH, or a creation carrying its first chunk: `withBytes`) are signed with the unsigned-body marker. */
  tusHeaders(method: string, target: string, o: { withBytes?: boolean } = {}): Record<string, string> {
    const timestamp = String(Math.floor(this.clockSeconds()));
    const nonce = randomUUID();
    const digest = method === 'PATCH' || o.withBytes ? UNSIGNED_BODY_DIGEST : contentDigestOf('');
    const base = requestSignatureBase({ method, target, workstationId: this.id, timestamp, nonce, contentDigest: digest, session: '' });
    return {
      [H.protocol]: '1',
      [H.workstation]: this.id,
      [H.timestamp]: timestamp,
      [H.nonce]: nonce,
      [H.contentDigest]: digest,
      [H.signature]: signEd25519(this.privateKey, base),
      'tus-resumable': '1.0.0',
    };
  }
}
