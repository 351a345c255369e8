import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authFixture, type AuthFixture } from '../auth/test-support';
import { Refusal } from '../core/refusal';
import { scanFixtures } from '../store/attachments/fixtures';
import type { Application } from '../../domain/model/application';
import { sampleFirstApplication } from '../../domain/rules/sample-applications';
import { pdfOfPages } from '../attachments/pdf-test-files';
import { createApprovalService } from './approval-service';

describe('approval queue', () => {
  let f: AuthFixture;
  beforeEach(async () => {
    f = await authFixture('SP1');
    await f.addUser('S1', ['supervisor']);
  });
  afterEach(() => f.cleanup());

  /** Pending applications submitted a minute apart, taken in at the given workstations. */
  const pending = (workstations: string[]) =>
    workstations.map((ws, i) => {
      const rec = f.store.applications.createDraft({
        kind: 'first_application',
        data: {},
        search: { entityNames: [`會${i}`], registrationNumbers: [], idNumbers: [] },
        actor: 'staff:C1',
      });
      f.store.applications.setStatus(rec.id, { status: 'pending_approval', actor: 'staff:C1' });
      f.store.db.prepare('UPDATE applications SET workstation_id = ? WHERE id = ?').run(ws, rec.id);
      f.clock.advanceMinutes(1);
      return rec.id;
    });

  it('holds the service point’s applications as the workstation map says, oldest submission first, cut in SQL', async () => {
    const map: Record<string, string> = { W1: 'SP1', W8: 'SP1', W9: 'SP2' };
    const approval = createApprovalService({ store: f.store, auth: f.auth, servicePoint: 'SP1', servicePointOf: (ws) => map[ws] ?? null, clock: f.clock });
    const [a, b, , d, ,] = pending(['W1', 'W8', 'W9', 'W1', 'W7', 'W8']);
    // The oldest is edited last (most recently updated): the queue still shows it first.
    f.store.db.prepare('UPDATE applications SET updated_at = ? WHERE id = ?').run('2099-01-01T00:00:00.000Z', a);
    await f.auth.signIn({ staffNumber: 'S1', password: 'password-1' });
    expect(approval.queue().map((q) => q.entityNames[0])).toEqual(['會0', '會1', '會3', '會5']);
    expect(approval.queue(3).map((q) => q.id)).toEqual([a, b, d]);
  });

  it('opening, fetching scans and deciding follow the same map: another service point’s is forbidden, another workstation of this one’s is not', async () => {
    const map: Record<string, string> = { W1: 'SP1', W8: 'SP1', W9: 'SP2' };
    const approval = createApprovalService({ store: f.store, auth: f.auth, servicePoint: 'SP1', servicePointOf: (ws) => map[ws] ?? null, clock: f.clock });
    const [ours, theirs] = pending(['W8', 'W9']);
    const scan = f.store.attachments.put(scanFixtures.png, { applicationId: theirs!, slot: 'paper.application_form', actor: 'staff:C1' });
    await f.auth.signIn({ staffNumber: 'S1', password: 'password-1' });
    const refused = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e instanceof Refusal ? e.code : e;
      }
      return 'allowed';
    };
    // The service says it in the domain's words, with no API in between (a sync worker calls it so).
    const other = 'other_service_point';
    expect(refused(() => approval.open(theirs!))).toEqual(other);
    expect(refused(() => approval.scanPage(scan.id, 0))).toEqual(other);
    expect(refused(() => approval.decide(theirs!, { decision: 'return', notes: '請補交' }))).toEqual(other);
    expect(refused(() => approval.open(ours!))).toBe('allowed');
    expect(approval.decide(ours!, { decision: 'approve' })).toMatchObject({ status: 'approved' });
    expect(f.store.applications.get(theirs!)?.status).toBe('pending_approval');
    expect([approval.servicePointOf('W8'), approval.servicePointOf('W9'), approval.servicePointOf('W5')]).toEqual(['SP1', 'SP2', null]);
  });

  it('by default knows only this workstation', async () => {
    const approval = createApprovalService({ store: f.store, auth: f.auth, servicePoint: 'SP1', clock: f.clock });
    const [a] = pending(['W1', 'W2']);
    await f.auth.signIn({ staffNumber: 'S1', password: 'password-1' });
    expect(approval.queue().map((q) => q.id)).toEqual([a]);
  });
});

describe('review after a return for correction (issue 13 item 11)', () => {
  let f: AuthFixture;
  beforeEach(async () => {
    f = await authFixture('SP1');
    await f.addUser('S1', ['supervisor']);
  });
  afterEach(() => f.cleanup());

  const search = { entityNames: [], registrationNumbers: [], idNumbers: [] };

  it('shows the form as it was returned beside the corrected one, only once it is submitted again', async () => {
    const approval = createApprovalService({ store: f.store, auth: f.auth, servicePoint: 'SP1', clock: f.clock });
    const first = sampleFirstApplication();
    const rec = f.store.applications.createDraft({ kind: 'first_application', data: first, search, actor: 'staff:C1' });
    f.store.applications.setStatus(rec.id, { status: 'pending_approval', actor: 'staff:C1' });
    await f.auth.signIn({ staffNumber: 'S1', password: 'password-1' });
    expect(approval.open(rec.id).previousSubmission, 'never returned').toBeUndefined();
    f.clock.advanceMinutes(1);
    const before = f.clock().toISOString();
    approval.decide(rec.id, { decision: 'return', notes: '名稱與商業登記不符' });
    const after = f.clock().toISOString();
    expect(approval.open(rec.id).previousSubmission, 'returned, not corrected yet').toBeUndefined();

    const corrected = { ...first, entity: { ...first.entity, names: { ...first.entity.names, zh: '澳門示例貿易（新）有限公司' } } };
    f.store.applications.saveDraft(rec.id, { data: corrected, search, actor: 'staff:C1' });
    f.clock.advanceMinutes(1);
    f.store.applications.setStatus(rec.id, { status: 'pending_approval', actor: 'staff:C1' });
    const review = approval.open(rec.id);
    const returnedAt = review.previousSubmission?.returnedAt ?? '';
    expect(returnedAt > before && returnedAt < after, `${before} < ${returnedAt} < ${after}`).toBe(true);
    expect((review.previousSubmission?.data as Application).entity.names.zh).toBe(first.entity.names.zh);
    expect((review.data as Application).entity.names.zh).toBe('澳門示例貿易（新）有限公司');
  });
});

describe('scan pages in the review (issue 13 item 10)', () => {
  let f: AuthFixture;
  beforeEach(async () => {
    f = await authFixture('SP1');
    await f.addUser('S1', ['supervisor']);
  });
  afterEach(() => f.cleanup());

  it('a 3-page PDF scan is 3 pages, counted by the core; an image is one', async () => {
    const approval = createApprovalService({ store: f.store, auth: f.auth, servicePoint: 'SP1', clock: f.clock });
    const rec = f.store.applications.createDraft({
      kind: 'first_application',
      data: sampleFirstApplication(),
      search: { entityNames: [], registrationNumbers: [], idNumbers: [] },
      actor: 'staff:C1',
    });
    const pdf = f.store.attachments.put(await pdfOfPages(3), { applicationId: rec.id, slot: 'paper.application_form', actor: 'staff:C1' });
    f.store.attachments.put(scanFixtures.png, { applicationId: rec.id, slot: 'paper.application_form', actor: 'staff:C1', attachmentId: pdf.id });
    f.store.applications.setStatus(rec.id, { status: 'pending_approval', actor: 'staff:C1' });
    await f.auth.signIn({ staffNumber: 'S1', password: 'password-1' });
    const scan = approval.open(rec.id).scans.find((s) => s.id === pdf.id);
    expect(scan?.pages.map((p) => [p.mime, p.pageCount])).toEqual([
      ['application/pdf', 3],
      ['image/png', 1],
    ]);
  });
});
