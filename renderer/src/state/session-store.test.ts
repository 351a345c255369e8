// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyApplication } from '../../../domain/model/application';
import type { IntakeRecord } from '../screens/intake/intake-api';

// Issue 7: sessions are never shared. What one clerk had open must not be what the next
// person at the workstation sees, and signing out must not drop the last keystrokes.
const core = vi.hoisted(() => ({ user: null as null | string, calls: [] as string[] }));

vi.mock('../api/transport', () => {
  const user = (n: string) => ({ userId: n, staffNumber: n, displayName: `名${n}`, roles: ['clerk'], servicePoints: ['SP01'], actor: `staff:${n}` });
  const record = (): IntakeRecord => ({
    id: 'a1',
    kind: 'first_application',
    status: 'draft',
    revision: 1,
    applicationNumber: null,
    application: emptyApplication('first_application'),
    assessment: { requirements: [], blockingCount: 0 },
    duplicates: [],
    readOnly: false,
    tickers: {},
    createdAt: '2026-11-23T01:00:00Z',
    updatedAt: '2026-11-23T01:00:00Z',
  });
  const ok = (value: unknown) => ({ ok: true, value });
  return {
    api: {
      'auth.status': async () =>
        ok({
          setupNeeded: false,
          user: core.user ? user(core.user) : null,
          locked: false,
          idleMinutes: 5,
          elevation: null,
          workstationId: 'W07',
          servicePoint: 'SP01',
        }),
      'auth.signIn': async ({ staffNumber }: { staffNumber: string }) => {
        core.calls.push(`signIn ${staffNumber}`);
        core.user = staffNumber;
        return ok(user(staffNumber));
      },
      'auth.signOut': async () => {
        core.calls.push('signOut');
        core.user = null;
        return ok({ done: true });
      },
      'intake.get': async () => ok(record()),
      'intake.save': async ({ application }: { application: IntakeRecord['application'] }) => {
        core.calls.push(`save ${application.entity.names.zh ?? ''}`);
        return ok({ ...record(), revision: 2, application });
      },
    },
  };
});

const { useSessionStore } = await import('./session-store');
const { useIntakeStore } = await import('./intake-store');

async function clerkWithOpenForm(staffNumber: string) {
  await useSessionStore.getState().signIn(staffNumber, 'pw');
  await useIntakeStore.getState().open('a1');
  expect(useIntakeStore.getState().record?.id).toBe('a1');
}

describe('session store and the open form', () => {
  beforeEach(() => {
    core.user = null;
    core.calls = [];
    useIntakeStore.getState().reset();
  });

  it('signing out saves what was typed, then forgets the open form', async () => {
    await clerkWithOpenForm('C0101');
    useIntakeStore.getState().update((a) => {
      a.entity.names.zh = '澳門剛打好的名稱';
    });
    await useSessionStore.getState().signOut();
    expect(core.calls).toEqual(['signIn C0101', 'save 澳門剛打好的名稱', 'signOut']);
    expect(useIntakeStore.getState()).toMatchObject({ id: null, record: null, app: null });
  });

  it('a different user (the session ended elsewhere, someone else signed in) never sees the previous form', async () => {
    await clerkWithOpenForm('C0101');
    core.user = 'C0102';
    await useSessionStore.getState().refresh();
    expect(useIntakeStore.getState()).toMatchObject({ id: null, record: null });
  });

  it('the same user after a refresh (e.g. unlock) keeps the open form', async () => {
    await clerkWithOpenForm('C0101');
    await useSessionStore.getState().refresh();
    expect(useIntakeStore.getState().record?.id).toBe('a1');
  });
});
