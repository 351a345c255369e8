import type { Application, Person } from '../model/application';
import type { SightingKind } from '../model/codes';

export const personById = (app: Application, id: string): Person | undefined => app.persons.find((p) => p.id === id);
export const sightingOf = (app: Application, slot: string): SightingKind => app.documents[slot]?.sighting ?? 'none';
export const isOriginalOrCertified = (k: SightingKind): boolean => k === 'original' || k === 'certified_copy';
export const isSighted = (k: SightingKind): boolean => k !== 'none';
/**
 * A copy the counter keeps (an attorney's or admin's ID, another ID with a signature) is
 * recorded as seen *and* scanned: the central office only ever sees the scan.
 */
export const isCopyKept = (app: Application, slot: string): boolean => isSighted(sightingOf(app, slot)) && (app.documents[slot]?.attachments.length ?? 0) > 0;
export const isTicked = (app: Application, checkId: string): boolean => app.checks[checkId] !== undefined;
