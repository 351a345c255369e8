import { readFileSync } from 'node:fs';
import { PLAINTEXT_BACKEND } from '../../services/store/keys';

/** Where the administrator's switches for this workstation live, under the data directory. */
export const ADMIN_SETTINGS_FILE = 'admin-settings.json';
export const ALLOW_PLAINTEXT_ENV = 'COUNTERDESK_ALLOW_PLAINTEXT_KEY';

export interface AdminSettings {
  /** Accept a key store that keeps the database key in plain text (Linux without a keyring). */
  allowPlaintextKey: boolean;
}

/** Only a literal `true` counts: a typo or a string must not weaken the key protection. */
export function parseAdminSettings(text: string | null): AdminSettings {
  if (text === null) return { allowPlaintextKey: false };
  try {
    const value: unknown = JSON.parse(text);
    const allow = typeof value === 'object' && value !== null && (value as Record<string, unknown>).allowPlaintextKey === true;
    return { allowPlaintextKey: allow };
  } catch {
    return { allowPlaintextKey: false };
  }
}

export function readAdminSettings(path: string): AdminSettings {
  let text: string | null = null;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    text = null;
  }
  return parseAdminSettings(text);
}

export function plaintextKeyAllowed(env: Record<string, string | undefined>, settings: AdminSettings): boolean {
  return env[ALLOW_PLAINTEXT_ENV] === '1' || settings.allowPlaintextKey;
}

export type KeyStoreDecision = 'ok' | 'plaintext_refused' | 'unavailable';

/** Whether the app may keep its database key with this key store, before touching it. */
export function decideKeyStore(opts: { backend: string; available: boolean; allowPlaintext: boolean }): KeyStoreDecision {
  if (opts.backend === PLAINTEXT_BACKEND && !opts.allowPlaintext) return 'plaintext_refused';
  if (!opts.available) return 'unavailable';
  return 'ok';
}
