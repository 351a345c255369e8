// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApplicationSchema, type Application } from '../../../../domain/model/application';
import { assess, emptyContext } from '../../../../domain/rules';
import { sampleFirstApplication } from '../../../../domain/rules/sample-applications';
import type { IntakeRecord } from './intake-api';

// The screen against a fake core with the agreed intake semantics (the real one has its own
// API tests and the E2E): what the clerk sees and where the keyboard goes.
const core = vi.hoisted(() => ({ record: null as unknown, saves: 0, submits: 0, refuseSaves: false }));

vi.mock('../../api/transport', () => {
  const rec = () => core.record as IntakeRecord;
  return {
    api: {
      'intake.get': async () => ({ ok: true, value: structuredClone(rec()) }),
      'intake.save': async ({ application }: { application: Application }) => {
        core.saves++;
        if (core.refuseSaves) return { ok: false, error: { code: 'invalid_input', message: 'refused', messageKey: 'api.error.invalidInput' } };
        const r = rec();
        core.record = { ...r, revision: r.revision + 1, application, assessment: assess(application, emptyContext('2026-11-23')) };
        return { ok: true, value: structuredClone(core.record) };
      },
      'intake.submit': async () => {
        core.submits++;
        core.record = { ...rec(), status: 'pending_approval', readOnly: true, applicationNumber: 'SP01-W03-20261123-0042-K' };
        return { ok: true, value: structuredClone(core.record) };
      },
      'approval.lastDecision': async () => ({ ok: true, value: null }),
      'receipts.status': async () => ({ ok: false, error: { code: 'not_found', message: 'none' } }),
    },
  };
});

// jsdom lays nothing out, so it has no scrolling.
Element.prototype.scrollIntoView = () => undefined;

const { IntakeScreen } = await import('./IntakeScreen');
const { useAppStore } = await import('../../state/app-store');
const { useIntakeStore } = await import('../../state/intake-store');

function recordOf(application: Application): IntakeRecord {
  return {
    id: 'a1',
    kind: application.kind,
    status: 'draft',
    revision: 1,
    applicationNumber: null,
    application,
    assessment: assess(application, emptyContext('2026-11-23')),
    duplicates: [],
    readOnly: false,
    tickers: { S001: '李主任' },
    createdAt: '2026-11-23T01:00:00Z',
    updatedAt: '2026-11-23T01:00:00Z',
  };
}

async function openScreen(application: Application) {
  core.record = recordOf(application);
  core.saves = 0;
  core.submits = 0;
  core.refuseSaves = false;
  render(<IntakeScreen id="a1" />);
  await act(async () => {
    await useIntakeStore.getState().open('a1');
  });
}

describe('intake screen', () => {
  afterEach(() => {
    cleanup();
    useIntakeStore.getState().reset();
  });

  it('shows a BIR typed with full-width digits in its normalised form, and the checklist follows', async () => {
    const app = ApplicationSchema.parse({ kind: 'first_application', persons: [{ id: 'p1' }], legalRepresentatives: [{ personId: 'p1' }] });
    await openScreen(app);
    const lr = screen.getByRole('group', { name: '合法代表 1' });
    fireEvent.change(within(lr).getByLabelText('身份證明文件類別'), { target: { value: 'mo_bir_permanent' } });
    fireEvent.change(within(lr).getByLabelText('證件號碼'), { target: { value: '１２３４５６７８' } });
    expect(within(lr).getByText('標準格式：1234567(8)')).toBeTruthy();
    const item = document.querySelector('[data-req="lr.p1.id-number"]');
    expect(item?.className).toContain('req-met');
    expect(item?.textContent).toContain('證件號碼 1234567(8) 格式正確');
    expect(item?.textContent).toContain('常見問題第 5 題');
  });

  it('checks the entity’s contact numbers and email as typed, showing the normalised form or the problem', async () => {
    await openScreen(sampleFirstApplication());
    const contact = screen.getByRole('group', { name: '五、聯絡資料' });
    fireEvent.change(within(contact).getByLabelText('聯絡電話'), { target: { value: '２８３１ ２３４５' } });
    expect(within(contact).getByText('標準格式：+85328312345')).toBeTruthy();
    const email = within(contact).getByLabelText('電郵');
    fireEvent.change(email, { target: { value: 'info@exemplo' } });
    fireEvent.blur(email);
    expect(within(contact).getByRole('alert').textContent).not.toBe('');
  });

  it('takes the clerk from a checklist item to the field it is about', async () => {
    await openScreen(ApplicationSchema.parse({ kind: 'first_application' }));
    fireEvent.click(screen.getByRole('button', { name: '請選擇實體類別' }));
    expect(document.activeElement).toBe(screen.getByLabelText('實體類別'));
  });

  it('records an eye check as a tick and shows who ticked', async () => {
    const app = sampleFirstApplication();
    delete app.checks['paper.agreement.sealed'];
    await openScreen(app);
    // Issue 13, item 4: unticked, the item says what to check; ticked, what was found.
    const tick = screen.getByRole('checkbox', { name: '核對實體帳戶協議是否已蓋實體印章' }) as HTMLInputElement;
    expect(tick.checked).toBe(false);
    expect(screen.getByTestId('blocking-count').textContent).toBe('尚有 1 項未完成');
    // Already ticked by someone else: the name, not the staff number.
    expect(document.querySelector('[data-req="paper.agreement.signed"]')?.textContent).toContain('由 李主任 核對');
    fireEvent.click(tick);
    expect(tick.checked).toBe(true);
    expect(screen.getByRole('checkbox', { name: '實體帳戶協議已蓋實體印章' })).toBe(tick);
    expect(screen.getByTestId('blocking-count').textContent).toBe('所有必要項目已完成，可以遞交。');
  });

  it('Ctrl+Enter walks down the blocking items one by one and never submits while one is left', async () => {
    const app = sampleFirstApplication();
    app.persons[0]!.email = '';
    app.persons[1]!.email = '';
    await openScreen(app);
    const ctrlEnter = () =>
      act(async () => {
        fireEvent.keyDown(window, { key: 'Enter', ctrlKey: true });
        await new Promise((r) => setTimeout(r, 10));
      });
    const emailOf = (group: string) => within(screen.getAllByRole('group', { name: group })[0]!).getByLabelText('電郵');
    await ctrlEnter();
    const first = document.activeElement;
    expect(first?.getAttribute('type') === 'email' || first?.tagName === 'INPUT').toBe(true);
    await ctrlEnter();
    expect(document.activeElement).not.toBe(first);
    expect(document.activeElement).toBe(emailOf('實體管理員 2'));
    expect(core.submits).toBe(0);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('will not submit while something blocks, says why, and goes to the first blocking item', async () => {
    const app = sampleFirstApplication();
    app.persons[1]!.email = '';
    await openScreen(app);
    const submit = screen.getByTestId('submit');
    expect(submit.getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByText('尚有 1 項未完成，未能遞交：按此前往第一項。')).toBeTruthy();
    fireEvent.click(submit);
    expect(core.submits).toBe(0);
    const admin2 = screen.getByRole('group', { name: '實體管理員 2' });
    expect(document.activeElement).toBe(within(admin2).getByLabelText('電郵'));
  });

  it('Ctrl+Enter on a complete application shows the summary; Ctrl+Enter again does not submit, the summary’s own button does', async () => {
    await openScreen(sampleFirstApplication());
    const ctrlEnter = () =>
      act(async () => {
        fireEvent.keyDown(document.activeElement ?? window, { key: 'Enter', ctrlKey: true });
        await new Promise((r) => setTimeout(r, 10));
      });
    await ctrlEnter();
    const summary = screen.getByRole('dialog', { name: '遞交前核對' });
    expect(summary.textContent).toContain('遞交後申請不能再修改');
    expect(summary.textContent).toContain('澳門示例貿易有限公司');
    expect(document.activeElement).toBe(within(summary).getByRole('heading', { name: '遞交前核對' }));
    await ctrlEnter();
    await ctrlEnter();
    expect(core.submits).toBe(0);
    // Esc goes back to the form (not to the work list), nothing sent.
    await act(async () => {
      fireEvent.keyDown(window, { key: 'Escape' });
      await new Promise((r) => setTimeout(r, 10));
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByTestId('submit')).toBeTruthy();
    await ctrlEnter();
    await act(async () => {
      fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: '確認遞交並發出收據' }));
      await new Promise((r) => setTimeout(r, 10));
    });
    expect(core.submits).toBe(1);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByTestId('application-number').textContent).toBe('SP01-W03-20261123-0042-K');
    expect(screen.getByTestId('intake-status').textContent).toBe('待審批');
    expect((screen.getByLabelText('中文名稱') as HTMLInputElement).readOnly).toBe(true);
    expect(screen.queryByTestId('submit')).toBeNull();
  });

  it('Escape does not leave a form whose last typing the core refused to save: it stays on screen with the error', async () => {
    await openScreen(sampleFirstApplication());
    useAppStore.getState().navigate({ screen: 'intake', id: 'a1' });
    core.refuseSaves = true;
    fireEvent.change(screen.getByLabelText('中文名稱'), { target: { value: '澳門示例貿易有限公司（更正）' } });
    await act(async () => {
      fireEvent.keyDown(window, { key: 'Escape' });
      await new Promise((r) => setTimeout(r, 10));
    });
    expect(core.saves).toBeGreaterThan(0);
    expect(useAppStore.getState().route).toEqual({ screen: 'intake', id: 'a1' });
    expect((screen.getByLabelText('中文名稱') as HTMLInputElement).value).toBe('澳門示例貿易有限公司（更正）');
    // Once the core takes it, Escape leaves.
    core.refuseSaves = false;
    await act(async () => {
      fireEvent.keyDown(window, { key: 'Escape' });
      await new Promise((r) => setTimeout(r, 10));
    });
    expect(useAppStore.getState().route).toEqual({ screen: 'worklist' });
  });

  it('sends the last keystrokes at once when the window closes, without waiting for the autosave delay', async () => {
    await openScreen(sampleFirstApplication());
    fireEvent.change(screen.getByLabelText('中文名稱'), { target: { value: '澳門示例貿易有限公司（關窗前）' } });
    expect(core.saves).toBe(0);
    await act(async () => {
      window.dispatchEvent(new Event('pagehide'));
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(core.saves).toBe(1);
    expect((core.record as IntakeRecord).application.entity.names.zh).toBe('澳門示例貿易有限公司（關窗前）');
  });

  it('never fires a shortcut while an input method is composing', async () => {
    await openScreen(sampleFirstApplication());
    await act(async () => {
      fireEvent.keyDown(window, { key: 'Enter', ctrlKey: true, isComposing: true });
      fireEvent.keyDown(window, { key: 'Enter', ctrlKey: true, keyCode: 229 });
      await new Promise((r) => setTimeout(r, 10));
    });
    expect(core.submits).toBe(0);
  });

  it('adds a legal representative with Alt+P from their section and puts the cursor on the name', async () => {
    await openScreen(ApplicationSchema.parse({ kind: 'first_application' }));
    const add = screen.getByRole('button', { name: '新增合法代表' });
    add.focus();
    fireEvent.focus(add);
    await act(async () => {
      fireEvent.keyDown(add, { key: 'p', altKey: true });
      await new Promise((r) => setTimeout(r, 30));
    });
    const lr = screen.getByRole('group', { name: '合法代表 1' });
    expect(document.activeElement).toBe(within(lr).getByLabelText('姓名'));
  });

  it('reopening a form it already holds shows what the core says now (a supervisor decided meanwhile)', async () => {
    await openScreen(sampleFirstApplication());
    await act(async () => {
      await useIntakeStore.getState().submit();
    });
    expect(screen.getAllByText(/待審批/).length).toBeGreaterThan(0);
    cleanup();
    // Approved by a supervisor who signed in on top at this workstation.
    core.record = { ...(core.record as IntakeRecord), status: 'approved' };
    await act(async () => {
      render(<IntakeScreen id="a1" />);
    });
    expect((await screen.findAllByText(/已批准/)).length).toBeGreaterThan(0);
    expect(screen.queryByText(/待審批/)).toBeNull();
  });
});
