import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ApiError, type ApiResult } from '../../api/result';
import { approvalContract } from '../../api/contracts/approval-contract';
import { authContract } from '../../api/contracts/auth-contract';
import { createSessionState } from '../auth';
import { createUsersRepo } from '../auth/users-repo';
import { hashPassword } from '../auth/password-verifier';
import { manualClock, TEST_PASSWORD_PARAMS, type ManualClock } from '../auth/test-support';
import { openTestStore, tempStoreDir } from '../store/test-support';
import type { Store } from '../store';
import { scanFixtures } from '../store/attachments/fixtures';
import { sampleFirstApplication } from '../../domain/rules/sample-applications';
import type { CoreDeps } from '../core/core-deps';
import { createCoreServices } from '../core/core-services';
import { randomIds } from '../core/clock';
import { createApprovalHandlers } from './approval-handlers';
import { createAuthHandlers } from './auth-handlers';

const contract = { ...authContract, ...approvalContract };
type C = typeof contract;
type M = keyof C;

/**
 * The same steps as api/dispatch.ts (zod in, handler, zod out, ApiError → {ok:false}) for
 * these two areas until they are joined into api/contract.ts.
 */
function dispatcherFor(deps: CoreDeps) {
  const services = createCoreServices(deps, createSessionState());
  const handlers = { ...createAuthHandlers(services), ...createApprovalHandlers(services) } as Record<M, (i: unknown, ctx: { transport: 'http' }) => unknown>;
  return async <K extends M>(method: K, raw: unknown): Promise<ApiResult<z.output<C[K]['output']>>> => {
    const spec = contract[method];
    const parsed = spec.input.safeParse(raw ?? {});
    if (!parsed.success) return { ok: false, error: { code: 'invalid_input', message: 'Invalid input' } };
    try {
      const out = spec.output.safeParse(await handlers[method](parsed.data, { transport: 'http' }));
      if (!out.success) return { ok: false, error: { code: 'internal', message: out.error.message } };
      return { ok: true, value: out.data as z.output<C[K]['output']> };
    } catch (e) {
      if (e instanceof ApiError) return { ok: false, error: { code: e.code, message: e.message, ...(e.messageKey ? { messageKey: e.messageKey } : {}) } };
      throw e;
    }
  };
}

describe('auth and approval through the API', () => {
  let store: Store;
  let cleanup: () => void;
  let clock: ManualClock;
  let call: ReturnType<typeof dispatcherFor>;

  const addUser = async (staffNumber: string, roles: ('clerk' | 'supervisor' | 'workstation_admin')[]) => {
    const users = createUsersRepo(store.db, () => clock().toISOString());
    users.upsert({
      staffNumber,
      displayName: `名${staffNumber}`,
      roles,
      servicePoints: ['SP1'],
      passwordVerifier: await hashPassword(`pw-${staffNumber}`, TEST_PASSWORD_PARAMS),
      active: true,
    });
  };
  /** As the review screen does it: the decider opens the application, then decides. */
  const decide = async (input: { id: string } & Record<string, unknown>) => {
    await call('approval.open', { id: input.id });
    return call('approval.decide', input);
  };
  const signIn = async (staffNumber: string) => {
    const r = await call('auth.signIn', { staffNumber, password: `pw-${staffNumber}` });
    expect(r.ok).toBe(true);
  };
  /** What the clerk's intake does (the lead's drafts API): create, edit, submit as `actor`. */
  const takeIn = (actor: string, name = '澳門街坊會') => {
    const rec = store.applications.createDraft({
      kind: 'first_application',
      data: { entity: { nameZh: name } },
      search: { entityNames: [name], registrationNumbers: [], idNumbers: [] },
      actor,
    });
    store.applications.setStatus(rec.id, { status: 'pending_approval', actor });
    return rec.id;
  };
  const audit = () => store.audit.recent(500);

  beforeEach(async () => {
    const t = tempStoreDir();
    clock = manualClock();
    store = openTestStore(t.dir, t.key, { clock, workstationId: 'W1' });
    cleanup = () => {
      store.close();
      t.cleanup();
    };
    const deps: CoreDeps = {
      store,
      config: { workstationId: 'W1', servicePoint: { code: 'SP1', nameZh: '測試', namePt: 'Teste' } },
      version: 'test',
      clock,
      newId: randomIds,
      passwordParams: TEST_PASSWORD_PARAMS,
    };
    call = dispatcherFor(deps);
    await addUser('C1', ['clerk']);
    await addUser('S1', ['supervisor']);
    await addUser('S2', ['supervisor']);
  });
  afterEach(() => cleanup());

  it('nothing is possible before sign-in', async () => {
    expect(await call('approval.queue', {})).toMatchObject({ ok: false, error: { code: 'unauthorised', messageKey: 'auth.error.notSignedIn' } });
  });

  it('a clerk cannot approve: the forged call is refused with forbidden and nothing changes', async () => {
    const id = takeIn('staff:C1');
    await signIn('C1');
    expect(await decide({ id, decision: 'approve' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', messageKey: 'approval.error.wrongRole' },
    });
    expect(store.applications.get(id)?.status).toBe('pending_approval');
  });

  it('a supervisor who edited an application cannot approve it; another supervisor can', async () => {
    const id = takeIn('staff:C1');
    store.applications.setStatus(id, { status: 'returned', actor: 'staff:S2', reason: 'fix' });
    store.applications.saveDraft(id, {
      data: { entity: { nameZh: '改' } },
      search: { entityNames: ['改'], registrationNumbers: [], idNumbers: [] },
      actor: 'staff:S1',
    });
    store.applications.setStatus(id, { status: 'pending_approval', actor: 'staff:C1' });
    await signIn('S1');
    const q = await call('approval.queue', {});
    expect(q.ok && q.value.map((x) => [x.id, x.handledByMe])).toEqual([[id, true]]);
    const open = await call('approval.open', { id });
    expect(open.ok && open.value.allowedDecisions).toEqual([]);
    expect(await decide({ id, decision: 'approve' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', messageKey: 'approval.error.fourEyes' },
    });
    await signIn('S2');
    expect(await decide({ id, decision: 'approve' })).toMatchObject({ ok: true, value: { status: 'approved', decidedBy: 'staff:S2' } });
  });

  it('queue is oldest first with age; reject needs a reason code and the clerk sees it', async () => {
    const first = takeIn('staff:C1', '甲會');
    clock.advanceMinutes(30);
    const second = takeIn('staff:C1', '乙會');
    clock.advanceMinutes(10);
    await signIn('S1');
    const q = await call('approval.queue', {});
    expect(q.ok && q.value.map((x) => [x.entityNames[0], x.ageMinutes, x.submittedByName])).toEqual([
      ['甲會', 40, '名C1 (C1)'],
      ['乙會', 10, '名C1 (C1)'],
    ]);
    expect(await decide({ id: first, decision: 'reject' })).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(await decide({ id: first, decision: 'reject', reasonCode: 'bogus' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await decide({ id: first, decision: 'reject', reasonCode: 'documents_missing', text: '欠商業登記證明' })).toMatchObject({
      ok: true,
      value: { status: 'rejected' },
    });
    const rec = store.applications.get(first);
    expect(rec?.statusHistory.at(-1)).toMatchObject({ status: 'rejected', actor: 'staff:S1', reason: '[documents_missing] 欠商業登記證明' });
    expect(store.outbox.pending().some((o) => o.topic === 'application.decided' && o.subjectId === first)).toBe(true);
    expect(second).toBeTruthy();
  });

  it('return for correction round trip: notes reach the clerk, the corrected form comes back to the queue', async () => {
    const id = takeIn('staff:C1');
    await signIn('S1');
    expect(await decide({ id, decision: 'return', notes: '' })).toMatchObject({
      ok: false,
      error: { messageKey: 'approval.error.reasonRequired' },
    });
    expect(await decide({ id, decision: 'return', notes: '第二頁未簽名' })).toMatchObject({ ok: true, value: { status: 'returned' } });
    expect(store.applications.get(id)?.statusHistory.at(-1)?.reason).toBe('第二頁未簽名');
    store.applications.saveDraft(id, {
      data: { entity: { nameZh: '已簽' } },
      search: { entityNames: ['已簽'], registrationNumbers: [], idNumbers: [] },
      actor: 'staff:C1',
    });
    store.applications.setStatus(id, { status: 'pending_approval', actor: 'staff:C1' });
    const q = await call('approval.queue', {});
    expect(q.ok && q.value.map((x) => [x.resubmitted, x.handledByMe])).toEqual([[true, false]]);
    expect(await decide({ id, decision: 'approve' })).toMatchObject({ ok: true, value: { status: 'approved' } });
  });

  it('the clerk submits through the API, sees why it was rejected, and cannot submit twice', async () => {
    await signIn('C1');
    // A complete form: approval.submit runs the same rules and FAQ 8 check as intake.submit.
    const rec = store.applications.createDraft({
      kind: 'first_application',
      data: sampleFirstApplication(),
      search: { entityNames: ['丙會'], registrationNumbers: [], idNumbers: [] },
      actor: 'staff:C1',
    });
    expect(await call('approval.submit', { id: rec.id })).toMatchObject({ ok: true, value: { status: 'pending_approval' } });
    expect(await call('approval.submit', { id: rec.id })).toMatchObject({ ok: false, error: { code: 'conflict', messageKey: 'approval.error.wrongState' } });
    expect(await call('approval.lastDecision', { id: rec.id })).toMatchObject({ ok: true, value: null });
    await signIn('S1');
    await decide({ id: rec.id, decision: 'reject', reasonCode: 'not_eligible', text: '非社團' });
    await signIn('C1');
    expect(await call('approval.lastDecision', { id: rec.id })).toMatchObject({
      ok: true,
      value: { status: 'rejected', actor: 'staff:S1', actorName: '名S1 (S1)', reasonCode: 'not_eligible', text: '非社團' },
    });
  });

  it('why an application was rejected is for the clerk who took it in and supervisors, not for another clerk', async () => {
    await addUser('C2', ['clerk']);
    const id = takeIn('staff:C1');
    await signIn('S1');
    await decide({ id, decision: 'reject', reasonCode: 'identity_not_verified', text: '到櫃人士證件與申請表不符' });
    expect(await call('approval.lastDecision', { id })).toMatchObject({ ok: true, value: { status: 'rejected' } });
    await signIn('C1');
    expect(await call('approval.lastDecision', { id })).toMatchObject({ ok: true, value: { text: '到櫃人士證件與申請表不符' } });
    // Another clerk at the same service point is told nothing, not even that it exists (as intake.get).
    await signIn('C2');
    expect(await call('approval.lastDecision', { id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('a clerk cannot read the queue, open an application for review or fetch its scans (only supervisors review)', async () => {
    const id = takeIn('staff:S2');
    const att = store.attachments.put(scanFixtures.png, { applicationId: id, slot: 'paper.application_form', actor: 'staff:S2' });
    await signIn('C1');
    expect(await call('approval.queue', {})).toMatchObject({ ok: false, error: { code: 'forbidden', messageKey: 'approval.error.wrongRole' } });
    expect(await call('approval.open', { id })).toMatchObject({ ok: false, error: { code: 'forbidden', messageKey: 'approval.error.wrongRole' } });
    expect(await call('approval.scanPage', { attachmentId: att.id, page: 0 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // A supervisor signed in on top at the clerk's workstation may.
    await call('auth.elevate', { staffNumber: 'S1', password: 'pw-S1', mode: 'window' });
    expect((await call('approval.queue', {})).ok).toBe(true);
    expect((await call('approval.scanPage', { attachmentId: att.id, page: 0 })).ok).toBe(true);
  });

  it("a supervisor reads no page of a clerk's never-submitted draft, as they cannot open it (issue 12 item 5)", async () => {
    const draft = store.applications.createDraft({
      kind: 'first_application',
      data: { entity: { nameZh: '草稿實體' } },
      search: { entityNames: ['草稿實體'], registrationNumbers: [], idNumbers: [] },
      actor: 'staff:C1',
    });
    const att = store.attachments.put(scanFixtures.png, { applicationId: draft.id, slot: 'paper.application_form', actor: 'staff:C1' });
    await signIn('S1');
    expect(await call('approval.open', { id: draft.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await call('approval.scanPage', { attachmentId: att.id, page: 0 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await call('approval.lastDecision', { id: draft.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // Once submitted it is the supervisor's to review, scans included.
    const submitted = takeIn('staff:C1');
    const scan = store.attachments.put(scanFixtures.png, { applicationId: submitted, slot: 'paper.application_form', actor: 'staff:C1' });
    expect((await call('approval.scanPage', { attachmentId: scan.id, page: 0 })).ok).toBe(true);
  });

  it('the review lists the intake ticks (application data) with who ticked, by name', async () => {
    const rec = store.applications.createDraft({
      kind: 'first_application',
      // A whole application, as intake stores it: the review reads the document through its one parser.
      data: { ...sampleFirstApplication(), checks: { 'paper.application_form.signed': { by: 'C1', at: '2026-11-23T01:00:00.000Z' } } },
      search: { entityNames: ['丁會'], registrationNumbers: [], idNumbers: [] },
      actor: 'staff:C1',
    });
    store.applications.setStatus(rec.id, { status: 'pending_approval', actor: 'staff:C1' });
    await signIn('S1');
    const open = await call('approval.open', { id: rec.id });
    expect(open.ok && open.value.checklist).toEqual([
      {
        item: 'paper.application_form.signed',
        state: 'ticked',
        sighting: null,
        note: null,
        updatedAt: '2026-11-23T01:00:00.000Z',
        updatedBy: 'staff:C1',
        updatedByName: '名C1 (C1)',
      },
    ]);
  });

  it('an elevated decision names both people in the review history', async () => {
    const id = takeIn('staff:C1');
    await signIn('C1');
    await call('auth.elevate', { staffNumber: 'S1', password: 'pw-S1', mode: 'window' });
    await decide({ id, decision: 'approve' });
    const open = await call('approval.open', { id });
    expect(open.ok && open.value.statusHistory.at(-1)).toMatchObject({
      status: 'approved',
      actor: 'staff:S1',
      actorName: '名S1 (S1)',
      onSessionOf: 'staff:C1',
      onSessionOfName: '名C1 (C1)',
    });
    expect(open.ok && open.value.statusHistory[0]).not.toHaveProperty('onSessionOf');
  });

  it('an elevation is no blank cheque: the clerk cannot decide what the supervisor did not open under it (issue 12 item 1)', async () => {
    const own = takeIn('staff:C2');
    const other = takeIn('staff:C2');
    // The supervisor reviewed `other` at their own desk earlier: that review is not this elevation's.
    await signIn('S1');
    expect((await call('approval.open', { id: other })).ok).toBe(true);
    await signIn('C1');
    expect(await call('auth.elevate', { staffNumber: 'S1', password: 'pw-S1', mode: 'window' })).toMatchObject({ ok: true });
    // The attack: the clerk's screen sends decisions the supervisor never looked at.
    for (const id of [own, other]) {
      expect(await call('approval.decide', { id, decision: 'approve' })).toMatchObject({
        ok: false,
        error: { code: 'refused', messageKey: 'approval.error.notReviewed' },
      });
      expect(store.applications.get(id)?.status).toBe('pending_approval');
    }
    // Opened under the elevation, it is decided, with both people recorded.
    expect((await call('approval.open', { id: own })).ok).toBe(true);
    expect(await call('approval.decide', { id: own, decision: 'approve' })).toMatchObject({
      ok: true,
      value: { decidedBy: 'staff:S1', onSessionOf: 'staff:C1' },
    });
  });

  it('every decision needs the decider’s review since the last submission, not only bulk approval (issue 12 item 1)', async () => {
    const id = takeIn('staff:C1');
    await signIn('S1');
    expect(await call('approval.decide', { id, decision: 'approve' })).toMatchObject({ ok: false, error: { messageKey: 'approval.error.notReviewed' } });
    await call('approval.open', { id });
    expect(await call('approval.decide', { id, decision: 'approve' })).toMatchObject({ ok: true, value: { status: 'approved' } });
  });

  it('lockout after five failures, audited', async () => {
    for (let i = 0; i < 4; i++)
      expect(await call('auth.signIn', { staffNumber: 'C1', password: 'wrong' })).toMatchObject({ ok: false, error: { code: 'unauthorised' } });
    expect(await call('auth.signIn', { staffNumber: 'C1', password: 'wrong' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', messageKey: 'auth.error.lockedOut' },
    });
    expect(await call('auth.signIn', { staffNumber: 'C1', password: 'pw-C1' })).toMatchObject({ ok: false, error: { messageKey: 'auth.error.lockedOut' } });
    expect(audit().filter((e) => e.action === 'sign_in_failed')).toHaveLength(6);
    expect(audit().some((e) => e.action === 'lockout' && e.actor === 'staff:C1')).toBe(true);
  });

  it('idle lock after 5 minutes: calls refused until the same user unlocks; session and data kept', async () => {
    await signIn('S1');
    clock.advanceMinutes(5);
    expect(await call('approval.queue', {})).toMatchObject({ ok: false, error: { code: 'unauthorised', messageKey: 'auth.error.locked' } });
    expect(await call('auth.status', {})).toMatchObject({ ok: true, value: { locked: true, user: { staffNumber: 'S1' } } });
    expect(await call('auth.unlock', { password: 'pw-S2' })).toMatchObject({ ok: false });
    expect(await call('auth.unlock', { password: 'pw-S1' })).toMatchObject({ ok: true });
    expect((await call('approval.queue', {})).ok).toBe(true);
  });

  it('oversized input is refused at the door', async () => {
    expect(await call('auth.signIn', { staffNumber: 'C1', password: 'x'.repeat(201) })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('auth.signIn', { staffNumber: 'C1', password: 'pw-C1', extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('elevation at a clerk’s workstation: the decision records both identities', async () => {
    const id = takeIn('staff:C1');
    await signIn('C1');
    expect(await call('auth.elevate', { staffNumber: 'S1', password: 'pw-S1', mode: 'one_decision' })).toMatchObject({ ok: true });
    expect(await decide({ id, decision: 'approve' })).toMatchObject({ ok: true, value: { decidedBy: 'staff:S1', onSessionOf: 'staff:C1' } });
    const entries = store.audit.forSubject(id);
    expect(entries.find((e) => e.action === 'approve')?.actor).toBe('staff:S1');
    expect(entries.find((e) => e.action === 'elevation')).toMatchObject({ actor: 'staff:S1', details: { onSessionOf: 'staff:C1', decision: 'approve' } });
    const decided = store.outbox.pending().find((o) => o.topic === 'application.decided');
    expect(decided?.payload).toMatchObject({ decidedBy: 'staff:S1', onSessionOf: 'staff:C1' });
    // One decision only: the next forged approval is the clerk's again and is refused.
    const other = takeIn('staff:S2');
    expect(await decide({ id: other, decision: 'approve' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('elevation cannot be used to approve the elevating supervisor’s own work', async () => {
    const id = takeIn('staff:S1');
    await signIn('C1');
    await call('auth.elevate', { staffNumber: 'S1', password: 'pw-S1', mode: 'window' });
    expect(await decide({ id, decision: 'approve' })).toMatchObject({ ok: false, error: { messageKey: 'approval.error.fourEyes' } });
  });

  it('bulk approval: one re-authentication, own work refused individually', async () => {
    const a = takeIn('staff:C1');
    const b = takeIn('staff:C1');
    const own = takeIn('staff:S1');
    await signIn('S1');
    for (const id of [a, b, own]) expect((await call('approval.open', { id })).ok).toBe(true);
    expect(await call('approval.bulkApprove', { ids: [a, b], password: 'wrong' })).toMatchObject({ ok: false, error: { code: 'unauthorised' } });
    expect(store.applications.get(a)?.status).toBe('pending_approval');
    const r = await call('approval.bulkApprove', { ids: [a, b, own], password: 'pw-S1' });
    expect(r).toMatchObject({ ok: true, value: { approved: [a, b], refused: [{ id: own, code: 'forbidden', messageKey: 'approval.error.fourEyes' }] } });
    expect([a, b, own].map((x) => store.applications.get(x)?.status)).toEqual(['approved', 'approved', 'pending_approval']);
  });

  it('bulk approval names the status it found when an application was decided meanwhile', async () => {
    const decided = takeIn('staff:C1');
    await signIn('S1');
    await call('approval.open', { id: decided });
    await signIn('S2');
    await decide({ id: decided, decision: 'reject', reasonCode: 'not_eligible', text: '非社團' });
    await signIn('S1');
    expect(await call('approval.bulkApprove', { ids: [decided], password: 'pw-S1' })).toEqual({
      ok: true,
      value: { approved: [], refused: [{ id: decided, code: 'conflict', messageKey: 'approval.error.wrongState', params: { status: 'rejected' } }] },
    });
  });

  it('bulk approval approves only what this supervisor opened since the last submission', async () => {
    const seen = takeIn('staff:C1');
    const unseen = takeIn('staff:C1');
    const seenByOther = takeIn('staff:C1');
    await signIn('S2');
    await call('approval.open', { id: seenByOther });
    await signIn('S1');
    await call('approval.open', { id: seen });
    await call('approval.open', { id: seen }); // opening again records one review, not two
    expect(audit().filter((e) => e.action === 'review' && e.subjectId === seen)).toMatchObject([{ actor: 'staff:S1' }]);
    const r = await call('approval.bulkApprove', { ids: [seen, unseen, seenByOther], password: 'pw-S1' });
    expect(r).toMatchObject({
      ok: true,
      value: {
        approved: [seen],
        refused: [
          { id: unseen, code: 'refused', messageKey: 'approval.error.notReviewed' },
          { id: seenByOther, code: 'refused', messageKey: 'approval.error.notReviewed' },
        ],
      },
    });
    // Returned, corrected and resubmitted: the earlier review no longer counts.
    await call('approval.open', { id: unseen });
    await decide({ id: unseen, decision: 'return', notes: '請補交文件' });
    clock.advanceMinutes(1);
    store.applications.setStatus(unseen, { status: 'pending_approval', actor: 'staff:C1' });
    expect(await call('approval.bulkApprove', { ids: [unseen], password: 'pw-S1' })).toMatchObject({
      ok: true,
      value: { approved: [], refused: [{ messageKey: 'approval.error.notReviewed' }] },
    });
  });

  it('the queue holds only this service point’s applications', async () => {
    const here = takeIn('staff:C1', '本點會');
    const elsewhere = takeIn('staff:C1', '他點會');
    // As sync will deliver it: taken in at a workstation this one does not know to be of SP1.
    store.db.prepare('UPDATE applications SET workstation_id = ? WHERE id = ?').run('W9', elsewhere);
    await signIn('S1');
    const q = await call('approval.queue', {});
    expect(q.ok && q.value.map((x) => x.id)).toEqual([here]);
  });

  it('a supervisor cannot open, fetch scans of, decide or bulk approve another service point’s application: forbidden, nothing changes', async () => {
    const elsewhere = takeIn('staff:C1', '他點會');
    const att = store.attachments.put(scanFixtures.png, { applicationId: elsewhere, slot: 'paper.application_form', actor: 'staff:C1' });
    // As sync will deliver it: taken in at a workstation this one does not know to be of SP1.
    store.db.prepare('UPDATE applications SET workstation_id = ? WHERE id = ?').run('W9', elsewhere);
    const here = takeIn('staff:C1', '本點會');
    await signIn('S1');
    expect((await call('approval.open', { id: here })).ok).toBe(true);
    const before = { rec: store.applications.get(elsewhere), audit: audit().length, outbox: store.outbox.pending().length };
    const otherServicePoint = { ok: false, error: { code: 'forbidden', messageKey: 'approval.error.otherServicePoint' } };
    expect(await call('approval.open', { id: elsewhere })).toMatchObject(otherServicePoint);
    expect(await call('approval.scanPage', { attachmentId: att.id, page: 0 })).toMatchObject(otherServicePoint);
    for (const input of [{ decision: 'approve' }, { decision: 'reject', reasonCode: 'not_eligible', text: 'x' }, { decision: 'return', notes: 'x' }] as const) {
      expect(await decide({ id: elsewhere, ...input })).toMatchObject(otherServicePoint);
    }
    expect(await call('approval.lastDecision', { id: elsewhere })).toMatchObject(otherServicePoint);
    // Bulk: the other service point's is refused on its own, this one's is approved.
    expect(await call('approval.bulkApprove', { ids: [elsewhere, here], password: 'pw-S1' })).toMatchObject({
      ok: true,
      value: { approved: [here], refused: [{ id: elsewhere, code: 'forbidden', messageKey: 'approval.error.otherServicePoint' }] },
    });
    expect(store.applications.get(elsewhere)).toEqual(before.rec);
    // No review recorded for it; the only new entries are this service point's approval and the bulk summary.
    expect(audit().filter((e) => e.subjectId === elsewhere && e.action !== 'create' && e.action !== 'attach' && e.action !== 'submit')).toEqual([]);
    expect(audit().length - before.audit).toBe(2);
    expect(store.outbox.pending().filter((o) => o.subjectId === elsewhere && o.topic === 'application.decided')).toEqual([]);
    // A supervisor signed in on top at a clerk's workstation is bound the same way.
    await signIn('C1');
    await call('auth.elevate', { staffNumber: 'S2', password: 'pw-S2', mode: 'window' });
    expect(await decide({ id: elsewhere, decision: 'approve' })).toMatchObject(otherServicePoint);
  });

  it('the clerk who took an application in still reads why it came back, wherever it is now', async () => {
    const id = takeIn('staff:C1');
    await signIn('S1');
    await decide({ id, decision: 'return', notes: '請補簽' });
    store.db.prepare('UPDATE applications SET workstation_id = ? WHERE id = ?').run('W9', id);
    await signIn('C1');
    expect(await call('approval.lastDecision', { id })).toMatchObject({ ok: true, value: { status: 'returned', text: '請補簽' } });
  });

  it('the day-end report counts this service point’s workstations only, as the queue does', async () => {
    takeIn('staff:C1');
    const elsewhere = takeIn('staff:C1');
    store.db.prepare('UPDATE applications SET workstation_id = ? WHERE id = ?').run('W9', elsewhere);
    await signIn('S1');
    const r = await call('approval.dayEnd', { day: '2026-11-23' });
    expect(r.ok && r.value.groups.map((g) => [g.workstationId, g.servicePoint, g.counts.submitted])).toEqual([['W1', 'SP1', 1]]);
  });

  it('a clerk cannot bulk approve', async () => {
    const a = takeIn('staff:S2');
    await signIn('C1');
    expect(await call('approval.bulkApprove', { ids: [a], password: 'pw-C1' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('day-end report: supervisors only; export is audited; a paper count difference is reported', async () => {
    takeIn('staff:C1');
    const day = '2026-11-23';
    await signIn('C1');
    expect(await call('approval.dayEnd', { day })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await signIn('S1');
    expect(await call('approval.dayEnd', { day: '2026-02-31' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const r = await call('approval.dayEnd', { day, paperCounts: { 'W1/SP1': 2 } });
    expect(r.ok && r.value.groups[0]?.differences.map((d) => [d.check, d.difference])).toEqual([
      ['received_equals_recorded', 1],
      ['received_equals_submitted', 1],
      ['all_synced', 1],
    ]);
    const csv = await call('approval.dayEndExport', { day, format: 'csv', locale: 'en' });
    expect(csv.ok && Buffer.from(csv.value.base64, 'base64').toString('utf8')).toContain('Forms received');
    const pdf = await call('approval.dayEndExport', { day, format: 'pdf', locale: 'zh-Hant' });
    expect(pdf.ok && Buffer.from(pdf.value.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(audit().filter((e) => e.action === 'export' && e.actor === 'staff:S1')).toHaveLength(2);
  });
});
