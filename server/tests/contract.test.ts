import { randomUUID, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrolResponse, SessionResponse } from '../../api/sync/enrolment';
import type { PushResponse } from '../../api/sync/push';
import { issueEnrolmentCode, revokeWorkstation } from '../admin/administration';
import { PASSWORD, startTestServer, type TestServer } from '../test-support/server-fixture';
import { TestWorkstation } from '../test-support/workstation-client';

let server: TestServer;
let ws: TestWorkstation;

beforeAll(async () => {
  server = await startTestServer();
  ws = await server.workstation('SP01', 'W1');
}, 60_000);
afterAll(async () => server?.close());

const counts = async () => {
  const [r] = await server.node.sql<{ ops: number; apps: number; feed: number; nonces: number }[]>`
    SELECT (SELECT count(*)::int FROM ops) AS ops, (SELECT count(*)::int FROM applications) AS apps,
           (SELECT count(*)::int FROM feed) AS feed, (SELECT count(*)::int FROM request_nonces) AS nonces`;
  return r;
};

/** A refusal a workstation can show: a 4xx with {code, messageKey}, nothing else, and no stack. */
function expectRefusal(res: { status: number; text: string }, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = JSON.parse(res.text) as { error: { code: string; messageKey: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.messageKey).toBe(`sync.error.${code}`);
  expect(res.text).not.toMatch(/at .*\.ts:\d+|stack|Error:/);
}

const emptyPush = { protocolVersion: 1, auditHead: null, ops: [] };

describe('bad input is refused with a clear 4xx and nothing stored', () => {
  it('malformed JSON, wrong types, unknown fields, oversize bodies, wrong content type', async () => {
    const before = await counts();
    const key = { 'idempotency-key': randomUUID() };
    expectRefusal(await ws.request('POST', '/v1/sync/push', { rawBody: '{"protocolVersion":1,', headers: key }), 400, 'bad_request');
    expectRefusal(await ws.request('POST', '/v1/sync/push', { body: { ...emptyPush, ops: 'none' }, headers: key }), 400, 'validation_failed');
    expectRefusal(await ws.request('POST', '/v1/sync/push', { body: { ...emptyPush, extra: true }, headers: key }), 400, 'validation_failed');
    expectRefusal(await ws.request('POST', '/v1/sync/push', { body: { ...emptyPush, protocolVersion: 2 }, headers: key }), 400, 'validation_failed');
    expectRefusal(
      await ws.request('POST', '/v1/sync/push', { rawBody: JSON.stringify({ ...emptyPush, pad: 'x'.repeat(3 * 1024 * 1024) }), headers: key }),
      413,
      'payload_too_large',
    );
    expectRefusal(await ws.request('POST', '/v1/sync/push', { rawBody: 'ops=1', contentType: 'text/plain', headers: key }), 415, 'unsupported_media_type');
    expectRefusal(await ws.request('POST', '/v1/sync/push', { body: emptyPush }), 400, 'validation_failed'); // no Idempotency-Key
    expectRefusal(await ws.request('GET', '/v1/sync/pull?wait=600'), 400, 'validation_failed');
    expectRefusal(await ws.request('GET', '/v1/sync/pull?cursor=bm90LWEtY3Vyc29y'), 400, 'validation_failed');
    expectRefusal(await ws.request('GET', '/v1/blobs/not-a-hash'), 400, 'validation_failed');
    expectRefusal(await ws.request('GET', '/v1/nothing-here'), 404, 'not_found');
    const after = await counts();
    expect({ ops: after?.ops, apps: after?.apps, feed: after?.feed }).toEqual({ ops: before?.ops, apps: before?.apps, feed: before?.feed });
  });

  it('forged, replayed, skewed and unsigned requests; an unknown or revoked workstation', async () => {
    const before = await counts();
    const { privateKey: other } = generateKeyPairSync('ed25519');
    expectRefusal(await ws.request('GET', '/v1/sync/ledger', { forge: { key: other } }), 401, 'signature_invalid');
    expectRefusal(await ws.request('GET', '/v1/sync/ledger', { forge: { signature: 'A'.repeat(86) } }), 401, 'signature_invalid');
    // A body swapped under a valid signature: the digest no longer matches.
    expectRefusal(
      await ws.request('POST', '/v1/sync/push', { body: emptyPush, forge: { digest: 'sha-256=:AAAA:' }, headers: { 'idempotency-key': randomUUID() } }),
      401,
      'signature_invalid',
    );
    expectRefusal(await ws.request('GET', '/v1/sync/ledger', { forge: { workstationId: 'SP01-ZZ' } }), 401, 'unknown_workstation');
    const skewed = await ws.request('GET', '/v1/sync/ledger', { forge: { timestamp: String(Math.floor(server.clock.seconds()) - 3600) } });
    expectRefusal(skewed, 401, 'clock_skew');
    expect(skewed.headers.get('counterdesk-server-time')).toBe(server.clock.now().toISOString());
    const unsigned = await fetch(`${server.node.url}/v1/sync/ledger`);
    expectRefusal({ status: unsigned.status, text: await unsigned.text() }, 401, 'signature_missing');
    const nonce = randomUUID();
    expect((await ws.request('GET', '/v1/sync/ledger', { forge: { nonce } })).status).toBe(200);
    expectRefusal(await ws.request('GET', '/v1/sync/ledger', { forge: { nonce } }), 401, 'replayed_request');
    const after = await counts();
    expect(after?.ops).toBe(before?.ops);
    // Only the one genuine request left a nonce: forged ones store nothing.
    expect(after?.nonces).toBe((before?.nonces ?? 0) + 1);

    const gone = await server.workstation('SP01', 'W7');
    expect((await gone.request('GET', '/v1/sync/ledger')).status).toBe(200);
    await revokeWorkstation(server.node.sql, server.clock.now, gone.id);
    expectRefusal(await gone.push([]), 401, 'workstation_revoked');
  });

  it('an enrolment code works once, for its own workstation, within its validity', async () => {
    const { code } = await issueEnrolmentCode(server.node.sql, server.clock.now, 'SP01', 'W5');
    const wrong = new TestWorkstation(server.node.url, 'SP01', 'W6', server.clock.seconds);
    await expect(wrong.enrol(code)).rejects.toThrow(/403.*enrolment_code_invalid/);
    const right = new TestWorkstation(server.node.url, 'SP01', 'W5', server.clock.seconds);
    const res: EnrolResponse = await right.enrol(code);
    expect(res).toMatchObject({ workstationId: 'SP01-W5', servicePoint: 'SP01', tlsSpkiSha256: null });
    const thief = new TestWorkstation(server.node.url, 'SP01', 'W5', server.clock.seconds);
    await expect(thief.enrol(code)).rejects.toThrow(/403.*enrolment_code_invalid/);
    const { code: late } = await issueEnrolmentCode(server.node.sql, server.clock.now, 'SP01', 'W8');
    server.clock.advance(25 * 3600);
    try {
      await expect(new TestWorkstation(server.node.url, 'SP01', 'W8', server.clock.seconds).enrol(late)).rejects.toThrow(/403/);
    } finally {
      server.clock.advance(-25 * 3600);
    }
  });

  it('every response to a signed request is signed by the key pinned at enrolment', async () => {
    const ok = await ws.request('GET', '/v1/sync/ledger');
    expect(ok.serverSigned).toBe(true);
    const refused = await ws.request('GET', '/v1/sync/pull?limit=0');
    expect(refused.status).toBe(400);
    expect(refused.serverSigned).toBe(true);
    const pinnedElsewhere = new TestWorkstation(server.node.url, 'SP01', 'W1', server.clock.seconds);
    Object.assign(pinnedElsewhere, { privateKey: ws.privateKey, serverKey: 'A'.repeat(43) });
    expect((await pinnedElsewhere.request('GET', '/v1/sync/ledger')).serverSigned).toBe(false);
  });

  it('a person signs in through the workstation; a wrong password and an unknown user get the same answer', async () => {
    const s = await ws.request('POST', '/v1/session', { body: { protocolVersion: 1, staffNumber: 'C1', password: PASSWORD } });
    expect(s.status).toBe(200);
    const session = s.json<SessionResponse>();
    expect(session.user).toMatchObject({ staffNumber: 'C1', roles: ['clerk'] });
    expectRefusal(
      await ws.request('POST', '/v1/session', { body: { protocolVersion: 1, staffNumber: 'C1', password: 'wrong password' } }),
      401,
      'sign_in_failed',
    );
    expectRefusal(await ws.request('POST', '/v1/session', { body: { protocolVersion: 1, staffNumber: 'NOBODY', password: PASSWORD } }), 401, 'sign_in_failed');
    const withSession = await ws.request('POST', '/v1/sync/push', { body: emptyPush, session: session.token, headers: { 'idempotency-key': randomUUID() } });
    expect(withSession.json<PushResponse>().ackedThrough).toBe(0);
    expectRefusal(await ws.request('GET', '/v1/sync/ledger', { session: 'x'.repeat(43) }), 401, 'session_invalid');
  });

  it('health, readiness and the OpenAPI document', async () => {
    expect(await (await fetch(`${server.node.url}/health`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${server.node.url}/ready`)).json()).toMatchObject({ status: 'ready', database: true });
    const doc = (await (await fetch(`${server.node.url}/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/enrol', '/v1/session', '/v1/sync/push', '/v1/sync/pull', '/v1/sync/ledger', '/v1/blobs/{sha256}']),
    );
  });
});
