import { ApplicationSchema } from '../../../../domain/model/application';
import { assess, emptyContext } from '../../../../domain/rules';
import type { LocalisedMessage } from '../../../../i18n';

/**
 * What each eye-check tick of an application is about, as the clerk's checklist worded it
 * (the rule's message), keyed by check id. The rules are pure, so the review assesses the
 * stored data itself; the day only matters to ID expiry, which has no tick.
 */
export function checkMessages(data: unknown, today: string): Map<string, LocalisedMessage> {
  const parsed = ApplicationSchema.safeParse(data);
  const out = new Map<string, LocalisedMessage>();
  if (!parsed.success) return out;
  for (const r of assess(parsed.data, emptyContext(today)).requirements) if (r.checkId && !out.has(r.checkId)) out.set(r.checkId, r.message);
  return out;
}
