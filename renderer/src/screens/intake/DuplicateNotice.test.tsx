// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApplicationSchema, type Application } from '../../../../domain/model/application';
import { assess, type AssessmentContext } from '../../../../domain/rules';
import { sampleContext, sampleFirstApplication } from '../../../../domain/rules/sample-applications';
import type { IntakeRecord } from './intake-api';

// FAQ 8 as a clerk needs it (issue 13, item 7), against a fake core that assesses with
// reference data: a name-only match is compared and recorded as another entity, not a block
// that cannot be settled; the core stamps who recorded it and the checklist says so.
const core = vi.hoisted(() => ({ record: null as unknown, saved: [] as unknown[], creates: [] as unknown[] }));

vi.mock('../../api/transport', () => {
  const rec = () => core.record as IntakeRecord;
  return {
    api: {
      'intake.get': async () => ({ ok: true, value: structuredClone(rec()) }),
      'intake.save': async ({ application }: { application: Application }) => {
        core.saved.push(application);
        // The core stamps who and when, whatever the renderer sent.
        const stamped = structuredClone(application);
        for (const r of Object.values(stamped.distinctEntities ?? {})) Object.assign(r, { by: 'S002', at: '2026-11-23T02:00:00.000Z' });
        core.record = {
          ...rec(),
          revision: rec().revision + 1,
          application: stamped,
          assessment: assess(stamped, sampleContext()),
          tickers: { S002: '陳文員 (S002)' },
        };
        return { ok: true, value: structuredClone(rec()) };
      },
      'intake.create': async (input: unknown) => {
        core.creates.push(input);
        return { ok: false, error: { code: 'unavailable', message: 'not in this test' } };
      },
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

/** The sample application under the name of the association that already has an account (E0001). */
function sameNameAsE0001(): Application {
  const app = sampleFirstApplication();
  app.entity.names = { zh: '澳門示例協會' };
  return ApplicationSchema.parse(app);
}

async function openScreen(application: Application, context: AssessmentContext = sampleContext()) {
  core.record = {
    id: 'a1',
    kind: application.kind,
    status: 'draft',
    revision: 4,
    applicationNumber: null,
    application,
    assessment: assess(application, context),
    duplicates: [],
    readOnly: false,
    tickers: {},
    createdAt: '2026-11-23T01:00:00Z',
    updatedAt: '2026-11-23T01:00:00Z',
  } satisfies IntakeRecord;
  core.saved = [];
  core.creates = [];
  useAppStore.getState().navigate({ screen: 'intake', id: 'a1' });
  render(<IntakeScreen id="a1" />);
  await act(async () => {
    await useIntakeStore.getState().open('a1');
  });
}

const item = (id: string) => document.querySelector(`[data-req="${id}"]`);

describe('FAQ 8: a same-name entity is compared and recorded', () => {
  afterEach(() => {
    cleanup();
    useIntakeStore.getState().reset();
  });

  it('does not say "no account yet" while blocking: it names the entity and asks to compare', async () => {
    await openScreen(sameNameAsE0001());
    expect(screen.queryByTestId('duplicate-notice')).toBeNull();
    const notice = screen.getByTestId('same-name-notice');
    expect(notice.textContent).toContain('名稱與已開立帳戶的實體 E0001（澳門示例協會）相同');
    expect(within(notice).getByRole('button', { name: '改為實體 E0001 的更改資料申請' })).toBeTruthy();
    expect(item('entity.no-existing-account')?.textContent).not.toContain('尚未開立帳戶');
    expect(item('entity.same-name.entity.E0001')?.className).toContain('req-missing');
    expect(screen.getByTestId('blocking-count').textContent).toBe('尚有 1 項未完成');
  });

  it('records "another entity" only with a reason; the core stamps who, and the item reads as met', async () => {
    await openScreen(sameNameAsE0001());
    const notice = screen.getByTestId('same-name-notice');
    fireEvent.click(within(notice).getByRole('button', { name: '記錄為另一實體' }));
    expect(within(notice).getByText('請先填寫為何並非同一實體。')).toBeTruthy();
    await act(async () => {
      await useIntakeStore.getState().flush();
    });
    expect(core.saved).toEqual([]);

    fireEvent.change(within(notice).getByLabelText(/為何並非同一實體/), { target: { value: '登記編號及地址不同，負責人亦不同' } });
    fireEvent.click(within(notice).getByRole('button', { name: '記錄為另一實體' }));
    await act(async () => {
      await useIntakeStore.getState().flush();
    });
    const saved = core.saved.at(-1) as Application;
    expect(saved.distinctEntities?.['entity.E0001']).toMatchObject({ reason: '登記編號及地址不同，負責人亦不同', subject: '實體 E0001（澳門示例協會）' });
    expect(screen.queryByTestId('same-name-notice')).toBeNull();
    expect(item('entity.same-name.entity.E0001')?.className).toContain('req-met');
    expect(item('entity.same-name.entity.E0001')?.textContent).toContain(
      '陳文員 (S002) 已記錄此實體與同名的實體 E0001 並非同一實體：登記編號及地址不同，負責人亦不同',
    );
    expect(screen.getByTestId('blocking-count').textContent).toBe('所有必要項目已完成，可以遞交。');
  });

  it('the checklist item takes the keyboard to the reason', async () => {
    await openScreen(sameNameAsE0001());
    fireEvent.click(within(item('entity.same-name.entity.E0001') as HTMLElement).getByRole('button'));
    expect(document.activeElement).toBe(screen.getByLabelText(/為何並非同一實體/));
  });

  it('offers a change of data for the same-name entity instead', async () => {
    await openScreen(sameNameAsE0001());
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '改為實體 E0001 的更改資料申請' }));
    });
    expect(core.creates).toEqual([{ kind: 'change_of_data', entityNumber: 'E0001' }]);
  });
});

describe("FAQ 8: a colleague's open draft for the same entity (issue 13, item 9)", () => {
  afterEach(() => {
    cleanup();
    useIntakeStore.getState().reset();
  });

  it('is a notice while typing, saying who and since when, and does not stop submission', async () => {
    const context: AssessmentContext = {
      ...sampleContext(),
      referenceEntities: [],
      openDrafts: [
        { id: 'd9', identity: { names: [], registrationNumbers: [], taxpayerNumber: '80123456' }, by: '職員 C1 (C1)', since: '2026-11-23T02:05:00.000Z' },
      ],
    };
    await openScreen(sampleFirstApplication(), context);
    const notice = screen.getByTestId('open-draft-notice');
    expect(notice.getAttribute('role')).toBe('status');
    expect(notice.textContent).toContain('職員 C1 (C1) 自 23/11/2026 10:05 起正為同一實體填寫另一份首次申請');
    expect(item('entity.open-draft.d9')?.className).toContain('req-warning');
    expect(screen.queryByTestId('duplicate-notice')).toBeNull();
    expect(screen.getByTestId('blocking-count').textContent).toBe('所有必要項目已完成，可以遞交。');
  });
});
