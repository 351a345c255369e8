import { randomUUID } from 'node:crypto';
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
import type { IntakeRecord } from '../intake/intake-service';
import type { Change } from '../../api/sync';
import { createPullApplier } from '../sync/pull-apply';

// Issue 13 item 2 (review): the supervisor reads the rule results the clerk saw, FAQ 8
// included — computed by the core with its reference data and applications, not re-run in the
// renderer without them — and what the clerk recorded ("another entity": who and why).

const NOW = new Date('2026-11-23T03:00:00Z'); // 11:00 in Macau

describe('approval.open gives the assessment the core computes, FAQ 8 included', () => {
  let dir: string;
  let core: AppCore;
  const now = NOW;
  const { value, as } = apiClient(() => core);
  const save = (rec: IntakeRecord, application: Application) => saveWithScans({ value }, rec, application, core.store);
  /** The administrator imports reference data from Settings, through the core's warm reference repo. */
  const importReference = async (entities: unknown[]) => {
    await as('A1', ['workstation_admin']);
    await value('workstation.importReference', { fileName: 'reference.json', content: JSON.stringify({ entities, staffLogins: [] }) });
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'counterdesk-review-assessment-'));
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

  /** C1 takes in the sample first application, records the same-name entity E0042 as another, submits. */
  async function submitted(): Promise<IntakeRecord> {
    await importReference([
      { entityNumber: 'E0042', type: 'company', names: { pt: 'Exemplo Comércio, Limitada' }, registrationNumbers: ['777 SO'], taxpayerNumber: '80777777' },
    ]);
    await as('C1');
    let rec = await save(await value('intake.create', { kind: 'first_application' }), sampleFirstApplication());
    rec = await save(rec, {
      ...rec.application,
      distinctEntities: { 'entity.E0042': { reason: '納稅人編號及商業登記編號均不同', subject: '實體 E0042', by: 'C1', at: NOW.toISOString() } },
    });
    return value('intake.submit', { id: rec.id, expectedRevision: rec.revision });
  }

  it('shows the FAQ 8 items the clerk saw, with what the clerk recorded, in the clerk’s words', async () => {
    const rec = await submitted();
    const clerkSaw = rec.assessment.requirements.filter((r) => r.source === 'FAQ 8');
    expect(clerkSaw.map((r) => r.id)).toContain('entity.same-name.entity.E0042');

    await as('S1', ['supervisor']);
    const review = await value('approval.open', { id: rec.id });
    expect(review.assessment).toBeDefined();
    expect(review.assessedOn).toBe('2026-11-23');
    const faq8 = review.assessment!.requirements.filter((r) => r.source === 'FAQ 8');
    expect(faq8.map((r) => [r.id, r.status])).toEqual(clerkSaw.map((r) => [r.id, r.status]));
    const recorded = faq8.find((r) => r.id === 'entity.same-name.entity.E0042')!;
    expect(recorded).toMatchObject({ status: 'met', distinctKey: 'entity.E0042' });
    expect(translate('zh-Hant', recorded.message.key, recorded.message.params)).toContain('納稅人編號及商業登記編號均不同');
    // The application under review is not a duplicate of itself.
    expect(faq8.find((r) => r.id === 'entity.no-pending-application')).toMatchObject({ status: 'met' });
  });

  it('as the core knows it today: an account opened for the same taxpayer number since the submission blocks in the review', async () => {
    const rec = await submitted();
    await importReference([
      { entityNumber: 'E0042', type: 'company', names: { pt: 'Exemplo Comércio, Limitada' }, registrationNumbers: ['777 SO'], taxpayerNumber: '80777777' },
      { entityNumber: 'E0077', type: 'company', names: { zh: '別的名稱' }, registrationNumbers: [], taxpayerNumber: rec.application.entity.taxpayerNumber! },
    ]);
    await as('S1', ['supervisor']);
    const review = await value('approval.open', { id: rec.id });
    const account = review.assessment!.requirements.find((r) => r.id === 'entity.no-existing-account');
    expect(account).toMatchObject({ status: 'missing', blocking: true, source: 'FAQ 8' });
    expect(translate('en', account!.message.key, account!.message.params)).toContain('E0077');
  });

  it('an application taken in at another workstation of the service point (pulled) is assessed the same way', async () => {
    const form = sampleFirstApplication();
    form.entity.names = { zh: '遠端貿易有限公司' };
    const pulled = {
      recordId: randomUUID(),
      applicationNumber: 'SP01-W2-20261123-0001-K',
      servicePoint: 'SP01',
      workstationId: 'SP01-W2',
      kind: 'first_application' as const,
      status: 'pending_approval' as const,
      version: 1,
      application: form,
      createdBy: 'C9',
      editors: [],
      history: [{ status: 'pending_approval' as const, actor: 'C9', at: '2026-11-23T02:00:00.000Z', workstationId: 'SP01-W2' }],
      blobs: [],
    };
    createPullApplier(core.store, () => now).apply({
      changes: [{ kind: 'application', id: pulled.recordId, deleted: false, data: pulled } as Change],
      cursor: 'c1',
      hasMore: false,
      epoch: randomUUID(),
      serverTime: now.toISOString(),
    });
    await importReference([
      { entityNumber: 'E0077', type: 'company', names: { zh: '別的名稱' }, registrationNumbers: [], taxpayerNumber: form.entity.taxpayerNumber! },
    ]);
    await as('S1', ['supervisor']);
    const review = await value('approval.open', { id: pulled.recordId });
    expect(review.assessedOn).toBe('2026-11-23');
    expect(review.assessment!.requirements.find((r) => r.id === 'entity.no-existing-account')).toMatchObject({
      status: 'missing',
      blocking: true,
      message: { params: { entityNumber: 'E0077' } },
    });
  });
});
