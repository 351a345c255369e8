import { useT } from '../../i18n/locale-store';
import { useSessionStore } from '../../state/session-store';

/** For the header: who is signed in, who is elevated, lock and sign out. */
export function UserMenu({ onChangePassword }: { onChangePassword?: () => void }) {
  const t = useT();
  const { status, lock, signOut, endElevation } = useSessionStore();
  const user = status?.user;
  if (!user) return null;
  return (
    <nav className="user-menu" aria-label={t('auth.signedInAs', { name: user.displayName, staffNumber: user.staffNumber })}>
      <span>
        {t('auth.signedInAs', { name: user.displayName, staffNumber: user.staffNumber })} · {user.roles.map((r) => t(`auth.role.${r}`)).join('、')}
      </span>
      {status.elevation ? (
        <span role="status" className="elevation-badge">
          {t('auth.elevation.active', { name: status.elevation.user.displayName, until: new Date(status.elevation.until).toLocaleTimeString() })}{' '}
          <button type="button" onClick={() => void endElevation()}>
            {t('auth.elevation.end')}
          </button>
        </span>
      ) : null}
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
