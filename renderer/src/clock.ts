// The renderer's one reading of the machine's time: the autosave timer, the idle lock, the
// day-end report's default day and a tick's local stamp (the core re-stamps it with its own
// clock). Business dates come from the core; keeping the rest here makes them easy to find.

export const now = (): Date => new Date();

export const nowMs = (): number => Date.now();
