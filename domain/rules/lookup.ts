import type { Application, Person } from '../model/application';
import type { SightingKind } from '../model/codes';

export const personById = (app: Application, id: string): Person | undefined => app.persons.find((p) => p.id === id);
export const sightingOf = (app: Application, slot: string): SightingKind => app.documents[slot]?.sighting ?? 'none';
export const isOriginalOrCertified = (k: SightingKind): boolean => k === 'original' || k === 'certified_copy';
export const isSighted = (k: SightingKind): boolean => k !== 'none';
export const isTicked = (app: Application, checkId: string): boolean => app.checks[checkId] !== undefined;
