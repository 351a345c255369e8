import type { LocalisedMessage } from '../../i18n';

/** Result of normalise-then-check: the UI shows `value` back and `problem` as the reason. */
export interface CheckResult {
  value: string;
  valid: boolean;
  problem?: LocalisedMessage;
}

export const ok = (value: string): CheckResult => ({ value, valid: true });
export const bad = (value: string, problem: LocalisedMessage): CheckResult => ({ value, valid: false, problem });
