// Whether a clerk is typing at this workstation now, told by the calls their typing sends: the
// autosave of a form follows every pause in typing and, while they type on, leaves at least every
// few seconds (renderer/src/state/intake-store.ts). Background work that shares the two cores
// with the clerk's screen (the sync drain after an outage) holds back while this is true: issue
// 15 asks the checklist to follow a key press as fast while the outbox drains as when it is idle.

/** Calls a person's typing sends (not the screens' own polls). */
const TYPING_CALLS: ReadonlySet<string> = new Set(['intake.save']);
/** After the last of them, the clerk counts as at work this long. */
export const AT_WORK_MS = 5_000;

export function createClerkAtWork(opts: { now?: () => number; windowMs?: number } = {}) {
  // Monotonic: a wall clock set back must not keep the sync slowed for hours.
  const now = opts.now ?? (() => performance.now());
  const windowMs = opts.windowMs ?? AT_WORK_MS;
  let last = -Infinity;
  return {
    /** A call reached the core (either transport). */
    saw(method: string): void {
      if (TYPING_CALLS.has(method)) last = now();
    },
    atWork: (): boolean => now() - last < windowMs,
  };
}
