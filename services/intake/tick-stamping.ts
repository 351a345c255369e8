import type { Tick } from '../../domain/model/application';

const content = ({ by: _by, at: _at, ...rest }: Tick & Record<string, unknown>) => JSON.stringify(rest);

/**
 * Eye-check ticks record who looked, so they must come from the core, not the renderer: a
 * tick new in this save gets the signed-in user and the time now; a tick already stored
 * keeps its stored by/at whatever the renderer sent back; a tick left out is removed. The
 * same holds for any stamped record with content (FAQ 8's "another entity" and its reason):
 * changed content is a new statement, stamped anew.
 */
export function stampTicks<T extends Tick>(
  stored: Readonly<Record<string, T>>,
  incoming: Readonly<Record<string, T>>,
  staffNumber: string,
  at: string,
): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(incoming)) {
    const before = Object.prototype.hasOwnProperty.call(stored, key) ? stored[key] : undefined;
    const now = incoming[key] as T;
    out[key] = before && content(before) === content(now) ? { ...now, by: before.by, at: before.at } : { ...now, by: staffNumber, at };
  }
  return out;
}
