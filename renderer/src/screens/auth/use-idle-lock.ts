import { useEffect, useRef } from 'react';
import { sessionApi } from '../../state/session-api';
import { useSessionStore } from '../../state/session-store';
import { nowMs } from '../../clock';

const ACTIVITY = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

/**
 * Locks the screen after the configured idle minutes. The core enforces the same limit on
 * its side; this hook makes the lock screen appear on time and tells the core about typing
 * that did not reach it (at most once a minute).
 */
export function useIdleLock(): void {
  const status = useSessionStore((s) => s.status);
  const lock = useSessionStore((s) => s.lock);
  const last = useRef(nowMs());
  const lastTouch = useRef(0);
  const active = Boolean(status?.user && !status.locked);
  const idleMs = (status?.idleMinutes ?? 5) * 60_000;

  useEffect(() => {
    if (!active) return;
    last.current = nowMs();
    const onActivity = () => {
      last.current = nowMs();
      if (last.current - lastTouch.current > 60_000) {
        lastTouch.current = last.current;
        void sessionApi['auth.touch']({});
      }
    };
    for (const e of ACTIVITY) window.addEventListener(e, onActivity, { capture: true, passive: true });
    const timer = setInterval(() => {
      if (nowMs() - last.current >= idleMs) void lock('idle');
    }, 5_000);
    return () => {
      for (const e of ACTIVITY) window.removeEventListener(e, onActivity, { capture: true });
      clearInterval(timer);
    };
  }, [active, idleMs, lock]);
}
