import type { MessageKey } from '../../../../i18n';

/** The sign-in settings an administrator sets, with the bounds the core accepts (auth-contract.ts). */
export const SIGN_IN_SETTINGS = [
  { key: 'auth.maxFailures', field: 'maxFailures', label: 'auth.settings.maxFailures', min: 1, max: 20 },
  { key: 'auth.lockoutMinutes', field: 'lockoutMinutes', label: 'auth.settings.lockoutMinutes', min: 1, max: 240 },
  { key: 'auth.idleMinutes', field: 'idleMinutes', label: 'auth.settings.idleMinutes', min: 1, max: 240 },
  { key: 'auth.elevationMinutes', field: 'elevationMinutes', label: 'auth.settings.elevationMinutes', min: 1, max: 240 },
] as const satisfies readonly { key: string; field: string; label: MessageKey; min: number; max: number }[];

export type SignInSetting = (typeof SIGN_IN_SETTINGS)[number];

/** A whole number within the setting's bounds, or null (the form then says the range). */
export function parseSettingValue(text: string, s: Pick<SignInSetting, 'min' | 'max'>): number | null {
  const v = text.trim();
  if (!/^\d{1,4}$/.test(v)) return null;
  const n = Number(v);
  return n >= s.min && n <= s.max ? n : null;
}
