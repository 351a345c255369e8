import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Application } from '../../domain/model/application';
import { sampleFirstApplication } from '../../domain/rules/sample-applications';
import { TEST_PASSWORD_PARAMS } from '../auth/test-support';
import { createAppCore, type AppCore } from '../core/app-core';
import { apiClient, seedUser } from '../core/test-support';
import { uploadScansFor } from '../attachments/test-support';
import type { IntakeRecord } from '../intake';
import { historyOf } from '../intake/application-history';

// Issue 4 item 5 through a whole core: who sees an application's history, and that it says
// what happened without showing the personal data or free text behind it.

describe('applications.history through the API', () => {
  let dir: string;
  let core: AppCore;
  let now = new Date('2026-11-23T03:00:00Z');
  const { call, value, raw, as } = apiClient(() => core);
  const save = (rec: IntakeRecord, application: Application) => value('intake.save', { id: rec.id, expectedRevision: rec.revision, application });
  const history = async (id: string) => (await value('applications.history', { id })).entries;
  /** A form taken in by C1: created, its six scans uploaded (each names itself in the form), typed in three saves, submitted. */
  const takenIn = async () => {
    await as('C1');
    let rec = await value('intake.create', { kind: 'first_application' });
    const app = sampleFirstApplication();
    await uploadScansFor({ value }, rec.id, app);
    rec = await value('intake.get', { id: rec.id });
    for (const zh of ['甲', '甲乙', app.entity.names.zh]) {
      now = new Date(now.getTime() + 60_000);
      rec = await save(rec, { ...app, entity: { ...app.entity, names: { ...app.entity.names, zh } } });
    }
    return value('intake.submit', { id: rec.id, expectedRevision: rec.revision });
  };
  /** Each scan is an 'attach' and the form's edit that names it; the last edit runs on into the three saves. */
  const SCAN_ACTIONS = Array.from({ length: 6 }, () => ['attach', 'edit']).flat();

  beforeEach(() => {
    now = new Date('2026-11-23T03:00:00Z');
    dir = mkdtempSync(join(tmpdir(), 'counterdesk-history-'));
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

  it('the clerk who took it in sees created, the saves as one entry, and the submission with its number', async () => {
    const rec = await takenIn();
    const entries = await history(rec.id);
    expect(entries.map((e) => [e.action, e.count, e.actorName, e.workstationId])).toEqual([
      ['create', 1, '職員 C1 (C1)', 'W07'],
      ...SCAN_ACTIONS.map((action, i) => [action, i === SCAN_ACTIONS.length - 1 ? 4 : 1, '職員 C1 (C1)', 'W07']),
      ['submit', 1, '職員 C1 (C1)', 'W07'],
    ]);
    expect(entries[0]?.summary).toEqual({ key: 'kind.first_application' });
    // The run of saves is shown at its last save.
    expect(entries.at(-2)?.at).toBe(
      core.store.audit
        .forSubject(rec.id)
        .filter((e) => e.action === 'edit')
        .at(-1)?.at,
    );
    expect(entries.at(-1)?.summary).toEqual({ key: 'history.summary.number', params: { number: rec.applicationNumber } });
  });

  it('a supervisor sees it with the decision; a rejection shows its reason code, never the text typed', async () => {
    const rec = await takenIn();
    await as('S1', ['supervisor']);
    await value('approval.open', { id: rec.id }); // the review screen opens it first
    await value('approval.decide', { id: rec.id, decision: 'reject', reasonCode: 'documents_missing', text: '陳大文 1234567(8) 的證件過期' });
    const entries = await history(rec.id);
    expect(entries.at(-1)).toMatchObject({
      action: 'reject',
      actor: 'staff:S1',
      actorName: '職員 S1 (S1)',
      summary: { key: 'approval.reason.documents_missing' },
    });
    // The clerk sees the same history.
    await as('C1');
    expect(await history(rec.id)).toEqual(entries);
  });

  it('shows no personal data: no ID number, name, phone or free text reaches the history', async () => {
    const rec = await takenIn();
    await as('S1', ['supervisor']);
    await value('approval.open', { id: rec.id }); // the review screen opens it first
    await value('approval.decide', { id: rec.id, decision: 'return', notes: '李小明 A123456(3) 未簽名' });
    const shown = JSON.stringify(await history(rec.id));
    for (const secret of ['1234567(8)', 'A123456(3)', '陳大文', '李小明', '66123456', 'chan@exemplo.mo', '未簽名']) expect(shown).not.toContain(secret);
    expect(shown).toContain('"return"');
  });

  it('a supervisor signed in on top of another clerk’s session may read it, as for the review', async () => {
    const rec = await takenIn();
    const supervisorPassword = await seedUser(core, 'S1', ['supervisor']);
    await as('C2');
    expect(await call('applications.history', { id: rec.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await value('auth.elevate', { staffNumber: 'S1', password: supervisorPassword, mode: 'window' });
    expect((await history(rec.id)).map((e) => e.action)).toEqual(['create', ...SCAN_ACTIONS, 'submit']);
    await value('auth.endElevation');
    expect(await call('applications.history', { id: rec.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('another clerk, and anyone asking for an unknown id, learn nothing; signed out is unauthorised; a malformed id is refused', async () => {
    const rec = await takenIn();
    await as('C2');
    expect(await call('applications.history', { id: rec.id })).toMatchObject({ ok: false, error: { code: 'not_found', messageKey: 'api.error.notFound' } });
    expect(await call('applications.history', { id: 'no-such-id' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await call('auth.signOut');
    expect(await call('applications.history', { id: rec.id })).toMatchObject({ ok: false, error: { code: 'unauthorised' } });
    await as('C1');
    expect(await call('applications.history', { id: '../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await raw('applications.history', { id: rec.id, extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('history summaries', () => {
  const name = (a: string) => `name of ${a}`;
  const entry = (seq: number, action: string, details: Record<string, unknown>, actor = 'staff:C1', workstationId = 'W07') =>
    ({ seq, at: `2026-11-23T03:0${seq}:00.000Z`, actor, workstationId, action, subjectId: 'a1', details, prevHash: '', hash: '' }) as Parameters<
      typeof historyOf
    >[0][number];

  it.each([
    [
      'attach to a person’s ID slot: the document, not the person',
      entry(1, 'attach', { slot: 'lr.p1.id', page: 2, sha256: 'ab'.repeat(32), size: 10 }),
      { key: 'history.summary.attach', params: { doc: 'receipt.doc.legal_rep_id', page: 2 } },
    ],
    [
      'attach to an unknown slot',
      entry(1, 'attach', { slot: 'x.y', page: 1 }),
      { key: 'history.summary.attach', params: { doc: 'receipt.doc.other', page: 1 } },
    ],
    ['rotate', entry(1, 'attachment_change', { change: 'rotate', pageId: 'p', rotation: 90 }), { key: 'history.summary.rotate' }],
    [
      'remove a whole slot',
      entry(1, 'detach', { slot: 'poa', sha256: [] }),
      { key: 'history.summary.detachDoc', params: { doc: 'receipt.doc.power_of_attorney' } },
    ],
    ['resubmission after a return', entry(1, 'submit', { from: 'returned', to: 'pending_approval' }), { key: 'history.summary.resubmitted' }],
    ['rejection with an unknown code', entry(1, 'reject', { reason: '[made_up] text' }), undefined],
    ['reprint copy', entry(1, 'reprint', { copy: 2, token: 'secret' }), { key: 'history.summary.copy', params: { copy: 2 } }],
    ['purge', entry(1, 'purge', { sha256: ['a', 'b'], scanDays: 30 }), { key: 'history.summary.purge', params: { files: 2 } }],
    [
      'elevation names the clerk whose session it was',
      entry(1, 'elevation', { decision: 'approve', onSessionOf: 'staff:C1' }, 'staff:S1'),
      { key: 'history.summary.onSessionOf', params: { name: 'name of staff:C1' } },
    ],
    [
      'a review under elevation names the clerk whose session it was',
      entry(1, 'review', { onSessionOf: 'staff:C1' }, 'staff:S1'),
      { key: 'history.summary.onSessionOf', params: { name: 'name of staff:C1' } },
    ],
    ['a review at the supervisor’s own session', entry(1, 'review', { onSessionOf: null }, 'staff:S1'), undefined],
    ['approval has nothing to add', entry(1, 'approve', { from: 'pending_approval', to: 'approved' }), undefined],
  ])('%s', (_what, e, summary) => {
    expect(historyOf([e], name)[0]?.summary).toEqual(summary);
  });

  it('saves are one entry only while the same person saves at the same workstation', () => {
    const h = historyOf(
      [
        entry(1, 'edit', {}),
        entry(2, 'edit', {}),
        entry(3, 'edit', {}, 'staff:C2'),
        entry(4, 'edit', {}, 'staff:C2', 'W08'),
        entry(5, 'attach', { slot: 'poa', page: 1 }),
        entry(6, 'edit', {}),
      ],
      name,
    );
    expect(h.map((x) => [x.action, x.actor, x.workstationId, x.count])).toEqual([
      ['edit', 'staff:C1', 'W07', 2],
      ['edit', 'staff:C2', 'W07', 1],
      ['edit', 'staff:C2', 'W08', 1],
      ['attach', 'staff:C1', 'W07', 1],
      ['edit', 'staff:C1', 'W07', 1],
    ]);
  });
});
