import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n';
import { StoreError } from '../../services/store/errors';
import { startupFailureDialog } from './startup-failure';

describe('startupFailureDialog', () => {
  it('explains a refused plain-text key store in all three languages, Chinese first', () => {
    const d = startupFailureDialog('plaintext_refused');
    const parts = d.body.split('\n\n');
    expect(parts).toEqual([
      translate('zh-Hant', 'shell.keyStore.plaintextRefused'),
      translate('pt', 'shell.keyStore.plaintextRefused'),
      translate('en', 'shell.keyStore.plaintextRefused'),
    ]);
    expect(d.body).toContain('COUNTERDESK_ALLOW_PLAINTEXT_KEY=1');
    expect(d.title.startsWith(translate('zh-Hant', 'shell.startFailed.title'))).toBe(true);
  });

  it.each([
    ['unavailable', 'shell.keyStore.unavailable'],
    [new StoreError('wrong_key', 'cannot unwrap'), 'store.error.wrongKey'],
    [new StoreError('too_new', 'schema 9 > 5'), 'store.error.tooNew'],
    [new Error('EACCES: /home/clerk/.config/Counterdesk'), 'shell.startFailed.body'],
  ] as const)('%s → %s', (cause, key) => {
    expect(startupFailureDialog(cause).body.split('\n\n')[2]).toBe(translate('en', key));
  });

  it('never shows the internal error message to the clerk', () => {
    expect(startupFailureDialog(new Error('EACCES: /home/clerk/secret')).body).not.toContain('secret');
  });
});
