import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Application } from '../../domain/model/application';
import { sampleFirstApplication } from '../../domain/rules/sample-applications';
import { TEST_PASSWORD_PARAMS } from '../auth/test-support';
import { createAppCore, type AppCore } from '../core/app-core';
import { apiClient } from '../core/test-support';
import { createReferenceRepo } from './reference-repo';
import type { IntakeRecord } from './intake-service';

// FAQ 8 (issue 13, item 7) through a whole core: a name-only match is settled by the clerk
// recording "another entity"; the core, not the renderer, says who and when, and audits it.

const NOW = new Date('2026-11-23T03:00:00Z');

describe('recording a same-name entity as another entity', () => {
  let dir: string;
  let core: AppCore;
  let now = NOW;
  const { value, call, as } = apiClient(() => core);
  const save = (rec: IntakeRecord, application: Application) => value('intake.save', { id: rec.id, expectedRevision: rec.revision, application });
  const item = (rec: IntakeRecord) => rec.assessment.requirements.find((r) => r.id === 'entity.same-name.entity.E0042');

  beforeEach(() => {
    now = NOW;
    dir = mkdtempSync(join(tmpdir(), 'counterdesk-distinct-'));
    writeFileSync(
      join(dir, 'workstation.json'),
      JSON.stringify({ workstationId: 'W07', servicePoint: { code: 'SP01', nameZh: '測試服務點', namePt: 'Posto de teste' } }),
    );
    core = createAppCore({ dataDir: dir, key: Buffer.alloc(32, 7), version: 'test', session: { passwordParams: TEST_PASSWORD_PARAMS, clock: () => now } });
    createReferenceRepo(core.store.db, () => NOW.toISOString()).importFile({
      entities: [
        { entityNumber: 'E0042', type: 'company', names: { pt: 'Exemplo Comércio, Limitada' }, registrationNumbers: ['777 SO'], taxpayerNumber: '80777777' },
      ],
      staffLogins: [],
    });
  });
  afterEach(() => {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('blocks until recorded; the core stamps the clerk and the time whatever the renderer claims, and audits the reason', async () => {
    await as('C1');
    let rec = await save(await value('intake.create', { kind: 'first_application' }), sampleFirstApplication());
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
