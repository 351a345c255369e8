// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Application } from '../../../../domain/model/application';
import { assess, emptyContext } from '../../../../domain/rules';
import { sampleFirstApplication } from '../../../../domain/rules/sample-applications';
import type { IntakeRecord } from './intake-api';

// Discarding a draft from the intake screen against a fake core: two presses, the keyboard
// lands on the confirmation, a refusal is shown and nothing is left, success goes back to the list.
const core = vi.hoisted(() => ({ record: null as unknown, discards: [] as unknown[], refuse: false }));

vi.mock('../../api/transport', () => {
  const rec = () => core.record as IntakeRecord;
  return {
    api: {
      'intake.get': async () => ({ ok: true, value: structuredClone(rec()) }),
      'intake.save': async () => ({ ok: true, value: structuredClone(rec()) }),
      'intake.discard': async (input: unknown) => {
        core.discards.push(input);
        if (core.refuse) return { ok: false, error: { code: 'refused', message: 'submitted once', messageKey: 'intake.error.discardSubmitted' } };
        return { ok: true, value: { id: rec().id, status: 'discarded' } };
      },
      'intake.create': async () => ({ ok: false, error: { code: 'unavailable', message: 'not in this test' } }),
      'approval.lastDecision': async () => ({ ok: true, value: null }),
      'receipts.status': async () => ({ ok: false, error: { code: 'not_found', message: 'none' } }),
      'history.list': async () => ({ ok: true, value: [] }),
    },
  };
});

Element.prototype.scrollIntoView = () => undefined;

const { IntakeScreen } = await import('./IntakeScreen');
const { useAppStore } = await import('../../state/app-store');
const { useIntakeStore } = await import('../../state/intake-store');

function recordOf(application: Application, o: Partial<IntakeRecord> = {}): IntakeRecord {
  return {
    id: 'a1',
    kind: application.kind,
    status: 'draft',
    revision: 4,
    applicationNumber: null,
    application,
    assessment: assess(application, emptyContext('2026-11-23')),
    duplicates: [],
    readOnly: false,
    tickers: {},
    createdAt: '2026-11-23T01:00:00Z',
    updatedAt: '2026-11-23T01:00:00Z',
    ...o,
  };
}

async function openScreen(record: IntakeRecord) {
  core.record = record;
  core.discards = [];
  core.refuse = false;
  useAppStore.getState().navigate({ screen: 'intake', id: 'a1' });
  render(<IntakeScreen id="a1" />);
  await act(async () => {
    await useIntakeStore.getState().open('a1');
  });
}

describe('discard draft', () => {
  afterEach(() => {
    cleanup();
    useIntakeStore.getState().reset();
  });

  it('asks first, puts the keyboard on the confirmation, then discards at the current revision and goes back to the work list', async () => {
    await openScreen(recordOf(sampleFirstApplication()));
    fireEvent.click(screen.getByRole('button', { name: '捨棄草稿' }));
    expect(core.discards).toEqual([]);
    const confirm = screen.getByRole('button', { name: '確定捨棄' });
    expect(document.activeElement).toBe(confirm);
    expect(screen.getByRole('group', { name: /確定捨棄這份草稿/ })).toBeTruthy();
    await act(async () => {
      fireEvent.click(confirm);
    });
    expect(core.discards).toEqual([{ id: 'a1', expectedRevision: 4 }]);
    expect(useAppStore.getState().route).toEqual({ screen: 'worklist' });
    expect(useIntakeStore.getState().record).toBeNull();
  });

  it('cancel changes nothing and gives the first button back', async () => {
    await openScreen(recordOf(sampleFirstApplication()));
    fireEvent.click(screen.getByRole('button', { name: '捨棄草稿' }));
    fireEvent.click(screen.getByRole('button', { name: '取消' }));
    expect(core.discards).toEqual([]);
    expect(screen.queryByRole('button', { name: '確定捨棄' })).toBeNull();
    expect(screen.getByRole('button', { name: '捨棄草稿' })).toBeTruthy();
    expect(useAppStore.getState().route).toEqual({ screen: 'intake', id: 'a1' });
  });

  it('a refusal from the core is shown in the clerk’s language and the form stays open', async () => {
    await openScreen(recordOf(sampleFirstApplication()));
    core.refuse = true;
    fireEvent.click(screen.getByRole('button', { name: '捨棄草稿' }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '確定捨棄' }));
    });
    expect(screen.getByText(/只可捨棄從未提交的草稿/)).toBeTruthy();
    expect(useAppStore.getState().route).toEqual({ screen: 'intake', id: 'a1' });
    expect(useIntakeStore.getState().record?.id).toBe('a1');
  });

  it('is not offered for a form returned for correction', async () => {
    await openScreen(recordOf(sampleFirstApplication(), { status: 'returned', applicationNumber: 'SP01-W03-20261123-0042-K' }));
    expect(screen.queryByRole('button', { name: '捨棄草稿' })).toBeNull();
  });

  it('is offered in the FAQ 8 duplicate notice, next to starting a change of data', async () => {
    await openScreen(recordOf(sampleFirstApplication(), { duplicates: [{ source: 'reference', entityNumber: 'E0042', names: ['澳門示例貿易有限公司'] }] }));
    const notice = screen.getByTestId('duplicate-notice');
    expect(within(notice).getByRole('button', { name: /更改資料/ })).toBeTruthy();
    fireEvent.click(within(notice).getByRole('button', { name: '捨棄草稿' }));
    await act(async () => {
      fireEvent.click(within(notice).getByRole('button', { name: '確定捨棄' }));
    });
    expect(core.discards).toEqual([{ id: 'a1', expectedRevision: 4 }]);
    expect(useAppStore.getState().route).toEqual({ screen: 'worklist' });
  });
});
