import { REJECTION_REASONS, type RejectionReason } from '../../../../domain/workflow/application-workflow';
import type { TranslateFn } from '../../i18n/locale-store';

/**
 * A rejection is stored as `[reason_code] free text` (approval-service.ts); the history shows
 * the code in the reader's language followed by the supervisor's text. Return notes and
 * reasons of unknown shape are shown as written.
 */
export function decisionReasonText(t: TranslateFn, reason: string): string {
  const m = /^\[([a-z_]+)\]\s*([\s\S]*)$/.exec(reason);
  if (!m || !(REJECTION_REASONS as readonly string[]).includes(m[1] ?? '')) return reason;
  const label = t(`approval.reason.${m[1] as RejectionReason}`);
  const text = (m[2] ?? '').trim();
  return text ? t('approval.review.reasonWithText', { reason: label, text }) : label;
}
