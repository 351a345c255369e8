import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translate } from '../../i18n';
import type { Application } from '../../domain/model/application';
import { sampleFirstApplication } from '../../domain/rules/sample-applications';
import { TEST_PASSWORD_PARAMS } from '../auth/test-support';
import { createAppCore, type AppCore } from '../core/app-core';
import { apiClient } from '../core/test-support';
import { saveWithScans } from '../attachments/test-support';
import type { IntakeRecord } from './intake-service';
import { createReferenceRepo } from './reference-repo';

// FAQ 8 as a clerk needs it (issue 13, items 6, 7 and 9), through a whole core: the assessment
// context names a pending application by its number, tells a clerk that a colleague is typing a
// first application for the same entity (who, since when) without blocking either, and a
// same-name entity is settled by recording "another entity", stamped and audited by the core.

const NOW = new Date('2026-11-23T03:00:00Z'); // 11:00 in Macau

describe('FAQ 8 through a whole core', () => {
  let dir: string;
  let core: AppCore;
  let now = NOW;
  const { value, call, as } = apiClient(() => core);
  const create = () => value('intake.create', { kind: 'first_application' });
  /** The form's scans put in for real first (the core lists only what its table holds), then saved. */
  const save = (rec: IntakeRecord, application: Application) => saveWithScans({ value }, rec, application, core.store);
  const requirements = (rec: IntakeRecord, prefix: string) => rec.assessment.requirements.filter((r) => r.id.startsWith(prefix));
  const text = (r: { message: { key: Parameters<typeof translate>[1]; params?: Record<string, string | number> } }) =>
    translate('zh-Hant', r.message.key, r.message.params);

  beforeEach(() => {
    now = NOW;
    dir = mkdtempSync(join(tmpdir(), 'counterdesk-context-'));
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

  it("another clerk's open draft for the same entity is a notice while typing (who, since when), not a block", async () => {
    await as('C1');
    const theirs = await save(await create(), sampleFirstApplication());
    now = new Date(NOW.getTime() + 20 * 60_000);
    await as('C2');
    const mine = await save(await create(), sampleFirstApplication());
    const notices = requirements(mine, 'entity.open-draft.');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ id: `entity.open-draft.${theirs.id}`, status: 'missing', blocking: false, source: 'FAQ 8' });
    expect(text(notices[0]!)).toBe('職員 C1 (C1) 自 23/11/2026 11:00 起正為同一實體填寫另一份首次申請：請與同事核實，以免重複');
    expect(mine.assessment.blockingCount).toBe(0);
    // Both see each other; a clerk's own second draft is not a colleague's.
    await as('C1');
    expect(requirements(await value('intake.get', { id: theirs.id }), 'entity.open-draft.')).toMatchObject([{ id: `entity.open-draft.${mine.id}` }]);
    const second = await save(await create(), sampleFirstApplication());
    expect(requirements(second, 'entity.open-draft.').map((r) => r.id)).toEqual([`entity.open-draft.${mine.id}`]);
  });

  it('a draft for another entity says nothing; a submitted one is no longer a draft but a pending application', async () => {
    await as('C1');
    const other = sampleFirstApplication();
    other.entity = { ...other.entity, names: { zh: '另一間公司' }, taxpayerNumber: '80555555', commercialRegistrationNumber: '999 SO' };
    await save(await create(), other);
    await as('C2');
    const mine = await save(await create(), sampleFirstApplication());
    expect(requirements(mine, 'entity.open-draft.')).toEqual([]);
  });

  it('a pending application with the same name is named by its application number, never its internal id (item 6)', async () => {
    await as('C1');
    const rec = await save(await create(), sampleFirstApplication());
    const first = await value('intake.submit', { id: rec.id, expectedRevision: rec.revision });
    await as('C2');
    const sameName = sampleFirstApplication();
    sameName.entity = { ...sameName.entity, taxpayerNumber: '80555555', commercialRegistrationNumber: '999 SO' };
    const mine = await save(await create(), sameName);
    const r = requirements(mine, 'entity.same-name.application.');
    expect(r).toHaveLength(1);
    expect(text(r[0]!)).toContain(`名稱與處理中的申請 ${first.applicationNumber}（澳門示例貿易有限公司 / Exemplo Comércio, Limitada）相同`);
    expect(text(r[0]!)).not.toContain(first.id);
  });

  it('item 7: a same-name entity blocks until recorded as another; the core stamps the clerk and the time whatever the renderer claims, and audits the reason', async () => {
    createReferenceRepo(core.store.db, () => NOW.toISOString()).importFile({
      entities: [
        { entityNumber: 'E0042', type: 'company', names: { pt: 'Exemplo Comércio, Limitada' }, registrationNumbers: ['777 SO'], taxpayerNumber: '80777777' },
      ],
      staffLogins: [],
    });
    const item = (rec: IntakeRecord) => rec.assessment.requirements.find((r) => r.id === 'entity.same-name.entity.E0042');
    await as('C1');
    let rec = await save(await create(), sampleFirstApplication());
    expect(rec.duplicates).toEqual([]);
    expect(item(rec)).toMatchObject({ status: 'missing', blocking: true, distinctKey: 'entity.E0042' });
    expect(await call('intake.submit', { id: rec.id, expectedRevision: rec.revision })).toMatchObject({ ok: false });

    const reason = '納稅人編號及商業登記編號均不同';
    rec = await save(rec, {
      ...rec.application,
      distinctEntities: { 'entity.E0042': { reason, subject: '實體 E0042', by: 'S999', at: '2020-01-01T00:00:00Z' } },
    });
    expect(rec.application.distinctEntities?.['entity.E0042']).toEqual({ reason, subject: '實體 E0042', by: 'C1', at: NOW.toISOString() });
    expect(item(rec)).toMatchObject({ status: 'met', message: { key: 'rules.duplicate.account.name.recorded', params: { by: 'C1', reason } } });

    // Saved again unchanged later: same stamp, no second audit entry.
    now = new Date(NOW.getTime() + 60_000);
    rec = await save(rec, rec.application);
    expect(rec.application.distinctEntities?.['entity.E0042']?.at).toBe(NOW.toISOString());
    const audited = core.store.audit.forSubject(rec.id).filter((e) => e.action === 'distinct_entity');
    expect(audited).toMatchObject([{ actor: 'staff:C1', details: { key: 'entity.E0042', subject: '實體 E0042', reason } }]);

    const submitted = await value('intake.submit', { id: rec.id, expectedRevision: rec.revision });
    expect(submitted.status).toBe('pending_approval');
  });
});
