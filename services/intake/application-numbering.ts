import { formatApplicationNumber } from '../../domain/application-number';
import type { WorkstationConfig } from '../core/workstation-config';

/**
 * The number's workstation part has at most 4 characters (domain/application-number.ts), the
 * configured id up to 8. A fresh data folder's placeholder id is `W` + 4 hex digits; that
 * `W` is dropped. Any other id that does not fit is a configuration error: refuse rather than
 * cut it, because two workstations would then share numbers.
 */
export function workstationPart(workstationId: string): string | undefined {
  if (/^[A-Z0-9]{1,4}$/.test(workstationId)) return workstationId;
  const m = /^W([0-9A-F]{4})$/.exec(workstationId);
  return m?.[1];
}

/** Undefined when the configuration cannot make a valid number (the caller refuses the submit). */
export function applicationNumberFor(config: WorkstationConfig, day: string, sequence: number): string | undefined {
  const workstation = workstationPart(config.workstationId);
  if (workstation === undefined) return undefined;
  try {
    return formatApplicationNumber({ servicePoint: config.servicePoint.code, workstation, date: day, sequence });
  } catch (e) {
    if (e instanceof RangeError) return undefined; // service point code too long, or more than 9999 in a day
    throw e;
  }
}
