import { describe, expect, it } from 'vitest';
import { sampleFirstApplication, sampleFirstApplicationWithAttorney } from '../../../../domain/rules/sample-applications';
import { translate } from '../../../../i18n';
import { checkMessages } from './check-labels';

// The supervisor's checklist names each tick as the clerk's checklist did, not by its id.
describe('checkMessages', () => {
  it.each([
    [sampleFirstApplication(), 'paper.application_form.signed', '申請表已由合法代表簽署'],
    [sampleFirstApplication(), 'paper.agreement.sealed', translate('zh-Hant', 'rules.paper.agreement.sealed')],
    [sampleFirstApplicationWithAttorney(), 'poa.wording.consent_open_account', translate('zh-Hant', 'rules.poa.wording.consent_open_account')],
  ])('%#: %s', (app, check, text) => {
    const m = checkMessages(app, '2026-11-23').get(check);
    expect(m && translate('zh-Hant', m.key, m.params)).toBe(text);
  });

  it('every tick of a complete application has a message, and a person’s tick names the person', () => {
    const app = sampleFirstApplication();
    const messages = checkMessages(app, '2026-11-23');
    for (const check of Object.keys(app.checks)) expect(messages.has(check), check).toBe(true);
    const m = messages.get('lr.p1.signature-matches');
    expect(m && translate('zh-Hant', m.key, m.params)).toContain('陳大文');
  });

  it('data that is not an application has no labels (the review falls back to the ids)', () => {
    expect(checkMessages({ kind: 'nope' }, '2026-11-23').size).toBe(0);
  });
});
