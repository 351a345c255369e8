import { useEffect, useState, type ReactNode } from 'react';
import type { usersContract } from '../../../../api/contracts/users-contract';
import type { AreaClient } from '../../api/area-client';
import { api } from '../../api/transport';
import { ChangePassword } from './ChangePassword';
import { useSessionStore } from '../../state/session-store';
import { FirstRunSetup } from './FirstRunSetup';
import { FirstRunEnrolment } from './FirstRunEnrolment';
import { LockScreen } from './LockScreen';
import { SignIn } from './SignIn';
import { useIdleLock } from './use-idle-lock';
import { useT } from '../../i18n/locale-store';
import './auth.css';

/**
 * Wraps everything that needs a signed-in user. While locked, the children stay mounted
 * (the open form keeps its state) but are inert and hidden behind the lock screen. When the
 * user changes, `key` remounts the children so nothing of the previous user's screen survives.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const { status, refresh } = useSessionStore();
  const mustChange = usePasswordChangeRequired(status?.user?.userId ?? null);
  useIdleLock();
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), 30_000);
    return () => clearInterval(timer);
  }, [refresh]);
  const t = useT();
  // Until the core answers, the window is already a landmarked page that says it is opening
  // (never an empty one a screen reader cannot place).
  if (!status) {
    return (
      <main id="main" tabIndex={-1} aria-busy="true">
        <h1>{t('app.title')}</h1>
        <p role="status">{t('auth.gate.opening')}</p>
      </main>
    );
  }
  // Landmarked like the workspace's own <main>, so the skip link and screen readers find it.
  if (status.setupNeeded || !status.user) {
    return (
      <main id="main" tabIndex={-1}>
        {status.setupNeeded ? <FirstRunSetup /> : <SignIn />}
      </main>
    );
  }
  // A password an administrator typed is replaced before anything else (the core refuses other calls meanwhile).
  if (mustChange.required && !status.locked) {
    return (
      <main id="main" tabIndex={-1}>
        <ChangePassword forced onChanged={mustChange.recheck} />
      </main>
    );
  }
  // After first-run setup the administrator enrols with the central server or keeps the workstation standalone (issue 15).
  if (status.firstRunEnrolment && status.user.roles.includes('workstation_admin') && !status.locked) {
    return (
      <main id="main" tabIndex={-1}>
        <FirstRunEnrolment />
      </main>
    );
  }
  return (
    <>
      <div key={status.user.userId} className="session-content" inert={status.locked} aria-hidden={status.locked || undefined}>
        {children}
      </div>
      {status.locked ? <LockScreen /> : null}
    </>
  );
}

const usersApi: AreaClient<Pick<typeof usersContract, 'users.passwordChangeRequired'>> = api;

/** Asked of the core whenever the signed-in user changes, and again after a password change. */
function usePasswordChangeRequired(userId: string | null): { required: boolean; recheck: () => void } {
  const [state, setState] = useState<{ userId: string | null; required: boolean }>({ userId: null, required: false });
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (!userId) return;
    let live = true;
    void usersApi['users.passwordChangeRequired']({}).then((r) => {
      if (live) setState({ userId, required: r.ok && r.value.required });
    });
    return () => {
      live = false;
    };
  }, [userId, round]);
  return { required: state.userId === userId && state.required, recheck: () => setRound((n) => n + 1) };
}
