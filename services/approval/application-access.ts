import { neverSubmitted, type Role } from '../../domain/workflow';
import type { SignedInUser } from '../auth';

/** Who serves the public at a counter: they answer enquiries. */
export const ENQUIRY_ROLES: readonly Role[] = ['clerk', 'supervisor'];
import type { ApplicationRecord } from '../store';

export interface ApplicationAccessDeps {
  /** This workstation's service point. */
  servicePoint: string;
  /** The service point of the workstation that took an application in (null: unknown, so another). */
  servicePointOf(workstationId: string): string | null;
}

/**
 * Who may read an application, in one place for every read (history, receipts, review):
 * the clerk who took it in, or a supervisor of the service point it was taken in at, and a
 * supervisor only once it was submitted (a clerk's draft is their own). Checked in the
 * services, never left to the UI: an id can be forged or typed (issue 12 item 5).
 */
export function createApplicationAccess(deps: ApplicationAccessDeps) {
  const ofThisServicePoint = (rec: Pick<ApplicationRecord, 'workstationId'>) => deps.servicePointOf(rec.workstationId) === deps.servicePoint;
  const superviseHere = (rec: ApplicationRecord, user: SignedInUser) => user.roles.includes('supervisor') && ofThisServicePoint(rec);
  return {
    ofThisServicePoint,
    /** A supervisor reviews what was submitted where they supervise; a clerk's never-submitted draft is the clerk's alone (issue 12 item 5). */
    mayReview: (rec: ApplicationRecord, user: SignedInUser): boolean => superviseHere(rec, user) && !neverSubmitted(rec.statusHistory),
    /** `user` took it in, or may review it. */
    mayRead: (rec: ApplicationRecord, user: SignedInUser): boolean =>
      rec.createdBy === user.actor || (superviseHere(rec, user) && !neverSubmitted(rec.statusHistory)),
    /**
     * Issue 15, the public enquiry (the open decision of issue 12 item 5, settled): any clerk or
     * supervisor of the service point may see a submitted application's status and history,
     * read-only and audited, because the person may come back to any of its counters. Never
     * another service point's application, never a draft (not yet an application: it has no
     * number), and never its ID numbers or free text (the enquiry's answer carries neither).
     */
    mayEnquire: (rec: ApplicationRecord, user: SignedInUser): boolean =>
      ofThisServicePoint(rec) && !neverSubmitted(rec.statusHistory) && rec.applicationNumber !== null && user.roles.some((r) => ENQUIRY_ROLES.includes(r)),
  };
}

export type ApplicationAccess = ReturnType<typeof createApplicationAccess>;
