import { useEffect, useEffectEvent } from 'react';

/** How often a screen asks again while an enablement waits for the central server's answer. */
export const ENABLEMENT_REFRESH_MS = 3_000;

/**
 * Calls `poll` every `ms` while `active` (an enablement is still queued), so the server's
 * answer shows on its own — the clerk never reloads. Stops when nothing waits any more.
 */
export function usePollWhile(active: boolean, poll: () => void, ms = ENABLEMENT_REFRESH_MS): void {
  const onTick = useEffectEvent(poll);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => onTick(), ms);
    return () => clearInterval(timer);
  }, [active, ms]);
}
