import { useState } from 'react';
import { useLocaleStore, useT } from '../../i18n/locale-store';
import { isSupervisor, useSessionStore } from '../../state/session-store';
import { formatMacauTime } from '../approval/format-time';
import { ElevationDialog } from './ElevationDialog';

/** For the header: who is signed in, who is elevated, lock and sign out. */
export function UserMenu({ onChangePassword }: { onChangePassword?: () => void }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const { status, lock, signOut, endElevation } = useSessionStore();
  const [elevating, setElevating] = useState(false);
  const user = status?.user;
  if (!user) return null;
  // A supervisor at a clerk's workstation signs in on top for a short window (issue 7,
  // offline approval); the approval area then opens for as long as the window lasts.
  const canElevate = !status.locked && !isSupervisor(status) && user.roles.includes('clerk');
  return (
    <nav className="user-menu" aria-label={t('auth.signedInAs', { name: user.displayName, staffNumber: user.staffNumber })}>
      <span>
        {t('auth.signedInAs', { name: user.displayName, staffNumber: user.staffNumber })} · {user.roles.map((r) => t(`auth.role.${r}`)).join('、')}
      </span>
      {status.elevation ? (
        <span role="status" className="elevation-badge">
          {t('auth.elevation.active', { name: status.elevation.user.displayName, until: formatMacauTime(locale, status.elevation.until) })}{' '}
          <button type="button" onClick={() => void endElevation()}>
            {t('auth.elevation.end')}
          </button>
        </span>
      ) : null}
      {canElevate ? (
        <button type="button" onClick={() => setElevating(true)}>
          {t('auth.elevation.title')}
        </button>
      ) : null}
      {elevating ? <ElevationDialog mode="window" onClose={() => setElevating(false)} /> : null}
      {onChangePassword ? (
        <button type="button" onClick={onChangePassword}>
          {t('auth.password.title')}
        </button>
      ) : null}
      <button type="button" onClick={() => void lock()}>
        {t('auth.lock.now')}
      </button>
      <button type="button" onClick={() => void signOut()}>
        {t('auth.signOut')}
      </button>
    </nav>
  );
}
