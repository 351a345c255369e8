import type { Application } from '../../../../domain/model/application';
import { assess, emptyContext, type Assessment, type Requirement } from '../../../../domain/rules';
import { macauDay } from '../../../../domain/macau-day';
import { now } from '../../clock';

// The checklist must follow every keystroke (issue 5: target < 50 ms from key press), faster
// than an autosave round trip. The rules are pure, so the renderer assesses its own working
// copy; only the rules that need the core's reference data (FAQ 8 duplicates, the admin
// count already on an account) are taken from the core's last assessment.
const CONTEXT_DEPENDENT = new Set(['entity.no-existing-account', 'entity.no-pending-application']);

export function todayInMacau(at: Date = now()): string {
  return macauDay(at);
}

/** Needs the core's reference data (FAQ 8, admins already on the account): the pure rules alone cannot say. */
export function contextDependent(app: Application, r: Requirement): boolean {
  return CONTEXT_DEPENDENT.has(r.id) || (r.id === 'admins.count' && app.kind === 'change_of_data');
}

export function liveAssessment(app: Application, fromCore: Assessment | undefined, today: string = todayInMacau()): Assessment {
  const local = assess(app, emptyContext(today));
  if (!fromCore) return local;
  const core = new Map(fromCore.requirements.map((r) => [r.id, r]));
  const requirements = local.requirements.map((r) => (contextDependent(app, r) ? (core.get(r.id) ?? r) : r));
  // FAQ 8 items that exist only with the core's data (a same-name entity or application to
  // compare, another clerk's draft): kept beside the other FAQ 8 items.
  const ids = new Set(requirements.map((r) => r.id));
  const coreOnly = fromCore.requirements.filter((r) => r.id.startsWith('entity.') && r.source === 'FAQ 8' && !ids.has(r.id));
  if (coreOnly.length > 0) {
    const at = requirements.findIndex((r) => r.id === 'entity.no-pending-application');
    requirements.splice(at === -1 ? requirements.length : at + 1, 0, ...coreOnly);
  }
  let blockingCount = 0;
  for (const r of requirements) if (r.status === 'missing' && r.blocking) blockingCount++;
  return { requirements, blockingCount };
}
