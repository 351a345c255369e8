import { z } from 'zod';
import { EnrolResponseSchema, SYNC_PROTOCOL_VERSION, type EnrolRequest } from '../../api/sync';
import { Refusal } from '../core/refusal';
import type { PinnedServer } from '../workstation/machine-config';
import { call, failureOf, jsonBody, SyncCallError, type ServerPin } from './http-link';
import { newSeed, signingKeyFromSeed, type SigningKeyStore } from './identity';
import type { OpLog } from './op-log';

// Enrolment: a one-time code from the administrator + the server address → a key pair made
// here (the private half never leaves the workstation) registered with the server, whose
// signing key (and TLS key, over HTTPS) is pinned for every later answer.

export const EnrolInputSchema = z
  .object({
    serverUrl: z
      .string()
      .max(300)
      .refine((u) => {
        try {
          return ['http:', 'https:'].includes(new URL(u).protocol);
        } catch {
          return false;
        }
      }, 'an http(s) address'),
    code: z.string().max(40),
    servicePoint: z.string().max(6),
    workstation: z.string().max(4),
    receiptPublicKey: z.string().max(60).optional(),
    label: z.string().max(100).optional(),
    /**
     * The server's TLS key fingerprint (SPKI SHA-256, hex; colons and spaces ignored) that the
     * administrator reads out with the code (`server:admin -- tls fingerprint`). Given, the
     * enrolment call itself is pinned to it, so a self-signed service point server is trusted
     * from the first byte; absent, the usual certificate authorities vouch for the server.
     */
    tlsSpkiSha256: z
      .string()
      .max(120)
      .transform((f) => f.replace(/[\s:]/g, '').toLowerCase())
      .pipe(z.string().regex(/^[0-9a-f]{64}$/))
      .optional(),
    /**
     * The signing key the server must answer with (base64url, raw Ed25519): from the machine-wide
     * configuration (withPinnedServer). Another key and nothing is kept: not the key, not the pin.
     */
    serverPublicKey: z
      .string()
      .regex(/^[A-Za-z0-9_-]{43}$/)
      .optional(),
  })
  .strict();
export type EnrolInput = z.infer<typeof EnrolInputSchema>;

/** Why enrolment refused a server before trusting it (issue 12 item 2); said to the administrator in their language. */
export type EnrolmentRefusalCode =
  'enrolment_server_key_mismatch' | 'enrolment_tls_key_mismatch' | 'enrolment_needs_https' | 'enrolment_machine_config_untrusted';

/**
 * The administrator's input with the machine configuration's pins over it: whatever address or
 * fingerprint is typed, the server must present the keys the OS administrator pinned. A machine
 * configuration that is there but not trusted allows no enrolment at all.
 */
export function withPinnedServer(input: EnrolInput, pinned: PinnedServer | 'untrusted' | null | undefined): EnrolInput {
  if (pinned === 'untrusted') {
    throw new Refusal<EnrolmentRefusalCode>('enrolment_machine_config_untrusted', 'the machine configuration is not trusted; no enrolment');
  }
  if (!pinned) return input;
  return {
    ...input,
    ...(pinned.tlsSpkiSha256 ? { tlsSpkiSha256: pinned.tlsSpkiSha256 } : {}),
    ...(pinned.publicKey ? { serverPublicKey: pinned.publicKey } : {}),
  };
}

/**
 * Issue 12 item 2, for a workstation enrolled before the OS administrator pinned a central
 * server: it talks to the server it enrolled with only if that is the pinned one (signing key
 * and, when pinned, TLS key). Null when it may; else the refusal that says why it may not.
 * A configuration that is not trusted pins nothing here, as it pins nothing anywhere else.
 */
export function pinnedServerMismatch(pin: ServerPin, pinned: PinnedServer | 'untrusted' | null | undefined): Refusal<EnrolmentRefusalCode> | null {
  if (!pinned || pinned === 'untrusted') return null;
  if (pinned.publicKey && pin.serverPublicKey !== pinned.publicKey) {
    return new Refusal<EnrolmentRefusalCode>('enrolment_server_key_mismatch', 'enrolled with a server other than the one the machine configuration pins', {
      expected: pinned.publicKey.slice(0, 12),
      presented: pin.serverPublicKey.slice(0, 12),
    });
  }
  if (pinned.tlsSpkiSha256 && pin.tlsSpkiSha256 !== pinned.tlsSpkiSha256) {
    return new Refusal<EnrolmentRefusalCode>('enrolment_tls_key_mismatch', 'enrolled over a TLS key other than the one the machine configuration pins');
  }
  return null;
}

/** A TLS fingerprint only means something over HTTPS: with one, plain HTTP is refused, not silently unpinned. */
export function requireHttpsWhenPinned(serverUrl: string, tlsSpkiSha256: string | null | undefined): void {
  if (tlsSpkiSha256 && new URL(serverUrl).protocol !== 'https:') {
    throw new Refusal<EnrolmentRefusalCode>('enrolment_needs_https', 'a pinned TLS key needs an https:// address');
  }
}

/** A pinned TLS connection that met another key is that refusal, not a network failure (for the administrator; `enrol` itself throws the SyncCallError). */
export function tlsMismatchAsRefusal(e: unknown, tlsSpkiSha256: string | null | undefined): unknown {
  if (tlsSpkiSha256 && e instanceof SyncCallError && e.kind === 'identity') {
    return new Refusal<EnrolmentRefusalCode>('enrolment_tls_key_mismatch', e.message);
  }
  return e;
}

/** The file an administrator may hand over instead of typing (same fields). */
export const EnrolmentFileSchema = EnrolInputSchema;

const PIN_KEY = 'enrolment.pin';

export function loadPin(ops: OpLog): ServerPin | undefined {
  const raw = ops.state(PIN_KEY);
  return raw ? (JSON.parse(raw) as ServerPin) : undefined;
}

export async function enrol(input: EnrolInput, deps: { keys: SigningKeyStore; ops: OpLog; clock: () => Date; timeoutMs?: number }): Promise<ServerPin> {
  const parsed = EnrolInputSchema.parse(input);
  requireHttpsWhenPinned(parsed.serverUrl, parsed.tlsSpkiSha256);
  const code = parsed.code.trim().toUpperCase();
  // A fresh key for every enrolment: re-enrolling after a revocation must not reuse a key the server refused.
  const seed = newSeed();
  const key = signingKeyFromSeed(seed);
  const body: EnrolRequest = {
    protocolVersion: SYNC_PROTOCOL_VERSION,
    code,
    servicePoint: parsed.servicePoint,
    workstation: parsed.workstation,
    publicKey: key.publicKey,
    ...(parsed.receiptPublicKey ? { receiptPublicKey: parsed.receiptPublicKey } : {}),
    ...(parsed.label ? { label: parsed.label } : {}),
  };
  const res = await call(
    parsed.serverUrl,
    {
      method: 'POST',
      target: '/v1/enrol',
      body: jsonBody(body),
      headers: { 'content-type': 'application/json' },
      timeoutMs: deps.timeoutMs ?? 15_000,
      nowSeconds: Math.floor(deps.clock().getTime() / 1000),
    },
    parsed.tlsSpkiSha256 ?? null,
  );
  if (res.status !== 200 && res.status !== 201) throw failureOf(res);
  const answer = EnrolResponseSchema.parse(JSON.parse(res.body.toString('utf8')));
  // Issue 12 item 2: a server with another signing key than the pinned one is not ours, whatever
  // it says; nothing of it is kept, so this workstation stays unenrolled.
  if (parsed.serverPublicKey && answer.serverPublicKey !== parsed.serverPublicKey) {
    throw new Refusal<EnrolmentRefusalCode>('enrolment_server_key_mismatch', 'the server signs with another key than the one pinned for this machine', {
      expected: parsed.serverPublicKey.slice(0, 12),
      presented: answer.serverPublicKey.slice(0, 12),
    });
  }
  // The key is kept only once the server accepted it; the pin is written after the key, so a
  // crash in between leaves an unenrolled workstation (enrol again), never a pin without its key.
  await deps.keys.replace(seed);
  const pin: ServerPin = {
    baseUrl: parsed.serverUrl,
    workstationId: answer.workstationId,
    serverPublicKey: answer.serverPublicKey,
    // The key this connection actually presented (checked against the fingerprint, or by a CA):
    // behind a TLS-terminating proxy that is the proxy's, which is the one later calls meet.
    tlsSpkiSha256: res.tlsSpkiSha256 ?? null,
  };
  deps.ops.setState(PIN_KEY, JSON.stringify(pin));
  deps.ops.setState('enrolment.epoch', answer.epoch);
  // The service point as the server knows it: the workstation's settings take it (services/workstation/workstation-settings.ts).
  deps.ops.setState('enrolment.servicePoint', JSON.stringify({ code: answer.servicePoint, names: answer.servicePointNames ?? null }));
  return pin;
}
