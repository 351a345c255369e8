import { useEffect, type ReactNode } from 'react';
import { useSessionStore } from '../../state/session-store';
import { FirstRunSetup } from './FirstRunSetup';
import { LockScreen } from './LockScreen';
import { SignIn } from './SignIn';
import { useIdleLock } from './use-idle-lock';
import './auth.css';

/**
 * Wraps everything that needs a signed-in user. While locked, the children stay mounted
 * (the open form keeps its state) but are inert and hidden behind the lock screen. When the
 * user changes, `key` remounts the children so nothing of the previous user's screen survives.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const { status, refresh } = useSessionStore();
  useIdleLock();
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), 30_000);
    return () => clearInterval(timer);
  }, [refresh]);
  if (!status) return null;
  // Landmarked like the workspace's own <main>, so the skip link and screen readers find it.
  if (status.setupNeeded || !status.user) {
    return (
      <main id="main" tabIndex={-1}>
        {status.setupNeeded ? <FirstRunSetup /> : <SignIn />}
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
