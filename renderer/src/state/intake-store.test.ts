// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import type { ApiResult } from '../../../api/result';
import type { Application } from '../../../domain/model/application';
import { emptyApplication } from '../../../domain/model/application';
import { assess, emptyContext } from '../../../domain/rules';
import type { IntakeApi, IntakeRecord } from '../screens/intake/intake-api';
import { createIntakeStore, rebase } from './intake-store';

// A fake core with the agreed semantics: revision-checked saves, ticks stamped by the core.
function fakeCore() {
  let rec: IntakeRecord = {
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
  };
  const saves: { revision: number; names: Application['entity']['names'] }[] = [];
  let release: (() => void) | null = null;
  let hold = false;
  const answer = <T>(v: T): ApiResult<T> => ({ ok: true, value: structuredClone(v) });
  const client = {
    async 'intake.get'() {
      return answer(rec);
    },
    async 'intake.save'({ expectedRevision, application }: { expectedRevision: number; application: Application }) {
      if (hold) await new Promise<void>((r) => (release = r));
      saves.push({ revision: expectedRevision, names: { ...application.entity.names } });
      if (expectedRevision !== rec.revision) return { ok: false, error: { code: 'conflict', message: 'stale', messageKey: 'api.error.conflict' } };
      const checks = Object.fromEntries(Object.keys(application.checks).map((k) => [k, rec.application.checks[k] ?? { by: 'C0101', at: 'core-time' }]));
      // Attachments are the core's: whatever the form sent, the stored list stands.
      const stored = rebase({ ...application, checks }, rec.application);
      rec = { ...rec, revision: rec.revision + 1, application: stored, assessment: assess(stored, emptyContext('2026-11-23')) };
      return answer(rec);
    },
    async 'intake.submit'() {
      return answer(rec);
    },
  } as unknown as IntakeApi;
  return {
    client,
    saves,
    get record() {
      return rec;
    },
    attachElsewhere(slot: string, attachmentId: string) {
      const docs = { ...rec.application.documents, [slot]: { sighting: rec.application.documents[slot]?.sighting ?? 'none', attachments: [attachmentId] } };
      rec = { ...rec, revision: rec.revision + 1, application: { ...rec.application, documents: docs } };
    },
    holdSaves() {
      hold = true;
    },
    releaseSave() {
      hold = false;
      release?.();
    },
  };
}

const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

describe('intake autosave', () => {
  it('debounces typing into one save ~400 ms after the last key', async () => {
    vi.useFakeTimers();
    const core = fakeCore();
    const store = createIntakeStore(core.client);
    await store.getState().open('a1');
    for (const name of ['澳', '澳門', '澳門街坊']) {
      store.getState().update((a) => void (a.entity.names.zh = name));
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(core.saves).toHaveLength(0);
    expect(store.getState().saveState).toBe('pending');
    await vi.advanceTimersByTimeAsync(400);
    await settle();
    expect(core.saves.map((s) => s.names.zh)).toEqual(['澳門街坊']);
    expect(store.getState().saveState).toBe('saved');
    expect(core.record.application.entity.names.zh).toBe('澳門街坊');
    vi.useRealTimers();
  });

  it('a clerk who never pauses still gets a save within a second of the first unsaved key', async () => {
    vi.useFakeTimers();
    const core = fakeCore();
    const store = createIntakeStore(core.client);
    await store.getState().open('a1');
    // A key every 150 ms for 2.4 s: the 400 ms pause never comes.
    for (let i = 1; i <= 16; i++) {
      store.getState().update((a) => void (a.entity.names.pt = 'x'.repeat(i)));
      await vi.advanceTimersByTimeAsync(150);
    }
    await settle();
    expect(core.saves.length).toBeGreaterThanOrEqual(2);
    expect(core.saves[0]?.names.pt?.length).toBeLessThanOrEqual(8); // saved by the ~1 s mark
    vi.useRealTimers();
  });

  it('serialises saves: typing during a slow save is sent after it, with the new revision, and not overwritten', async () => {
    vi.useFakeTimers();
    const core = fakeCore();
    const store = createIntakeStore(core.client);
    await store.getState().open('a1');
    core.holdSaves();
    store.getState().update((a) => void (a.entity.names.pt = 'Associação'));
    await vi.advanceTimersByTimeAsync(400);
    // The first save is in flight; the clerk goes on typing.
    store.getState().update((a) => void (a.entity.names.pt = 'Associação de Moradores'));
    await vi.advanceTimersByTimeAsync(400);
    core.releaseSave();
    await settle();
    expect(store.getState().app?.entity.names.pt).toBe('Associação de Moradores');
    await vi.advanceTimersByTimeAsync(400);
    await settle();
    expect(core.saves.map((s) => [s.revision, s.names.pt])).toEqual([
      [1, 'Associação'],
      [2, 'Associação de Moradores'],
    ]);
    expect(core.record.application.entity.names.pt).toBe('Associação de Moradores');
    expect(store.getState().saveState).toBe('saved');
    vi.useRealTimers();
  });

  it('on a conflict (a scan attached meanwhile) re-reads, keeps the typing and the core’s attachment, and saves again', async () => {
    const core = fakeCore();
    const store = createIntakeStore(core.client, { delayMs: 0 });
    await store.getState().open('a1');
    const scan = 'a'.repeat(64);
    core.attachElsewhere('paper.application_form', scan);
    store.getState().update((a) => {
      a.entity.names.zh = '澳門示例貿易有限公司';
      a.documents['paper.application_form'] = { sighting: 'original', attachments: [] };
    });
    expect(await store.getState().flush()).toBe(true);
    expect(core.saves.map((s) => s.revision)).toEqual([1, 2]);
    const saved = core.record.application;
    expect(saved.entity.names.zh).toBe('澳門示例貿易有限公司');
    expect(saved.documents['paper.application_form']).toEqual({ sighting: 'original', attachments: [scan] });
    expect(store.getState().app?.documents['paper.application_form']?.attachments).toEqual([scan]);
  });

  it('adopts the core’s tick stamp once nothing newer was typed', async () => {
    const core = fakeCore();
    const store = createIntakeStore(core.client, { delayMs: 0 });
    await store.getState().open('a1');
    store.getState().update((a) => void (a.checks['paper.agreement.signed'] = { by: 'forged', at: 'renderer-time' }));
    await store.getState().flush();
    expect(store.getState().app?.checks['paper.agreement.signed']).toEqual({ by: 'C0101', at: 'core-time' });
  });

  it('keeps the typing on screen and retries when the core does not answer', async () => {
    vi.useFakeTimers();
    const core = fakeCore();
    let down = true;
    const save = core.client['intake.save'];
    const client = {
      ...core.client,
      'intake.save': (input: Parameters<typeof save>[0]) =>
        down ? Promise.resolve({ ok: false as const, error: { code: 'unavailable', message: 'down', messageKey: 'api.error.unavailable' } }) : save(input),
    } as IntakeApi;
    const store = createIntakeStore(client, { delayMs: 10, retryMs: 1000 });
    await store.getState().open('a1');
    store.getState().update((a) => void (a.entity.names.en = 'Residents Association'));
    await vi.advanceTimersByTimeAsync(20);
    await settle();
    expect(store.getState().saveState).toBe('error');
    expect(store.getState().app?.entity.names.en).toBe('Residents Association');
    down = false;
    await vi.advanceTimersByTimeAsync(1000);
    await settle();
    expect(store.getState().saveState).toBe('saved');
    expect(core.record.application.entity.names.en).toBe('Residents Association');
    vi.useRealTimers();
  });

  it('does not edit a read-only (submitted) application', async () => {
    const core = fakeCore();
    const store = createIntakeStore(core.client, { delayMs: 0 });
    await store.getState().open('a1');
    store.getState().adopt({ ...core.record, readOnly: true, status: 'pending_approval' });
    store.getState().update((a) => void (a.entity.names.zh = 'changed'));
    expect(store.getState().app?.entity.names.zh).toBeUndefined();
    expect(store.getState().saveState).toBe('saved');
  });
});
