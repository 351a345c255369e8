import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IntakeRecord } from '../intake';
import { parseApplicationNumber } from '../../domain/application-number';
import type { Application } from '../../domain/model/application';
import { sampleFirstApplication, sampleFirstApplicationWithAttorney } from '../../domain/rules/sample-applications';
import { TEST_PASSWORD_PARAMS } from '../auth/test-support';
import { createAppCore, type AppCore } from '../core/app-core';
import { apiClient } from '../core/test-support';
import { saveWithScans, storeScansFor, uploadScan, uploadScansFor } from '../attachments/test-support';
import { createReferenceRepo } from '../intake';
import { searchTerms } from '../../domain/search-terms';

// Issue 5 through a whole core, as the renderer calls it: what a clerk would notice if the
// intake API got it wrong (a lost tick, a forged "who ticked", two forms with one number, a
// duplicate entity let through, another clerk's form on screen).

const NOW = new Date('2026-11-23T03:00:00Z'); // 11:00 in Macau

describe('intake through the API', () => {
  let dir: string;
  let core: AppCore;
  let now = NOW;
  const { call, value, raw, as } = apiClient(() => core);
  const create = () => value('intake.create', { kind: 'first_application' });
  /** The form's scans put in for real first (the core lists only what its table holds), then saved. */
  const save = (rec: IntakeRecord, application: Application) => saveWithScans({ value }, rec, application, core.store);
  /** A complete form typed in and submitted by whoever is signed in. */
  const submitted = async (app: Application = sampleFirstApplication()) => {
    const draft = await create();
    storeScansFor(core.store, draft.id, app);
    const rec = await value('intake.save', { id: draft.id, expectedRevision: draft.revision, application: app });
    return value('intake.submit', { id: rec.id, expectedRevision: rec.revision });
  };
  const requirement = (rec: IntakeRecord, id: string) => rec.assessment.requirements.find((r) => r.id === id);

  beforeEach(() => {
    now = NOW;
    dir = mkdtempSync(join(tmpdir(), 'counterdesk-intake-'));
    writeFileSync(
      join(dir, 'workstation.json'),
      JSON.stringify({ workstationId: 'W07', servicePoint: { code: 'SP01', nameZh: '測試服務點', namePt: 'Posto de teste' } }),
    );
    core = createAppCore({ dataDir: dir, key: Buffer.alloc(32, 7), version: 'test', session: { passwordParams: TEST_PASSWORD_PARAMS, clock: () => now } });
  });
  afterEach(() => {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a new form is an empty draft whose checklist already says what is missing', async () => {
    await as('C1');
    const rec = await create();
    expect(rec).toMatchObject({ kind: 'first_application', status: 'draft', applicationNumber: null, readOnly: false, duplicates: [] });
    expect(rec.assessment.blockingCount).toBeGreaterThan(0);
    expect(requirement(rec, 'admins.count')?.status ?? requirement(rec, 'admins.count.min')?.status).not.toBe('met');
  });

  it('every save returns the checklist for what was typed, with its FAQ source', async () => {
    await as('C1');
    const rec = await create();
    const before = rec.assessment.requirements.filter((r) => r.status === 'missing').length;
    await uploadScansFor({ value }, rec.id, sampleFirstApplication());
    const scanned = await value('intake.get', { id: rec.id });
    const saved = await value('intake.save', { id: rec.id, expectedRevision: scanned.revision, application: sampleFirstApplication() });
    expect(saved.revision).toBe(scanned.revision + 1);
    expect(saved.assessment.blockingCount).toBe(0);
    expect(saved.assessment.requirements.filter((r) => r.status === 'missing').length).toBeLessThan(before);
    expect(saved.assessment.requirements.every((r) => r.source !== '')).toBe(true);
    // Reopened later, it is the same form.
    expect(await value('intake.get', { id: rec.id })).toEqual(saved);
  });

  it('stamps eye-check ticks with the signed-in clerk and the time, ignoring what the renderer claims', async () => {
    await as('C1');
    let rec = await create();
    const app = { ...rec.application, checks: { 'paper.application_form.sealed': { by: 'S999', at: '2020-01-01T00:00:00Z' } } };
    rec = await save(rec, app);
    expect(rec.application.checks['paper.application_form.sealed']).toEqual({ by: 'C1', at: NOW.toISOString() });
    expect(rec.tickers).toEqual({ C1: expect.stringContaining('職員 C1') });
    // A later save keeps the first stamp whatever comes back; a tick left out is removed.
    now = new Date(NOW.getTime() + 60_000);
    rec = await save(rec, {
      ...rec.application,
      checks: { 'paper.application_form.sealed': { by: 'X', at: now.toISOString() }, 'paper.agreement.signed': { by: 'X', at: 'x' } },
    });
    expect(rec.application.checks).toEqual({
      'paper.application_form.sealed': { by: 'C1', at: NOW.toISOString() },
      'paper.agreement.signed': { by: 'C1', at: now.toISOString() },
    });
    rec = await save(rec, { ...rec.application, checks: {} });
    expect(rec.application.checks).toEqual({});
  });

  it('refuses to open stored data it cannot read, rather than showing a blank form the autosave would write back', async () => {
    await as('C1');
    const rec = core.store.applications.createDraft({
      kind: 'first_application',
      data: { kind: 'first_application', entity: { names: { zh: '甲' } }, futureField: 1 },
      search: { entityNames: ['甲'], registrationNumbers: [], idNumbers: [] },
      actor: 'staff:C1',
    });
    expect(await call('intake.get', { id: rec.id })).toMatchObject({ ok: false, error: { code: 'unavailable', messageKey: 'intake.error.unreadable' } });
    expect(await call('intake.save', { id: rec.id, expectedRevision: rec.revision, application: sampleFirstApplication() })).toMatchObject({
      ok: false,
      error: { messageKey: 'intake.error.unreadable' },
    });
    expect(core.store.applications.get(rec.id)?.data).toMatchObject({ futureField: 1 });
    // A walking-skeleton draft still opens, its names carried over.
    const legacy = core.store.applications.createDraft({
      kind: 'first_application',
      data: { entity: { type: 'association', nameZh: '乙會', namePt: '' } },
      search: { entityNames: ['乙會'], registrationNumbers: [], idNumbers: [] },
      actor: 'staff:C1',
    });
    expect((await value('intake.get', { id: legacy.id })).application.entity).toMatchObject({ type: 'association', names: { zh: '乙會' } });
  });

  it('refuses a save from a stale revision (another tab, a lost response) instead of overwriting', async () => {
    await as('C1');
    const rec = await create();
    await save(rec, { ...rec.application, entity: { ...rec.application.entity, names: { zh: '第一次' } } });
    expect(await call('intake.save', { id: rec.id, expectedRevision: rec.revision, application: rec.application })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect((await value('intake.get', { id: rec.id })).application.entity.names).toEqual({ zh: '第一次' });
  });

  it.each<[string, (a: Application) => void, number]>([
    ['no admin', (a) => void (a.admins = []), 1],
    ['the application form not sighted', (a) => void delete a.documents['paper.application_form'], 1],
    ['the seal not ticked on two papers', (a) => void (delete a.checks['paper.agreement.sealed'], delete a.checks['paper.admin_form.sealed']), 2],
  ])('refuses to submit with blocking items (%s) and says how many', async (_label, spoil, count) => {
    await as('C1');
    const app = sampleFirstApplication();
    spoil(app);
    const rec = await save(await create(), app);
    expect(rec.assessment.blockingCount).toBe(count);
    expect(await call('intake.submit', { id: rec.id, expectedRevision: rec.revision })).toMatchObject({
      ok: false,
      error: { code: 'refused', messageKey: 'intake.error.blocking', params: { count } },
    });
    expect((await value('intake.get', { id: rec.id })).status).toBe('draft');
  });

  it('issue 12 item 4: a form naming six invented scans, none uploaded, lists none once saved, so its copies are missing and submission is refused', async () => {
    await as('C1');
    const rec = await create();
    const sent = sampleFirstApplication();
    const saved = await value('intake.save', { id: rec.id, expectedRevision: rec.revision, application: sent });
    expect(Object.values(saved.application.documents).flatMap((d) => d.attachments)).toEqual([]);
    // The clerk's statement of what was sighted stays; only the scans were the renderer's invention.
    expect(saved.application.documents['lr.p1.id']?.sighting).toBe(sent.documents['lr.p1.id']?.sighting);
    expect(saved.assessment.blockingCount).toBeGreaterThan(0);
    expect(await call('intake.submit', { id: rec.id, expectedRevision: saved.revision })).toMatchObject({
      ok: false,
      error: { code: 'refused', messageKey: 'intake.error.blocking' },
    });
    expect(core.store.applications.get(rec.id)?.status).toBe('draft');
  });

  it("issue 12 item 4: the scans a saved form lists are the core's, whatever the renderer sends: an emptied list or a left-out slot keeps the real scan", async () => {
    await as('C1');
    const rec = await create();
    await uploadScan({ value }, rec.id, 'lr.p1.id');
    await uploadScan({ value }, rec.id, 'paper.agreement');
    const real = (slot: string) =>
      core.store.attachments
        .list(rec.id)
        .filter((a) => a.slot === slot)
        .flatMap((a) => a.pages.map((p) => p.sha256));
    const fresh = await value('intake.get', { id: rec.id });
    const sent = sampleFirstApplication();
    sent.documents = { 'lr.p1.id': { sighting: 'copy', attachments: [] }, 'admin.p1.id': { sighting: 'original', attachments: ['f'.repeat(64)] } };
    const saved = await value('intake.save', { id: rec.id, expectedRevision: fresh.revision, application: sent });
    expect(saved.application.documents).toEqual({
      'lr.p1.id': { sighting: 'copy', attachments: real('lr.p1.id') },
      'admin.p1.id': { sighting: 'original', attachments: [] },
      'paper.agreement': { sighting: 'none', attachments: real('paper.agreement') },
    });
    expect(real('lr.p1.id')).toHaveLength(1);
    expect(await value('intake.get', { id: rec.id })).toEqual(saved);
  });

  it('submits a complete form: pending approval, a valid number, read-only, in the outbox and the audit log', async () => {
    await as('C1');
    const rec = await submitted();
    expect(rec).toMatchObject({ status: 'pending_approval', readOnly: true });
    const parsed = parseApplicationNumber(rec.applicationNumber ?? '');
    expect(parsed).toMatchObject({ ok: true, parts: { servicePoint: 'SP01', workstation: 'W07', date: '2026-11-23', sequence: 1 } });
    expect(core.store.audit.forSubject(rec.id).map((e) => e.action)).toContain('submit');
    const outbox = core.store.db.prepare('SELECT count(*) FROM outbox WHERE subject_id = ?').pluck().get(rec.id) as number;
    expect(outbox).toBeGreaterThan(0);
    // Read-only for the clerk: no save, no second submit.
    expect(await call('intake.save', { id: rec.id, expectedRevision: rec.revision, application: rec.application })).toMatchObject({
      ok: false,
      error: { code: 'refused', messageKey: 'intake.error.readOnly' },
    });
    expect(await call('intake.submit', { id: rec.id, expectedRevision: rec.revision })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('numbers 50 submissions in a day uniquely and in sequence; the next Macau day starts again at 1', async () => {
    await as('C1');
    const numbers: string[] = [];
    for (let i = 0; i < 50; i++) {
      const app = sampleFirstApplication();
      app.entity.names = { zh: `示例公司第${i}號` };
      app.entity.taxpayerNumber = String(80_000_000 + i);
      app.entity.commercialRegistrationNumber = `${10_000 + i} SO`;
      numbers.push((await submitted(app)).applicationNumber ?? '');
    }
    expect(new Set(numbers).size).toBe(50);
    expect(numbers.map((n) => (parseApplicationNumber(n) as { parts: { sequence: number } }).parts.sequence)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    now = new Date('2026-11-23T16:30:00Z'); // 00:30 on the 24th in Macau
    await as('C1'); // the idle lock fell in the meantime
    const app = sampleFirstApplication();
    app.entity.names = { zh: '翌日公司' };
    app.entity.taxpayerNumber = '81000000';
    app.entity.commercialRegistrationNumber = '99999 SO';
    expect(parseApplicationNumber((await submitted(app)).applicationNumber ?? '')).toMatchObject({ parts: { date: '2026-11-24', sequence: 1 } });
  });

  it('refuses a workstation whose id cannot make a number, rather than cutting it', async () => {
    core.close();
    writeFileSync(
      join(dir, 'workstation.json'),
      JSON.stringify({ workstationId: 'COUNTER1', servicePoint: { code: 'SP01', nameZh: '測試服務點', namePt: 'Posto de teste' } }),
    );
    core = createAppCore({ dataDir: dir, key: Buffer.alloc(32, 7), version: 'test', session: { passwordParams: TEST_PASSWORD_PARAMS, clock: () => now } });
    await as('C1');
    const rec = await save(await create(), sampleFirstApplication());
    expect(await call('intake.submit', { id: rec.id, expectedRevision: rec.revision })).toMatchObject({
      ok: false,
      error: { code: 'unavailable', messageKey: 'intake.error.numbering' },
    });
    expect((await value('intake.get', { id: rec.id })).status).toBe('draft');
  });

  it('FAQ 8: a first application for an entity that has an account is shown as a duplicate and refused', async () => {
    createReferenceRepo(core.store.db, () => NOW.toISOString()).importFile({
      entities: [
        { entityNumber: 'E0042', type: 'company', names: { zh: '澳門示例貿易有限公司' }, registrationNumbers: ['12345 SO'], taxpayerNumber: '80123456' },
      ],
      staffLogins: [],
    });
    await as('C1');
    const rec = await save(await create(), sampleFirstApplication());
    expect(rec.duplicates).toEqual([{ source: 'reference', entityNumber: 'E0042', names: ['澳門示例貿易有限公司'] }]);
    expect(await call('intake.submit', { id: rec.id, expectedRevision: rec.revision })).toMatchObject({
      ok: false,
      error: { code: 'refused', messageKey: 'intake.error.duplicate' },
    });
    // The way out: a change of data for that entity, pre-filled from the reference data.
    const change = await value('intake.create', { kind: 'change_of_data', entityNumber: 'E0042' });
    expect(change.application.entity).toMatchObject({
      entityNumber: 'E0042',
      type: 'company',
      names: { zh: '澳門示例貿易有限公司' },
      taxpayerNumber: '80123456',
    });
    expect(await call('intake.create', { kind: 'change_of_data', entityNumber: 'E9999' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', messageKey: 'intake.error.unknownEntity' },
    });
  });

  it('FAQ 8: a second first application while the first is pending is a local duplicate, even from another clerk', async () => {
    await as('C1');
    const first = await submitted();
    await as('C2');
    const rec = await save(await create(), sampleFirstApplication());
    expect(rec.duplicates).toEqual([
      { source: 'local', applicationId: first.id, applicationNumber: first.applicationNumber, names: ['澳門示例貿易有限公司', 'Exemplo Comércio, Limitada'] },
    ]);
    expect(await call('intake.submit', { id: rec.id, expectedRevision: rec.revision })).toMatchObject({
      ok: false,
      error: { messageKey: 'intake.error.duplicate' },
    });
    // Returned for correction, the first one still holds the entity: it will come back.
    await as('S1', ['supervisor']);
    await call('approval.open', { id: first.id }); // the review screen opens it first
    expect(await call('approval.decide', { id: first.id, decision: 'return', notes: '補交文件' })).toMatchObject({ ok: true });
    await as('C2');
    expect((await value('intake.get', { id: rec.id })).duplicates).toMatchObject([{ source: 'local', applicationId: first.id }]);
  });

  it('a form returned for correction is edited and resubmitted with the number it first had', async () => {
    await as('C1');
    const rec = await submitted(sampleFirstApplicationWithAttorney());
    await as('S1', ['supervisor']);
    await call('approval.open', { id: rec.id }); // the review screen opens it first
    expect(await call('approval.decide', { id: rec.id, decision: 'return', notes: '授權書影印本不清晰' })).toMatchObject({ ok: true });
    await as('C1');
    const back = await value('intake.get', { id: rec.id });
    expect(back).toMatchObject({ status: 'returned', readOnly: false, applicationNumber: rec.applicationNumber });
    const corrected = await save(back, { ...back.application, entity: { ...back.application.entity, contact: { phone: '28999999' } } });
    const again = await value('intake.submit', { id: rec.id, expectedRevision: corrected.revision });
    expect(again).toMatchObject({ status: 'pending_approval', applicationNumber: rec.applicationNumber });
  });

  describe('discarding a draft (issue 5: no dead ends)', () => {
    // Each case sets up an application as `owner` and tries to discard it as C1.
    type Setup = () => Promise<{ id: string; expectedRevision: number }>;
    const draftOf = async () => {
      const rec = await save(await create(), sampleFirstApplication());
      return { id: rec.id, expectedRevision: rec.revision };
    };
    const returnedOf = async () => {
      const rec = await submitted();
      await as('S1', ['supervisor']);
      await call('approval.open', { id: rec.id }); // the review screen opens it first
      expect(await call('approval.decide', { id: rec.id, decision: 'return', notes: '補交文件' })).toMatchObject({ ok: true });
      await as('C1');
      const back = await value('intake.get', { id: rec.id });
      return { id: back.id, expectedRevision: back.revision };
    };
    it.each<[string, Setup, unknown]>([
      ['a draft of one’s own is discarded', draftOf, { ok: true, value: { status: 'discarded' } }],
      [
        'another clerk’s draft is not found',
        async () => {
          await as('C2');
          const d = await draftOf();
          await as('C1');
          return d;
        },
        { ok: false, error: { code: 'not_found' } },
      ],
      [
        'a submitted application is refused',
        async () => {
          const rec = await submitted();
          return { id: rec.id, expectedRevision: rec.revision };
        },
        { ok: false, error: { code: 'refused', messageKey: 'intake.error.discardSubmitted' } },
      ],
      ['a form returned for correction is refused', returnedOf, { ok: false, error: { code: 'refused', messageKey: 'intake.error.discardSubmitted' } }],
      [
        'a stale revision is a conflict',
        async () => {
          const d = await draftOf();
          return { ...d, expectedRevision: d.expectedRevision - 1 };
        },
        { ok: false, error: { code: 'conflict', messageKey: 'intake.error.stale' } },
      ],
      [
        'a draft already discarded is refused',
        async () => {
          const d = await draftOf();
          await value('intake.discard', d);
          return { id: d.id, expectedRevision: d.expectedRevision + 1 };
        },
        { ok: false, error: { code: 'refused', messageKey: 'intake.error.discardSubmitted' } },
      ],
    ])('%s', async (_name, setup, expected) => {
      await as('C1');
      const target = await setup();
      const before = core.store.applications.get(target.id)?.status;
      const r = await call('intake.discard', target);
      expect(r).toMatchObject(expected as object);
      // A refusal changes nothing.
      if (!r.ok) expect(core.store.applications.get(target.id)?.status).toBe(before);
    });

    it('rejects input that is not strictly an id and a revision', async () => {
      await as('C1');
      const d = await draftOf();
      expect(await raw('intake.discard', { ...d, force: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(await raw('intake.discard', { id: d.id })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    });

    it('a discarded draft leaves the work list and search, is audited and queued for sync, never reaches approval nor the day-end count', async () => {
      createReferenceRepo(core.store.db, () => NOW.toISOString()).importFile({
        entities: [
          { entityNumber: 'E0042', type: 'company', names: { zh: '澳門示例貿易有限公司' }, registrationNumbers: ['12345 SO'], taxpayerNumber: '80123456' },
        ],
        staffLogins: [],
      });
      await as('C1');
      // The FAQ 8 dead end: a duplicate first application that cannot be submitted.
      const dup = await save(await create(), sampleFirstApplication());
      expect(dup.duplicates).toHaveLength(1);
      const outboxBefore = core.store.db.prepare('SELECT count(*) FROM outbox WHERE subject_id = ?').pluck().get(dup.id) as number;
      expect(await call('intake.discard', { id: dup.id, expectedRevision: dup.revision })).toMatchObject({ ok: true });

      const list = await value('intake.list', {});
      expect(list.map((s) => s.id)).not.toContain(dup.id);
      expect((await value('intake.list', { query: '示例貿易' })).map((s) => s.id)).not.toContain(dup.id);
      expect((await value('intake.list', { statuses: ['discarded'] })).map((s) => s.id)).not.toContain(dup.id);
      expect(core.store.audit.forSubject(dup.id).map((e) => e.action)).toContain('discard');
      expect(core.store.db.prepare('SELECT count(*) FROM outbox WHERE subject_id = ?').pluck().get(dup.id) as number).toBe(outboxBefore + 1);
      // Read-only from now on: no save, no submit (nor through approval.submit).
      expect(await call('intake.save', { id: dup.id, expectedRevision: dup.revision + 1, application: dup.application })).toMatchObject({
        ok: false,
        error: { code: 'refused' },
      });
      expect(await call('approval.submit', { id: dup.id })).toMatchObject({ ok: false });

      await as('S1', ['supervisor']);
      const queue = await value('approval.queue');
      expect(queue.map((q) => q.id)).not.toContain(dup.id);
      const day = await value('approval.dayEnd', { day: '2026-11-23' });
      expect(day.totals).toMatchObject({ received: 0, recorded: 0, drafts: 0, submitted: 0 });
      expect(day.balanced).toBe(true);
    });
  });

  it('approval.submit goes through the same checks: a forged submit of an empty form is refused', async () => {
    await as('C1');
    const empty = await create();
    expect(await call('approval.submit', { id: empty.id })).toMatchObject({ ok: false, error: { code: 'refused', messageKey: 'intake.error.blocking' } });
    const ok = await save(await create(), sampleFirstApplication());
    expect(await call('approval.submit', { id: ok.id })).toMatchObject({ ok: true, value: { status: 'pending_approval' } });
    expect((await value('intake.get', { id: ok.id })).applicationNumber).toMatch(/^SP01-W07-20261123-0001-/);
  });

  it('lists only the signed-in clerk’s own work, today’s and open, and finds it by number, name, registration and ID number', async () => {
    await as('C1');
    const done = await submitted();
    const draft = await save(await create(), {
      ...sampleFirstApplication(),
      entity: {
        ...sampleFirstApplication().entity,
        names: { pt: 'Associação dos Moradores' },
        taxpayerNumber: '80777777',
        commercialRegistrationNumber: '77777 SO',
      },
    });
    const list = await value('intake.list', {});
    expect(list.map((s) => s.id).sort()).toEqual([done.id, draft.id].sort());
    expect(list.find((s) => s.id === done.id)).toMatchObject({ status: 'pending_approval', applicationNumber: done.applicationNumber, synced: false });
    expect((await value('intake.list', { statuses: ['draft'] })).map((s) => s.id)).toEqual([draft.id]);
    const find = async (query: string) => (await value('intake.list', { query })).map((s) => s.id);
    expect(await find(done.applicationNumber ?? '')).toEqual([done.id]);
    expect(await find('示例貿易')).toContain(done.id);
    expect(await find('moradores')).toEqual([draft.id]);
    expect(await find('77777')).toEqual([draft.id]);
    expect(await find('A123456')).toEqual(expect.arrayContaining([done.id, draft.id]));
    // Tomorrow the submitted one leaves the list; the draft stays until it is finished.
    now = new Date('2026-11-24T03:00:00Z');
    await as('C1');
    expect((await value('intake.list', {})).map((s) => s.id)).toEqual([draft.id]);
    // Another clerk at the same workstation sees none of it, and cannot open it.
    await as('C2');
    expect(await value('intake.list', {})).toEqual([]);
    expect(await value('intake.list', { query: '示例貿易' })).toEqual([]);
    expect(await call('intake.get', { id: draft.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await call('intake.save', { id: draft.id, expectedRevision: draft.revision, application: draft.application })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('search finds the clerk’s own form even when hundreds of other clerks’ forms match first', async () => {
    core.store.db.transaction(() => {
      for (let i = 0; i < 600; i++) {
        const app = sampleFirstApplication();
        app.entity.names = { zh: `澳門其他公司${i}` };
        core.store.applications.createDraft({ kind: app.kind, data: app, search: searchTerms(app), actor: 'staff:C9' });
      }
    })();
    await as('C1');
    const mine = await save(await create(), { ...sampleFirstApplication(), entity: { ...sampleFirstApplication().entity, names: { zh: '澳門自己的公司' } } });
    for (const query of ['澳門', '澳門自己', 'A123456']) {
      expect(
        (await value('intake.list', { query })).map((x) => x.id),
        query,
      ).toEqual([mine.id]);
    }
  });

  it('finds entities in reference data by entity number, partial name or registration number', async () => {
    createReferenceRepo(core.store.db, () => NOW.toISOString()).importFile({
      entities: [
        { entityNumber: 'E0001', type: 'association', names: { zh: '澳門街坊互助會', pt: 'Associação de Mútuo Auxílio' }, registrationNumbers: ['A123'] },
        { entityNumber: 'E0002', type: 'company', names: { pt: 'Exemplo, Limitada' }, registrationNumbers: ['12345 SO'] },
      ],
      staffLogins: [],
    });
    await as('C1');
    const numbers = async (query: string) => (await value('reference.findEntities', { query })).map((e) => e.entityNumber);
    expect(await numbers('E0002')).toEqual(['E0002']);
    expect(await numbers('街坊')).toEqual(['E0001']);
    expect(await numbers('mutuo')).toEqual(['E0001']);
    expect(await numbers('１２３４５')).toEqual(['E0002']);
    expect(await numbers('nothing like it')).toEqual([]);
  });

  it.each<[string, string, unknown]>([
    ['an unknown kind', 'intake.create', { kind: 'close_account' }],
    ['an extra field', 'intake.create', { kind: 'first_application', status: 'approved' }],
    ['a negative revision', 'intake.save', { id: 'x', expectedRevision: -1, application: { kind: 'first_application' } }],
    ['an application with an unknown key', 'intake.save', { id: 'x', expectedRevision: 0, application: { kind: 'first_application', approvedBy: 'me' } }],
    ['a query over 100 characters', 'intake.list', { query: 'x'.repeat(101) }],
    ['an unknown status', 'intake.list', { statuses: ['deleted'] }],
    ['an empty entity query', 'reference.findEntities', { query: '' }],
  ])('refuses malformed input: %s', async (_label, method, input) => {
    await as('C1');
    expect(await raw(method, input)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('nobody signed in, or an administrator, cannot use intake', async () => {
    expect(await call('intake.create', { kind: 'first_application' })).toMatchObject({ ok: false, error: { code: 'unauthorised' } });
    await as('A1', ['workstation_admin']);
    expect(await call('intake.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
