import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideKeyStore, parseAdminSettings, plaintextKeyAllowed, readAdminSettings } from './key-policy';

describe('parseAdminSettings', () => {
  it.each([
    [null, false],
    ['', false],
    ['{', false],
    ['null', false],
    ['[]', false],
    ['{"allowPlaintextKey": "true"}', false],
    ['{"allowPlaintextKey": 1}', false],
    ['{"allowPlaintextkey": true}', false],
    ['{"allowPlaintextKey": false}', false],
    ['{"allowPlaintextKey": true}', true],
  ])('%j → allow %s', (text, allow) => {
    expect(parseAdminSettings(text)).toEqual({ allowPlaintextKey: allow });
  });

  it('reads the file, and treats a missing file as no consent', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cd-admin-'));
    try {
      expect(readAdminSettings(join(dir, 'admin-settings.json')).allowPlaintextKey).toBe(false);
      writeFileSync(join(dir, 'admin-settings.json'), '{"allowPlaintextKey": true}');
      expect(readAdminSettings(join(dir, 'admin-settings.json')).allowPlaintextKey).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('plaintextKeyAllowed', () => {
  it.each([
    [{}, false, false],
    [{ COUNTERDESK_ALLOW_PLAINTEXT_KEY: '1' }, false, true],
    [{ COUNTERDESK_ALLOW_PLAINTEXT_KEY: 'true' }, false, false],
    [{ COUNTERDESK_ALLOW_PLAINTEXT_KEY: '0' }, false, false],
    [{}, true, true],
  ])('env %j, settings %s → %s', (env, setting, expected) => {
    expect(plaintextKeyAllowed(env, { allowPlaintextKey: setting })).toBe(expected);
  });
});

describe('decideKeyStore', () => {
  it.each([
    ['gnome_libsecret', true, false, 'ok'],
    ['dpapi', true, false, 'ok'],
    ['kwallet5', false, false, 'unavailable'],
    ['basic_text', false, false, 'plaintext_refused'],
    ['basic_text', true, false, 'plaintext_refused'],
    ['basic_text', true, true, 'ok'],
    ['basic_text', false, true, 'unavailable'],
  ])('%s (available %s, allowed %s) → %s', (backend, available, allowPlaintext, expected) => {
    expect(decideKeyStore({ backend, available, allowPlaintext })).toBe(expected);
  });
});
