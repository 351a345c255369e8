// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleContext, sampleFirstApplication } from '../../../../domain/rules/sample-applications';
import { assess, emptyContext } from '../../../../domain/rules';
import type { Application } from '../../../../domain/model/application';
import { translate } from '../../../../i18n';
import { useLocaleStore } from '../../i18n/locale-store';
import { ChangesSinceReturn } from './ChangesSinceReturn';
import { ReviewData } from './ReviewData';
import { ReviewRules } from './ReviewRules';

// Issue 13 item 11: beside the data the supervisor reads the rules' verdict (an expired ID is a
// warning the clerk could submit with) and, after a return, what the clerk changed.

afterEach(() => {
  cleanup();
  act(() => useLocaleStore.getState().setLocale('zh-Hant'));
});

const withExpiredId = () => {
  const app = sampleFirstApplication();
  app.persons[0]!.idDocument.expiry = '2026-01-31';
  return app;
};

/** What approval.open gives: the core's assessment of the form, here with the rules' own context. */
const rulesOf = (app: Application, today = '2026-11-28') => <ReviewRules assessment={assess(app, emptyContext(today))} assessedOn={today} />;

describe('rule results in the review', () => {
  it.each(['zh-Hant', 'pt', 'en'] as const)('%s: an ID expired before today is a warning, in the checklist’s words; met items are counted', (locale) => {
    act(() => useLocaleStore.getState().setLocale(locale));
    render(rulesOf(withExpiredId()));
    const region = screen.getByRole('region', { name: translate(locale, 'approval.rules.title') });
    const warning = within(region)
      .getAllByRole('listitem')
      .find((li) => li.dataset['req'] === 'lr.p1.id-expiry');
    expect(warning?.textContent).toContain(translate(locale, 'intake.check.state.warning'));
    expect(warning?.textContent).toContain(translate(locale, 'rules.id.expired', { expiry: '2026-01-31' }));
    expect(region.querySelector('summary')?.textContent).toMatch(/\d/);
  });

  it('nothing to note: says so, and the expiry is among the met items', () => {
    render(rulesOf(sampleFirstApplication()));
    expect(screen.getByText(translate('zh-Hant', 'approval.rules.none'))).toBeTruthy();
    expect(document.querySelector('.review-rules-met [data-req="lr.p1.id-expiry"]')).not.toBeNull();
  });
});

describe('FAQ 8 in the review: the core’s results, what the clerk recorded (issue 13)', () => {
  it.each(['zh-Hant', 'pt', 'en'] as const)('%s: an existing account blocks; a same-name entity recorded as another is listed with who and why', (locale) => {
    act(() => useLocaleStore.getState().setLocale(locale));
    const app = sampleFirstApplication();
    app.entity.names = { zh: '澳門示例協會' };
    app.distinctEntities = { 'entity.E0001': { reason: '地址及負責人不同', by: 'C1', at: '2026-11-23T01:00:00Z' } };
    // The core's reference data: E0001 has the same name (recorded as another entity), E0099 the same taxpayer number.
    const context = sampleContext();
    context.referenceEntities = [
      ...context.referenceEntities,
      { entityNumber: 'E0099', type: 'company', names: { zh: '別的名稱' }, registrationNumbers: [], taxpayerNumber: app.entity.taxpayerNumber! },
    ];
    const fromCore = assess(app, context);
    render(<ReviewRules assessment={fromCore} assessedOn="2026-11-28" />);
    const region = screen.getByRole('region', { name: translate(locale, 'approval.rules.title') });
    expect(region.querySelector('.review-rules-attention [data-req="entity.no-existing-account"]')?.className).toBe('rule-missing');
    const heading = within(region).getByRole('heading', { name: translate(locale, 'approval.rules.recorded') });
    const item = heading.nextElementSibling?.querySelector('[data-req="entity.same-name.entity.E0001"]');
    expect(item?.textContent).toContain('地址及負責人不同');
    expect(item?.textContent).toContain('C1');
    expect(region.textContent).toContain('28/11/2026');
  });
});

describe('changes since the last submission', () => {
  it('lists each changed field with the value as returned and now, under the return time in Macau', () => {
    const before = sampleFirstApplication();
    const after = sampleFirstApplication();
    after.entity.names.zh = '澳門示例貿易（新）有限公司';
    render(<ChangesSinceReturn app={after} previous={{ returnedAt: '2026-11-28T02:30:00.000Z', data: before as never }} />);
    const table = screen.getByRole('table');
    expect(table.querySelector('caption')?.textContent).toContain('28/11/2026 10:30');
    const row = within(table).getByRole('row', { name: /中文名稱/ });
    expect(row.querySelector('.changed-before')?.textContent).toBe('澳門示例貿易有限公司');
    expect(row.querySelector('.changed-after')?.textContent).toBe('澳門示例貿易（新）有限公司');
  });

  it('corrected nothing: says so', () => {
    render(
      <ChangesSinceReturn app={sampleFirstApplication()} previous={{ returnedAt: '2026-11-28T02:30:00.000Z', data: sampleFirstApplication() as never }} />,
    );
    expect(screen.getByText(translate('zh-Hant', 'approval.changes.none'))).toBeTruthy();
  });
});

describe('pages of the documents in the review (issue 13 item 10)', () => {
  it.each([
    ['zh-Hant', '3 頁', '1 頁'],
    ['pt', '3 páginas', '1 página'],
    ['en', '3 pages', '1 page'],
  ] as const)('%s: the core’s page count beside each document, plural by the language’s rules', (locale, three, one) => {
    act(() => useLocaleStore.getState().setLocale(locale));
    const pages = new Map([
      ['paper.application_form', 3],
      ['paper.agreement', 1],
    ]);
    render(<ReviewData data={sampleFirstApplication() as never} pagesBySlot={pages} />);
    const item = (slot: string) => document.querySelector(`.review-documents [data-slot="${slot}"]`)?.textContent ?? '';
    expect(item('paper.application_form')).toContain(three);
    expect(item('paper.agreement')).toMatch(new RegExp(`${one}$`));
  });
});
