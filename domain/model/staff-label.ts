/**
 * How a member of staff is named wherever the app shows who did something (checklist ticks,
 * history, queues): name and staff number, so that two people with the same name stay apart.
 * One function for the core and the renderer, so one screen never names the same person two
 * ways while an answer is in flight.
 */
export function staffLabel(displayName: string, staffNumber: string): string {
  return `${displayName} (${staffNumber})`;
}
