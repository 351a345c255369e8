import type { Requirement } from '../../../../domain/rules';

/**
 * The blocking item Ctrl+Enter goes to next (issue 13 item 13): the first one after the item
 * it went to last, in checklist order, wrapping round; the first one when it has gone nowhere
 * yet. An item settled meanwhile still marks the place, so the clerk moves on down the list
 * instead of being sent back to the top. null: nothing blocks.
 */
export function nextBlocking(requirements: readonly Requirement[], lastId: string | null): Requirement | null {
  const blocking = requirements.filter((r) => r.status === 'missing' && r.blocking);
  if (blocking.length === 0) return null;
  const at = lastId === null ? -1 : requirements.findIndex((r) => r.id === lastId);
  if (at === -1) return blocking[0] ?? null;
  const position = (r: Requirement) => requirements.indexOf(r);
  return blocking.find((r) => position(r) > at) ?? blocking[0] ?? null;
}
