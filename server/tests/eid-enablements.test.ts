import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../api/sync/pull';
import type { PushResponse } from '../../api/sync/push';
import type { SightedId } from '../../api/contracts/security-code-contract';
import { phoneQr } from '../../domain/security-code/test-support';
import { importReference } from '../admin/administration';
import { newRecordId, startTestServer, type TestServer } from '../test-support/server-fixture';
import type { TestWorkstation } from '../test-support/workstation-client';

// Issue 16 item 4 against a real PostgreSQL: the server re-checks an enablement made at a
// counter with the same FAQ 18/19 check tables, on its own reference data; consumes the QR's
// nonce once for all counters (two workstations on two nodes pushing the same QR at the same
// moment: one accepted, one refused); and publishes the login's new state to every workstation.

const HK: SightedId = { type: 'hk_id', number: 'A123456(3)' };
const BIR: SightedId = { type: 'mo_bir_permanent', number: '1234567(8)' };

const login = (loginId: string, over: Record<string, unknown> = {}) => ({
  loginId,
  entityNumber: '500123',
  idType: 'hk_id' as const,
  idNumber: 'A123456(3)',
  activated: true,
  faceRecognition: 'disabled' as const,
  ...over,
});

let server: TestServer;
let w1: TestWorkstation;
let w2: TestWorkstation;

beforeAll(async () => {
  server = await startTestServer();
  await importReference(server.node.sql, server.clock.now, {
    entities: [
      { entityNumber: '500123', names: { zh: '測試有限公司' }, registrationNumbers: [] },
      { entityNumber: '500777', names: { zh: '另一公司' }, registrationNumbers: [] },
    ],
    staffLogins: [
      login('lee.hk'),
      login('race.hk'),
      login('twice.hk'),
      login('late.hk'),
      login('lee.hk.777', { entityNumber: '500777' }),
      login('new.hk', { activated: false }),
      login('on.hk', { securityCode: 'enabled' }),
      login('chan.mo', { idType: 'mo_bir_permanent', idNumber: '1234567(8)' }),
      login('wong.mo', { idType: 'mo_bir_permanent', idNumber: '1234567(8)', faceRecognition: 'enabled' }),
      login('ho.mo', { idType: 'mo_bir_permanent', idNumber: '1234567(8)', activated: false }),
      login('lam.mo', { idType: 'mo_bir_permanent', idNumber: '1234567(8)' }),
    ],
  });
  w1 = await server.workstation('SP01', 'W1');
  w2 = await server.workstation('SP01', 'W2', await server.addNode());
}, 60_000);
afterAll(async () => server?.close());

const now = () => server.clock.now();

async function scOp(
  ws: TestWorkstation,
  o: { loginId?: string; entityNumber?: string; qrEntity?: string; qrText?: string; sighted?: SightedId; original?: boolean; actor?: string; at?: Date } = {},
) {
  const loginId = o.loginId ?? 'lee.hk';
  const entityNumber = o.entityNumber ?? '500123';
  const qrText = o.qrText ?? (await phoneQr({ entityNumber: o.qrEntity ?? entityNumber, staffLoginId: loginId, issuedAt: o.at ?? now() })).text;
  return opOf(ws, {
    tool: 'security_code',
    loginId,
    entityNumber,
    qrText,
    sighted: o.sighted ?? HK,
    original: o.original ?? true,
    actor: o.actor ?? 'C1',
    at: o.at ?? now(),
  });
}

function opOf(
  ws: TestWorkstation,
  o: {
    tool: 'security_code' | 'face_recognition';
    loginId: string;
    entityNumber: string;
    qrText?: string;
    sighted: SightedId;
    original: boolean;
    actor: string;
    at: Date;
  },
) {
  const payload = {
    tool: o.tool,
    visitId: newRecordId(),
    entityNumber: o.entityNumber,
    staffLoginId: o.loginId,
    ...(o.qrText !== undefined ? { qrText: o.qrText } : {}),
    sightedId: o.sighted,
    originalSighted: o.original,
    clerk: `staff:${o.actor}`,
    at: o.at.toISOString(),
  };
  return ws.op('eid.enable', newRecordId(), payload, { actor: o.actor });
}

async function pushOne(ws: TestWorkstation, op: Awaited<ReturnType<typeof scOp>>) {
  const res = await ws.push([op]);
  expect(res.status).toBe(200);
  return res.json<PushResponse>().results[0];
}

const loginData = async (loginId: string) =>
  (await server.node.sql<{ data: Record<string, unknown> }[]>`SELECT data FROM staff_logins WHERE login_id = ${loginId}`)[0]?.data;

describe('eid.enable: the server re-checks and consumes the nonce', () => {
  it('accepts a valid enablement, marks the login on and tells every workstation through pull', async () => {
    const op = await scOp(w1);
    expect(await pushOne(w1, op)).toMatchObject({ status: 'applied', version: 1 });
    expect(await loginData('lee.hk')).toMatchObject({ securityCode: 'enabled' });
    // Another workstation, on the other node, pulls the login's new state.
    const pulled = (await w2.request('GET', '/v1/sync/pull?limit=1000')).json<PullResponse>();
    const change = pulled.changes.filter((c) => c.kind === 'staff_login' && c.id === 'lee.hk').at(-1);
    expect(change?.data).toMatchObject({ loginId: 'lee.hk', securityCode: 'enabled' });
    const [row] = await server.node.sql`SELECT workstation_id, clerk, staff_login_id FROM eid_enablements WHERE id = ${op.recordId}::uuid`;
    expect(row).toMatchObject({ workstation_id: w1.id, clerk: 'C1', staff_login_id: 'lee.hk' });
    // The same op again (a lost answer): the same outcome, nothing consumed twice.
    expect((await w1.push([op])).json<PushResponse>().results[0]).toMatchObject({ status: 'duplicate', original: { status: 'applied' } });
  });

  it('two workstations on two nodes push the same QR at once: exactly one is accepted, the other refused as consumed', async () => {
    const qrText = (await phoneQr({ entityNumber: '500123', staffLoginId: 'race.hk', issuedAt: now() })).text;
    const a = await scOp(w1, { loginId: 'race.hk', qrText });
    const b = await scOp(w2, { loginId: 'race.hk', qrText });
    const [ra, rb] = await Promise.all([w1.push([a]), w2.push([b])]);
    const results = [ra.json<PushResponse>().results[0], rb.json<PushResponse>().results[0]];
    expect(results.map((r) => r?.status).sort()).toEqual(['applied', 'rejected']);
    expect(results.find((r) => r?.status === 'rejected')).toMatchObject({
      reason: { code: 'eid_nonce_consumed', messageKey: 'eid.server.nonce_consumed' },
    });
    const [n] = await server.node.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM eid_enablements WHERE staff_login_id = 'race.hk'`;
    expect(n?.n).toBe(1);
  });

  it('the same QR pushed again later, from another workstation, is refused as consumed (replay)', async () => {
    const qrText = (await phoneQr({ entityNumber: '500123', staffLoginId: 'twice.hk', issuedAt: now() })).text;
    expect(await pushOne(w1, await scOp(w1, { loginId: 'twice.hk', qrText }))).toMatchObject({ status: 'applied' });
    expect(await pushOne(w2, await scOp(w2, { loginId: 'twice.hk', qrText }))).toMatchObject({
      status: 'rejected',
      reason: { code: 'eid_nonce_consumed' },
    });
  });

  it('an enablement queued offline is judged as of when the counter checked it, not when it arrives', async () => {
    const checked = now();
    const op = await scOp(w1, { loginId: 'late.hk', at: checked });
    server.clock.advance(3 * 3600);
    try {
      expect(await pushOne(w1, op)).toMatchObject({ status: 'applied' });
    } finally {
      server.clock.advance(-3 * 3600);
    }
  });

  const refusals: [string, () => Promise<Awaited<ReturnType<typeof scOp>>>, string][] = [
    [
      'a forged signature',
      async () => scOp(w1, { qrText: (await phoneQr({ entityNumber: '500123', staffLoginId: 'lee.hk', issuedAt: now(), forge: 'other_key' })).text }),
      'sc.check.signature',
    ],
    ['a misread QR (check digit)', () => scOp(w1, { qrText: '8530123' }), 'sc.qr.check_digit'],
    [
      'an expired QR (at the counter, beyond the skew)',
      async () =>
        scOp(w1, {
          loginId: 'new.hk',
          qrText: (await phoneQr({ entityNumber: '500123', staffLoginId: 'new.hk', issuedAt: new Date(now().getTime() - 600_000) })).text,
        }),
      'sc.check.expired',
    ],
    ['an entity number other than the QR’s', () => scOp(w1, { loginId: 'lee.hk.777', entityNumber: '500123', qrEntity: '500777' }), 'sc.check.entity_mismatch'],
    ['a login the server does not know', () => scOp(w1, { loginId: 'ghost.hk' }), 'sc.check.login_unknown'],
    ['a login not activated', () => scOp(w1, { loginId: 'new.hk' }), 'sc.check.not_activated'],
    ['a Macau-ID login (face recognition instead, FAQ 18)', () => scOp(w1, { loginId: 'chan.mo', sighted: BIR }), 'sc.check.macau_id'],
    ['a login whose security code is already on', () => scOp(w1, { loginId: 'on.hk' }), 'sc.check.already_on'],
    [
      'an ID other than the registered one',
      () => scOp(w1, { loginId: 'lee.hk.777', entityNumber: '500777', sighted: { type: 'hk_id', number: 'B234567(8)' } }),
      'sc.check.id_mismatch',
    ],
    ['no original ID sighted', () => scOp(w1, { loginId: 'lee.hk.777', entityNumber: '500777', original: false }), 'sc.check.not_original'],
  ];
  it.each(refusals)('refuses %s with the check’s own reason, consuming nothing', async (_name, make, messageKey) => {
    const op = await make();
    expect(await pushOne(w1, op)).toMatchObject({ status: 'rejected', reason: { code: 'eid_refused', messageKey } });
    const [n] = await server.node.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM eid_enablements WHERE id = ${op.recordId}::uuid`;
    expect(n?.n).toBe(0);
    expect(await loginData('lee.hk.777')).not.toHaveProperty('securityCode');
  });

  it('uses the configured clock skew: a QR issued 60 s ahead passes with 90 s allowed, not with the default 30 s', async () => {
    const ahead = async () =>
      scOp(w1, {
        loginId: 'lee.hk.777',
        entityNumber: '500777',
        qrText: (await phoneQr({ entityNumber: '500777', staffLoginId: 'lee.hk.777', issuedAt: new Date(now().getTime() + 60_000) })).text,
      });
    expect(await pushOne(w1, await ahead())).toMatchObject({ status: 'rejected', reason: { messageKey: 'sc.check.not_yet_valid' } });
    await server.node
      .sql`INSERT INTO settings (key, value) VALUES ('securityCode.skewSeconds', ${90 as never}) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`;
    try {
      expect(await pushOne(w1, await ahead())).toMatchObject({ status: 'applied' });
    } finally {
      await server.node.sql`DELETE FROM settings WHERE key = 'securityCode.skewSeconds'`;
    }
  });
});

describe('eid.enable: face recognition re-enable (FAQ 18) is re-checked likewise', () => {
  const fr = (loginId: string, sighted = BIR, original = true) =>
    opOf(w1, { tool: 'face_recognition', loginId, entityNumber: '500123', sighted, original, actor: 'C1', at: now() });

  it('re-enables a Macau-ID login that switched it off, and publishes it', async () => {
    expect(await pushOne(w1, fr('chan.mo'))).toMatchObject({ status: 'applied' });
    expect(await loginData('chan.mo')).toMatchObject({ faceRecognition: 'enabled' });
  });

  it.each([
    ['already on', 'wong.mo', BIR, 'fr.check.already_on'],
    ['not activated', 'ho.mo', BIR, 'fr.check.not_activated'],
    ['a non-Macau ID login', 'lee.hk', HK, 'fr.check.non_macau_id'],
    ['another ID shown', 'lam.mo', { type: 'mo_bir_permanent', number: '5123456(7)' } as SightedId, 'fr.check.id_mismatch'],
  ] as const)('refuses %s', async (_name, loginId, sighted, messageKey) => {
    expect(await pushOne(w1, fr(loginId, sighted))).toMatchObject({ status: 'rejected', reason: { code: 'eid_refused', messageKey } });
  });
});
