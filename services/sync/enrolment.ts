import { z } from 'zod';
import { EnrolResponseSchema, SYNC_PROTOCOL_VERSION, type EnrolRequest } from '../../api/sync';
import { call, failureOf, jsonBody, type ServerPin } from './http-link';
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
  })
  .strict();
export type EnrolInput = z.infer<typeof EnrolInputSchema>;

/** The file an administrator may hand over instead of typing (same fields). */
export const EnrolmentFileSchema = EnrolInputSchema;

const PIN_KEY = 'enrolment.pin';

export function loadPin(ops: OpLog): ServerPin | undefined {
  const raw = ops.state(PIN_KEY);
  return raw ? (JSON.parse(raw) as ServerPin) : undefined;
}

export async function enrol(input: EnrolInput, deps: { keys: SigningKeyStore; ops: OpLog; clock: () => Date; timeoutMs?: number }): Promise<ServerPin> {
  const parsed = EnrolInputSchema.parse(input);
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
  return pin;
}
