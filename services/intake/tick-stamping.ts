import type { Tick } from '../../domain/model/application';

/**
 * Eye-check ticks record who looked, so they must come from the core, not the renderer: a
 * tick new in this save gets the signed-in user and the time now; a tick already stored
 * keeps its stored by/at whatever the renderer sent back; a tick left out is removed.
 */
export function stampTicks(
  stored: Readonly<Record<string, Tick>>,
  incoming: Readonly<Record<string, Tick>>,
  staffNumber: string,
  at: string,
): Record<string, Tick> {
  const out: Record<string, Tick> = {};
  for (const key of Object.keys(incoming)) {
    const before = Object.prototype.hasOwnProperty.call(stored, key) ? stored[key] : undefined;
    out[key] = before ? { by: before.by, at: before.at } : { by: staffNumber, at };
  }
  return out;
}
