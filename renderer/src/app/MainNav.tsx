import type { MessageKey } from '../../../i18n';
import { useT } from '../i18n/locale-store';
import { useAppStore, type Route } from '../state/app-store';
import { useEffectiveRoles } from '../state/session-store';

type Role = 'clerk' | 'supervisor' | 'workstation_admin';
type Area = { screen: Route['screen']; label: MessageKey; roles: readonly Role[]; shortcut: string };

// What each role works in. The core enforces the same rules on every call; hiding a tab
// only keeps the screen tidy (four eyes is not a UI feature).
export const AREAS: readonly Area[] = [
  { screen: 'worklist', label: 'nav.worklist', roles: ['clerk', 'supervisor'], shortcut: '1' },
  { screen: 'approval', label: 'nav.approval', roles: ['supervisor'], shortcut: '2' },
  { screen: 'dayEnd', label: 'nav.dayEnd', roles: ['supervisor', 'workstation_admin'], shortcut: '3' },
  { screen: 'users', label: 'nav.users', roles: ['workstation_admin'], shortcut: '4' },
  // Any counter may be asked whether a receipt is genuine (issue 6).
  { screen: 'verifyReceipt', label: 'receipts.nav', roles: ['clerk', 'supervisor', 'workstation_admin'], shortcut: '5' },
  // Security code (FAQ 19) and face recognition re-enable (FAQ 18): the person comes to the counter (issue 16).
  { screen: 'securityCode', label: 'scui.nav', roles: ['clerk', 'supervisor'], shortcut: '6' },
  // Issue 13: service point, workstation id, scanner folder and receipt settings.
  { screen: 'settings', label: 'nav.settings', roles: ['workstation_admin'], shortcut: '7' },
  // Issue 15: the public enquiry — any clerk or supervisor of the service point looks an application up.
  { screen: 'enquiry', label: 'enquiry.nav', roles: ['clerk', 'supervisor'], shortcut: '8' },
];

export function areasFor(roles: readonly string[]): Area[] {
  return AREAS.filter((a) => a.roles.some((r) => roles.includes(r)));
}

/**
 * Where a user starts: their first area, except that an administrator who does not also work
 * the counter starts on Users, where a new service point's set-up begins (issue 13, item 3).
 */
export function landingArea(roles: readonly string[]): Area | undefined {
  const areas = areasFor(roles);
  const counter = roles.includes('clerk') || roles.includes('supervisor');
  return (!counter && areas.find((a) => a.screen === 'users')) || areas[0];
}

/** The area a route belongs to (starting or editing an application is part of the work list). */
export function areaOf(route: Route): Route['screen'] {
  if (route.screen === 'faceRecognition') return 'securityCode';
  return route.screen === 'intake' || route.screen === 'intakeStart' ? 'worklist' : route.screen;
}

export function MainNav() {
  const t = useT();
  const roles = useEffectiveRoles();
  const { route, navigate } = useAppStore();
  const areas = areasFor(roles);
  if (areas.length < 2) return null;
  return (
    <nav className="main-nav" aria-label={t('nav.label')}>
      {areas.map((a) => (
        <button
          key={a.screen}
          type="button"
          aria-current={areaOf(route) === a.screen ? 'page' : undefined}
          aria-keyshortcuts={`Alt+${a.shortcut}`}
          onClick={() => navigate({ screen: a.screen } as Route)}
        >
          {t(a.label)} <kbd>Alt+{a.shortcut}</kbd>
        </button>
      ))}
    </nav>
  );
}
