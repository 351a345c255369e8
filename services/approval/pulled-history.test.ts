import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Change } from '../../api/sync';
import { sampleFirstApplication } from '../../domain/rules/sample-applications';
import { authFixture, type AuthFixture } from '../auth/test-support';
import { Refusal } from '../core/refusal';
import { createApplicationHistory } from '../intake/application-history';
import { createPullApplier } from '../sync/pull-apply';
import { createApplicationAccess } from './application-access';
import { createPulledApplications } from './pulled-applications';

// Issue 15: the history of an application taken in at another workstation of the service point,
// as the server's pull carries it, on the review screen's history panel (applications.history).

const NOTE = '申請人說第二頁在家裡';

function pulledApplication(servicePoint = 'SP01') {
  const w2 = `${servicePoint}-W2`;
  return {
    recordId: randomUUID(),
    applicationNumber: `${servicePoint}-W2-20261123-0001-K`,
    servicePoint,
    workstationId: w2,
    kind: 'first_application' as const,
    status: 'pending_approval' as const,
    version: 3,
    application: sampleFirstApplication(),
    createdBy: 'C1',
    editors: [],
    history: [
      { status: 'pending_approval' as const, actor: 'C1', at: '2026-11-23T01:00:00.000Z', workstationId: w2 },
      {
        status: 'returned' as const,
        actor: 'S9',
        at: '2026-11-23T02:00:00.000Z',
        workstationId: `${servicePoint}-W3`,
        decision: 'return' as const,
        notes: NOTE,
      },
      { status: 'pending_approval' as const, actor: 'C1', at: '2026-11-23T03:00:00.000Z', workstationId: w2 },
    ],
    blobs: [],
  };
}

describe('history of an application taken in elsewhere', () => {
  let f: AuthFixture;
  beforeEach(async () => {
    f = await authFixture('SP01');
    await f.addUser('S1', ['supervisor']);
    await f.addUser('C5', ['clerk']);
    await f.addUser('C1', ['clerk']);
  });
  afterEach(() => f.cleanup());

  const pull = (...apps: ReturnType<typeof pulledApplication>[]) =>
    createPullApplier(f.store, f.clock).apply({
      changes: apps.map((a) => ({ kind: 'application', id: a.recordId, deleted: false, data: a }) as Change),
      cursor: 'c1',
      hasMore: false,
      epoch: randomUUID(),
      serverTime: f.clock().toISOString(),
    });

  const build = () => {
    const pulled = createPulledApplications(f.store, 'SP01');
    const history = createApplicationHistory({
      store: f.store,
      user: () => f.auth.requireUser(),
      decider: () => f.auth.decider(),
      displayNameOf: (a) => f.auth.displayNameOf(a),
      access: createApplicationAccess({ servicePoint: 'SP01', servicePointOf: () => 'SP01' }),
      pulled,
    });
    return { history, pulled };
  };

  const refused = (fn: () => unknown) => {
    try {
      fn();
      return 'allowed';
    } catch (e) {
      return e instanceof Refusal ? e.code : e;
    }
  };

  it('a supervisor here sees who submitted, returned and resubmitted it, where, and their own review — never the return note', async () => {
    const a = pulledApplication();
    pull(a);
    const { history, pulled } = build();
    await f.auth.signIn({ staffNumber: 'S1', password: 'password-1' });
    pulled.noteReviewed(pulled.get(a.recordId)!, 'staff:S1', null);

    const entries = history.of(a.recordId);
    expect(entries.map((e) => [e.action, e.actor, e.workstationId, e.summary?.key ?? null])).toEqual([
      ['submit', 'staff:C1', 'SP01-W2', 'history.summary.number'],
      ['return', 'staff:S9', 'SP01-W3', null],
      ['submit', 'staff:C1', 'SP01-W2', 'history.summary.resubmitted'],
      ['review', 'staff:S1', 'W1', null],
    ]);
    expect(entries[0]!.summary?.params).toEqual({ number: a.applicationNumber });
    expect(entries.find((e) => e.actor === 'staff:C1')?.actorName).toBe('User C1 (C1)');
    expect(JSON.stringify(entries)).not.toContain(NOTE);
  });

  it('a decision taken here shows until the server’s own step for it arrives, then once', async () => {
    const a = pulledApplication();
    pull(a);
    const { history, pulled } = build();
    await f.auth.signIn({ staffNumber: 'S1', password: 'password-1' });
    pulled.noteReviewed(pulled.get(a.recordId)!, 'staff:S1', null);
    const at = f.clock().toISOString();
    expect(
      pulled.decide(
        pulled.get(a.recordId)!,
        { decision: 'reject', reasonCode: 'documents_missing', text: NOTE },
        { actor: 'staff:S1', roles: ['supervisor'], onSessionOf: null, at },
      ),
    ).toMatchObject({ ok: true });
    expect(history.of(a.recordId).map((e) => e.action)).toEqual(['submit', 'return', 'submit', 'review', 'reject']);

    // The server applied it: version 4 carries the rejection with its reason code.
    pull({
      ...a,
      status: 'rejected' as never,
      version: 4,
      history: [
        ...a.history,
        {
          status: 'rejected' as never,
          actor: 'S1',
          at,
          workstationId: 'SP01-W1',
          decision: 'reject' as never,
          reasonCode: 'documents_missing',
          notes: NOTE,
        } as never,
      ],
    });
    const entries = history.of(a.recordId);
    expect(entries.map((e) => e.action)).toEqual(['submit', 'return', 'submit', 'review', 'reject']);
    expect(entries.at(-1)).toMatchObject({ actor: 'staff:S1', workstationId: 'SP01-W1', summary: { key: 'approval.reason.documents_missing' } });
    expect(JSON.stringify(entries)).not.toContain(NOTE);
  });

  it('the clerk who took it in may read it here; another clerk and another service point’s application learn nothing', async () => {
    const a = pulledApplication();
    const other = pulledApplication('SP02');
    pull(a, other);
    const { history } = build();
    await f.auth.signIn({ staffNumber: 'C1', password: 'password-1' });
    expect(history.of(a.recordId)).toHaveLength(3);
    f.auth.signOut();
    await f.auth.signIn({ staffNumber: 'C5', password: 'password-1' });
    expect(refused(() => history.of(a.recordId))).toBe('not_found');
    f.auth.signOut();
    await f.auth.signIn({ staffNumber: 'S1', password: 'password-1' });
    expect(refused(() => history.of(other.recordId))).toBe('not_found');
  });
});
