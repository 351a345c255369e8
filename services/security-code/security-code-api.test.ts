import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EnablementOpPayloadSchema, type SightedId } from '../../api/contracts/security-code-contract';
import type { ReferenceStaffLoginInput } from '../intake/reference-file';
import { phoneQr } from '../../domain/security-code/test-support';
import { TEST_PASSWORD_PARAMS } from '../auth/test-support';
import { createAppCore, type AppCore } from '../core/app-core';
import { apiClient } from '../core/test-support';
import { pdfToText } from '../receipts/__fixtures__/pdf-tools';
import { ENABLEMENT_TOPIC } from './enablement-service';

// Issue 16 through a whole core, as the screens call it: what the clerk and the person would
// notice — a code enabled and queued, a replayed or wrong code refused with its reason and
// nothing stored, one record and receipt line per entity (FAQ 19), face recognition (FAQ 18).

const NOW = new Date('2026-11-23T03:00:00Z'); // 11:00 in Macau

const LOGINS: ReferenceStaffLoginInput[] = [
  { loginId: 'lee.hk', entityNumber: '500123', idType: 'hk_id', idNumber: 'A123456(3)', activated: true, faceRecognition: 'disabled' },
  { loginId: 'lee.hk', entityNumber: '500777', idType: 'hk_id', idNumber: 'A123456(3)', activated: true, faceRecognition: 'disabled' },
  { loginId: 'new.hk', entityNumber: '500123', idType: 'hk_id', idNumber: 'B234567(8)', activated: false, faceRecognition: 'disabled' },
  { loginId: 'on.hk', entityNumber: '500123', idType: 'passport', idNumber: 'P1234567', activated: true, faceRecognition: 'disabled', securityCode: 'enabled' },
  { loginId: 'chan.mo', entityNumber: '500123', idType: 'mo_bir_permanent', idNumber: '1234567(8)', activated: true, faceRecognition: 'disabled' },
  { loginId: 'wong.mo', entityNumber: '500123', idType: 'mo_bir_permanent', idNumber: '5123456(7)', activated: true, faceRecognition: 'enabled' },
];
const HK: SightedId = { type: 'hk_id', number: 'A123456(3)' };
const BIR: SightedId = { type: 'mo_bir_permanent', number: '1234567(8)' };

describe('security code and face recognition through the API', () => {
  let dir: string;
  let core: AppCore;
  let now = NOW;
  const { call, value, as } = apiClient(() => core);
  const qr = async (entityNumber = '500123', staffLoginId = 'lee.hk', issuedAt = now) => (await phoneQr({ entityNumber, staffLoginId, issuedAt })).text;
  const request = async (over: Partial<{ entityNumber: string; qrText: string; originalSighted: boolean; sightedId: SightedId }> = {}) => ({
    entityNumber: '500123',
    qrText: over.qrText ?? (await qr(over.entityNumber ?? '500123')),
    sightedId: HK,
    originalSighted: true,
    ...over,
  });
  const failed = (v: { checks: { id: string; status: string; messageKey: string }[] }) =>
    v.checks.filter((c) => c.status === 'fail').map((c) => `${c.id}:${c.messageKey}`);
  const stored = () => ({
    enablements: core.store.db.prepare('SELECT count(*) FROM eid_enablements').pluck().get(),
    outbox: core.store.outbox.pending().filter((o) => o.topic === ENABLEMENT_TOPIC).length,
  });

  beforeEach(async () => {
    now = NOW;
    dir = mkdtempSync(join(tmpdir(), 'counterdesk-eid-'));
    writeFileSync(
      join(dir, 'workstation.json'),
      JSON.stringify({ workstationId: 'W07', servicePoint: { code: 'SP01', nameZh: '測試服務點', namePt: 'Posto de teste' } }),
    );
    core = createAppCore({ dataDir: dir, key: Buffer.alloc(32, 7), version: 'test', clock: () => now, session: { passwordParams: TEST_PASSWORD_PARAMS } });
    core.services.reference.importFile({
      entities: [
        { entityNumber: '500123', names: { zh: '澳門測試有限公司' }, registrationNumbers: [] },
        { entityNumber: '500777', names: { pt: 'Associação de Teste' }, registrationNumbers: [] },
      ],
      staffLogins: LOGINS,
    });
    await as('C1');
  });
  afterEach(() => {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a valid code passes every check, is recorded as queued, and the receipt line says it completes at sync', async () => {
    const req = await request();
    const verdict = await value('securityCode.verify', req);
    expect(verdict).toMatchObject({ ok: true, advice: 'none', qr: { staffLoginId: 'lee.hk', entityNumber: '500123' } });
    expect(verdict.checks.every((c) => c.status === 'pass')).toBe(true);
    expect(stored()).toEqual({ enablements: 0, outbox: 0 }); // verify stores nothing

    const { record } = await value('securityCode.enable', { ...req, visitId: 'visit-1' });
    expect(record).toMatchObject({
      tool: 'security_code',
      state: 'queued',
      entityNumber: '500123',
      staffLoginId: 'lee.hk',
      idType: 'hk_id',
      createdBy: 'staff:C1',
    });
    expect(record?.idNumberMasked).not.toContain('123456');
    expect(record?.receiptLine).toEqual({ messageKey: 'eid.receipt.security_code.queued', params: { entityNumber: '500123', loginId: 'lee.hk' } });
    expect(stored()).toEqual({ enablements: 1, outbox: 1 });
    const out = core.store.outbox.pending().find((o) => o.topic === ENABLEMENT_TOPIC);
    expect(EnablementOpPayloadSchema.safeParse(out?.payload).success).toBe(true);
    expect(out?.payload).toMatchObject({ tool: 'security_code', qrText: req.qrText, entityNumber: '500123', staffLoginId: 'lee.hk', clerk: 'staff:C1' });
    expect(core.store.audit.forSubject(record?.id ?? '').map((e) => e.action)).toEqual(['eid_enable']);
    expect((await value('enablements.today')).records.map((r) => r.id)).toEqual([record?.id]);
  });

  it('the same QR scanned again is a replay; a fresh QR for the same login says the code is already on', async () => {
    const req = await request();
    await value('securityCode.enable', { ...req, visitId: 'visit-1' });
    const again = await value('securityCode.enable', { ...req, visitId: 'visit-2' });
    expect(again.record).toBeUndefined();
    expect(again.verdict.advice).toBe('new_code');
    expect(failed(again.verdict)).toEqual(['replay:sc.check.replay', 'not_already_on:sc.check.already_on']);
    const fresh = await value('securityCode.verify', await request());
    expect(failed(fresh)).toEqual(['not_already_on:sc.check.already_on']);
    expect(stored()).toEqual({ enablements: 1, outbox: 1 });
  });

  it('two enables of one QR at once record it once', async () => {
    const req = { ...(await request()), visitId: 'visit-1' };
    const [a, b] = await Promise.all([value('securityCode.enable', req), value('securityCode.enable', req)]);
    expect([a.record, b.record].filter(Boolean)).toHaveLength(1);
    expect(stored()).toEqual({ enablements: 1, outbox: 1 });
  });

  it('offline it stays queued; the server’s answer reaches the work list and the receipt (confirmed, or refused with its reason)', async () => {
    const first = (await value('securityCode.enable', { ...(await request()), visitId: 'v' })).record;
    const second = (await value('securityCode.enable', { ...(await request({ entityNumber: '500777' })), entityNumber: '500777', visitId: 'v' })).record;
    expect((await value('enablements.today')).records.map((r) => r.state)).toEqual(['queued', 'queued']);
    expect(core.services.securityCode.recordServerAnswer(first?.id ?? '', { outcome: 'confirmed' })).toBe(true);
    expect(core.services.securityCode.recordServerAnswer(first?.id ?? '', { outcome: 'refused', code: 'eid_refused', messageKey: 'eid.server.refused' })).toBe(
      false,
    ); // answered once
    expect(
      core.services.securityCode.recordServerAnswer(second?.id ?? '', {
        outcome: 'refused',
        code: 'eid_nonce_consumed',
        messageKey: 'eid.server.nonce_consumed',
      }),
    ).toBe(true);
    const receipt = await value('enablements.receipt', { visitId: 'v' });
    expect(receipt.lines.map((l) => l.messageKey)).toEqual(['eid.receipt.security_code.confirmed', 'eid.receipt.security_code.refused']);
    expect(receipt.records[1]).toMatchObject({ state: 'refused', refusal: { messageKey: 'eid.server.nonce_consumed' } });
    // Refused by the server: the person may try again with a new code.
    expect((await value('securityCode.verify', await request({ entityNumber: '500777' }))).ok).toBe(true);
  });

  it('a server reason the catalogue does not know is shown as the generic refusal, never as a raw key', async () => {
    const rec = (await value('securityCode.enable', { ...(await request()), visitId: 'visit-x' })).record;
    core.services.securityCode.recordServerAnswer(rec?.id ?? '', { outcome: 'refused', code: 'eid_refused', messageKey: 'made.up.key', params: { a: 1 } });
    expect((await value('enablements.receipt', { visitId: 'visit-x' })).records[0]).toMatchObject({
      state: 'refused',
      refusal: { messageKey: 'eid.server.refused' },
    });
  });

  it('the person’s receipt for the visit is a PDF with each entity’s line in its state; an unknown visit is refused', async () => {
    await value('securityCode.enable', { ...(await request()), visitId: 'visit-r' });
    const file = await value('enablements.receiptPdf', { visitId: 'visit-r' });
    expect(file.reference).toMatch(/^EID-W07-20261123-/);
    const text = pdfToText(Buffer.from(file.pdfBase64, 'base64')).replace(/\s+/g, '');
    expect(text).toContain('實體500123');
    expect(text).toContain('待與中央系統同步後完成');
    expect(await call('enablements.receiptPdf', { visitId: 'no-such-visit' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('FAQ 19: a second entity for the same person is its own record and receipt line in the same visit', async () => {
    await value('securityCode.enable', { ...(await request()), visitId: 'visit-9' });
    // The person gives the second entity's number but still shows the first entity's QR.
    const wrong = await value('securityCode.enable', { ...(await request()), entityNumber: '500777', visitId: 'visit-9' });
    expect(failed(wrong.verdict)[0]).toBe('entity_number:sc.check.entity_mismatch');
    expect(wrong.verdict.advice).toBe('new_code');
    const second = await value('securityCode.enable', { ...(await request({ entityNumber: '500777' })), visitId: 'visit-9' });
    expect(second.record).toMatchObject({ entityNumber: '500777', visitId: 'visit-9' });
    const receipt = await value('enablements.receipt', { visitId: 'visit-9' });
    expect(receipt.lines.map((l) => l.params?.['entityNumber'])).toEqual(['500123', '500777']);
  });

  const refusals: [string, () => Promise<Parameters<typeof request>[0]>, string[], string][] = [
    ['garbage', async () => ({ qrText: 'hello, counter' }), ['format:sc.qr.not_security_code'], 'new_code'],
    ['oversized', async () => ({ qrText: '8530' + '7'.repeat(5000) }), ['format:sc.qr.oversized'], 'new_code'],
    ['non-UTF-8 text', async () => ({ qrText: '8530\uFFFD\uFFFD1234' }), ['format:sc.qr.not_security_code'], 'new_code'],
    [
      'a digit misread',
      async () => ({ qrText: (await qr()).replace(/^(.{40})(\d)/, (_m, a: string, d: string) => a + String((Number(d) + 1) % 10)) }),
      ['check_digit:sc.qr.check_digit'],
      'scan_again',
    ],
    [
      'bad signature',
      async () => ({ qrText: (await phoneQr({ entityNumber: '500123', staffLoginId: 'lee.hk', issuedAt: NOW, forge: 'other_key' })).text }),
      ['signature:sc.check.signature'],
      'refuse',
    ],
    ['expired', async () => ({ qrText: await qr('500123', 'lee.hk', new Date(NOW.getTime() - 200_000)) }), ['expiry:sc.check.expired'], 'new_code'],
    [
      'login not activated',
      async () => ({ qrText: await qr('500123', 'new.hk'), sightedId: { type: 'hk_id', number: 'B234567(8)' } }),
      ['activated:sc.check.not_activated'],
      'refuse',
    ],
    [
      'security code already on',
      async () => ({ qrText: await qr('500123', 'on.hk'), sightedId: { type: 'passport', number: 'P1234567' } }),
      ['not_already_on:sc.check.already_on'],
      'refuse',
    ],
    [
      'Macau ID (face recognition instead, FAQ 18)',
      async () => ({ qrText: await qr('500123', 'chan.mo'), sightedId: BIR }),
      ['non_macau_id:sc.check.macau_id'],
      'face_recognition',
    ],
    ['another ID shown', async () => ({ sightedId: { type: 'hk_id', number: 'B234567(8)' } }), ['id_matches:sc.check.id_mismatch'], 'refuse'],
    ['a copy, not the original', async () => ({ originalSighted: false }), ['original_sighted:sc.check.not_original'], 'refuse'],
    ['unknown login', async () => ({ qrText: await qr('500123', 'nobody') }), ['login_exists:sc.check.login_unknown'], 'refuse'],
  ];
  it.each(refusals)('%s is refused with its reason and nothing is stored', async (_name, over, fails, advice) => {
    const { verdict, record } = await value('securityCode.enable', { ...(await request(await over())), visitId: 'v' });
    expect(record).toBeUndefined();
    expect(failed(verdict)).toEqual(fails);
    expect(verdict.advice).toBe(advice);
    expect(stored()).toEqual({ enablements: 0, outbox: 0 });
  });

  it('a code issued slightly in the future is accepted within the skew, refused beyond it', async () => {
    expect((await value('securityCode.verify', await request({ qrText: await qr('500123', 'lee.hk', new Date(NOW.getTime() + 20_000)) }))).ok).toBe(true);
    const ahead = await value('securityCode.verify', await request({ qrText: await qr('500123', 'lee.hk', new Date(NOW.getTime() + 90_000)) }));
    expect(failed(ahead)).toEqual(['expiry:sc.check.not_yet_valid']);
    // The workstation's setting narrows it.
    core.store.settings.set('securityCode.skewSeconds', 0, 'admin:test');
    const early = await value('securityCode.verify', await request({ qrText: await qr('500123', 'lee.hk', new Date(NOW.getTime() + 20_000)) }));
    expect(failed(early)).toEqual(['expiry:sc.check.not_yet_valid']);
  });

  it('whatever a scanner types, nothing but a genuine code is ever enabled or stored', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 600 }), fc.stringMatching(/^8530\d{300,500}$/), fc.string({ unit: 'binary', maxLength: 300 })),
        async (qrText) => {
          const r = await value('securityCode.enable', { ...(await request({ qrText })), visitId: 'fuzz' });
          expect(r.record).toBeUndefined();
          expect(r.verdict.ok).toBe(false);
        },
      ),
      { numRuns: 30 },
    );
    expect(stored()).toEqual({ enablements: 0, outbox: 0 });
  });

  it('nobody signed in: refused, nothing stored', async () => {
    await call('auth.signOut');
    const r = await call('securityCode.enable', { ...(await request()), visitId: 'v' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('unauthorised');
    expect(stored()).toEqual({ enablements: 0, outbox: 0 });
  });

  describe('face recognition re-enable (FAQ 18)', () => {
    const fr = (staffLoginId: string, sightedId: SightedId = BIR, originalSighted = true) => ({
      entityNumber: '500123',
      staffLoginId,
      sightedId,
      originalSighted,
    });

    it('a Macau-ID login whose face recognition was switched off is re-enabled once, queued', async () => {
      const found = await value('faceRecognition.find', fr('chan.mo'));
      expect(found).toMatchObject({ verdict: { ok: true }, login: { faceRecognition: 'disabled', activated: true } });
      const { record } = await value('faceRecognition.reenable', { ...fr('chan.mo'), visitId: 'v-fr' });
      expect(record).toMatchObject({ tool: 'face_recognition', state: 'queued', receiptLine: { messageKey: 'eid.receipt.face_recognition.queued' } });
      const again = await value('faceRecognition.reenable', { ...fr('chan.mo'), visitId: 'v-fr' });
      expect(again.record).toBeUndefined();
      expect(failed(again.verdict)).toEqual(['switched_off:fr.check.already_on']);
    });

    it('already on, not a Macau ID, unknown login, a copy: each refused with its reason', async () => {
      expect(
        failed((await value('faceRecognition.reenable', { ...fr('wong.mo', { type: 'mo_bir_permanent', number: '5123456(7)' }), visitId: 'v' })).verdict),
      ).toEqual(['switched_off:fr.check.already_on']);
      expect(failed((await value('faceRecognition.find', fr('lee.hk', HK))).verdict)).toEqual(['macau_id:fr.check.non_macau_id']);
      expect(failed((await value('faceRecognition.find', fr('nobody'))).verdict)).toEqual(['login_exists:fr.check.login_unknown']);
      expect(failed((await value('faceRecognition.find', fr('chan.mo', BIR, false))).verdict)).toEqual(['original_sighted:fr.check.not_original']);
      expect(stored().enablements).toBe(0);
    });
  });
});
