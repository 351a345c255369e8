import { describe, expect, it } from 'vitest';
import { canonicalJson } from './common';
import { PushOpSchema, PushRequestSchema } from './push';
import { requestSignatureBase } from './signing';

describe('sync contract', () => {
  it('canonical JSON sorts keys at every level and drops undefined members, so both sides hash the same text', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: undefined }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"z":1}]},"b":1}');
    expect(canonicalJson({ 名: '澳門', a: null })).toBe('{"a":null,"名":"澳門"}');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow();
  });

  it('an op needs a UUIDv7, a positive client_seq and a lower-case SHA-256; unknown fields are refused', () => {
    const op = {
      opId: '01890a5d-ac96-774b-bcce-b302099a8057',
      clientSeq: 1,
      type: 'application.decide',
      recordId: '3b241101-e2bb-4255-8caf-4136c566a962',
      baseVersion: 1,
      payload: { decision: 'approve' },
      payloadSha256: 'a'.repeat(64),
      actor: 'S1',
      at: '2026-11-23T02:00:00.000Z',
    };
    expect(PushOpSchema.safeParse(op).success).toBe(true);
    expect(PushOpSchema.safeParse({ ...op, opId: '3b241101-e2bb-4255-8caf-4136c566a962' }).success).toBe(false); // v4, not v7
    expect(PushOpSchema.safeParse({ ...op, clientSeq: 0 }).success).toBe(false);
    expect(PushOpSchema.safeParse({ ...op, payloadSha256: 'A'.repeat(64) }).success).toBe(false);
    expect(PushRequestSchema.safeParse({ protocolVersion: 1, auditHead: null, ops: [op], extra: 1 }).success).toBe(false);
  });

  it('the signature base names every signed part on its own line', () => {
    expect(
      requestSignatureBase({
        method: 'get',
        target: '/v1/sync/pull?wait=25',
        workstationId: 'SP01-W3',
        timestamp: '1',
        nonce: 'n'.repeat(16),
        contentDigest: 'sha-256=:x:',
        session: '',
      }),
    ).toBe(`counterdesk-request-v1\nGET\n/v1/sync/pull?wait=25\nSP01-W3\n1\n${'n'.repeat(16)}\nsha-256=:x:\n`);
  });
});
