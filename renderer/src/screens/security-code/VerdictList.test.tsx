// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SecurityCodeVerdict } from '../../../../api/contracts/security-code-contract';
import { translate, type Locale } from '../../../../i18n';
import { useLocaleStore } from '../../i18n/locale-store';
import { VerdictList } from './VerdictList';

const refused: SecurityCodeVerdict = {
  ok: false,
  advice: 'new_code',
  checks: [
    { id: 'format', status: 'pass', source: 'issue 16', messageKey: 'sc.pass.format' },
    { id: 'expiry', status: 'fail', source: 'issue 16', messageKey: 'sc.check.expired', params: { expiredAt: '2026-11-28 21:00' } },
    { id: 'replay', status: 'not_checked', source: 'issue 16', messageKey: 'sc.check.not_checked' },
  ],
};

describe('verdict list', () => {
  afterEach(() => {
    cleanup();
    act(() => useLocaleStore.setState({ locale: 'zh-Hant' }));
  });

  it.each<Locale>(['zh-Hant', 'pt', 'en'])(
    'names every check, its status and its reason in the clerk language (%s), then what to tell the person',
    (locale) => {
      act(() => useLocaleStore.setState({ locale }));
      render(<VerdictList verdict={refused} tool="sc" />);
      const items = screen.getAllByRole('listitem');
      expect(items.map((li) => li.getAttribute('data-status'))).toEqual(['pass', 'fail', 'not_checked']);
      expect(items[1]!.textContent).toContain(translate(locale, 'scui.check.sc.expiry'));
      expect(items[1]!.textContent).toContain(translate(locale, 'scui.status.fail'));
      expect(items[1]!.textContent).toContain(translate(locale, 'sc.check.expired', { expiredAt: '2026-11-28 21:00' }));
      expect(items[1]!.textContent).toContain('issue 16');
      expect(screen.getByRole('alert').textContent).toContain(translate(locale, 'scui.advice.new_code'));
    },
  );

  it('an all-pass verdict is announced as a status, not an alert', () => {
    render(<VerdictList verdict={{ ok: true, advice: 'none', checks: [refused.checks[0]!] }} tool="sc" />);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('status').textContent).toContain(translate('zh-Hant', 'scui.verdict.ok'));
  });
});
