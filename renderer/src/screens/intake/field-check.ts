import type { CheckResult } from '../../../../domain/identifiers';
import type { TranslateFn } from '../../i18n/locale-store';

/**
 * A typed value's check as TextField props: the normalised form as a hint (issue 5: a BIR
 * typed with full-width digits shows 1234567(8)) and the problem in the clerk's language.
 * An empty field says nothing: whether it is required is the checklist's business.
 */
export function checked(t: TranslateFn, raw: string, result: CheckResult): { hint?: string; error?: string } {
  if (raw.trim() === '') return {};
  const hint = result.value !== '' ? t('intake.field.normalised', { value: result.value }) : undefined;
  return { hint, error: result.problem ? t(result.problem.key, result.problem.params) : undefined };
}
