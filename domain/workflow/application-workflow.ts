import type { ApplicationStatus } from '../model/codes';

/**
 * The application workflow as an explicit state machine (OpenCRVS style: every state has
 * one owner who may move it on). The store records whatever status it is given; this module
 * decides whether a move is allowed, so the rule lives in one place for the API and the UI.
 */
export const ROLES = ['clerk', 'supervisor', 'workstation_admin'] as const;
export type Role = (typeof ROLES)[number];

export const WORKFLOW_ACTIONS = ['submit', 'approve', 'reject', 'return', 'resubmit', 'discard'] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

interface Transition {
  from: readonly ApplicationStatus[];
  to: ApplicationStatus;
  roles: readonly Role[];
  /** Decisions are the supervisor's and fall under the four-eyes rule. */
  decision: boolean;
}

export const TRANSITIONS: Record<WorkflowAction, Transition> = {
  submit: { from: ['draft'], to: 'pending_approval', roles: ['clerk', 'supervisor'], decision: false },
  // The clerk corrects a returned form and sends it back to the queue.
  resubmit: { from: ['returned'], to: 'pending_approval', roles: ['clerk', 'supervisor'], decision: false },
  approve: { from: ['pending_approval'], to: 'approved', roles: ['supervisor'], decision: true },
  reject: { from: ['pending_approval'], to: 'rejected', roles: ['supervisor'], decision: true },
  return: { from: ['pending_approval'], to: 'returned', roles: ['supervisor'], decision: true },
  // Only from 'draft': a returned form is in the supervisor's process (it has a number and a
  // decision trail). Whether the draft was ever submitted is checked on the history by the
  // caller (neverSubmitted), since a status alone cannot tell.
  discard: { from: ['draft'], to: 'discarded', roles: ['clerk', 'supervisor'], decision: false },
};

export const DECISIONS = ['approve', 'reject', 'return'] as const satisfies readonly WorkflowAction[];
export type Decision = (typeof DECISIONS)[number];

/** Why a supervisor rejects (the free text says more). Stable identifiers; labels in i18n `approval.reason.*`. */
export const REJECTION_REASONS = [
  'documents_missing', // FAQ 5: required documents not presented
  'documents_invalid', // expired or not an acceptable ID document
  'not_eligible', // FAQ 2: the entity type cannot hold an entity account
  'identity_not_verified', // the person at the counter could not be identified
  'not_authorised', // the person is not a legal representative / no valid power of attorney
  'duplicate', // the entity already holds an account or has a pending application
  'data_mismatch', // form data differ from the registration certificate
  'other',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export type WorkflowRefusal =
  | { ok: false; code: 'wrong_state'; from: ApplicationStatus; action: WorkflowAction }
  | { ok: false; code: 'wrong_role'; action: WorkflowAction }
  | { ok: false; code: 'four_eyes'; action: WorkflowAction }
  | { ok: false; code: 'reason_required'; action: WorkflowAction };
export type WorkflowCheck = { ok: true; to: ApplicationStatus } | WorkflowRefusal;

/** Who touched an application: whoever created it, edited it, or submitted it. */
export interface ApplicationActors {
  createdBy: string;
  /** Actors of edits (audit `edit`/`attach`/... entries, `updatedBy` while editable). */
  editors: readonly string[];
  /** Actors of status history entries (each with the status it moved to). */
  statusHistory: readonly { status: ApplicationStatus; actor: string }[];
}

/**
 * The four-eyes rule (issue 7): nobody decides on an application they took in or edited.
 * Submitting and resubmitting count as taking in; a previous decision (a return) does not,
 * so the supervisor who returned a form may decide again once the clerk corrected it.
 */
export function touchedBy(actors: ApplicationActors): Set<string> {
  const out = new Set<string>([actors.createdBy, ...actors.editors]);
  for (const h of actors.statusHistory) {
    if (h.status === 'draft' || h.status === 'pending_approval') out.add(h.actor);
  }
  return out;
}

export function violatesFourEyes(actor: string, actors: ApplicationActors): boolean {
  return touchedBy(actors).has(actor);
}

export interface TransitionRequest {
  action: WorkflowAction;
  from: ApplicationStatus;
  actor: string;
  roles: readonly Role[];
  actors: ApplicationActors;
  /** Reject needs a reason code; return needs notes. */
  reasonCode?: string | undefined;
  notes?: string | undefined;
}

export function checkTransition(req: TransitionRequest): WorkflowCheck {
  const t = TRANSITIONS[req.action];
  if (!t.roles.some((r) => req.roles.includes(r))) return { ok: false, code: 'wrong_role', action: req.action };
  if (!t.from.includes(req.from)) return { ok: false, code: 'wrong_state', from: req.from, action: req.action };
  if (t.decision && violatesFourEyes(req.actor, req.actors)) return { ok: false, code: 'four_eyes', action: req.action };
  if (req.action === 'reject' && !(REJECTION_REASONS as readonly string[]).includes(req.reasonCode ?? '')) {
    return { ok: false, code: 'reason_required', action: req.action };
  }
  if (req.action === 'return' && (req.notes ?? '').trim() === '') return { ok: false, code: 'reason_required', action: req.action };
  return { ok: true, to: t.to };
}

/** Statuses in which the clerk may still edit the form (and its scans): before submission, or returned for correction. */
export const EDITABLE_STATUSES = ['draft', 'returned'] as const satisfies readonly ApplicationStatus[];

export const isEditable = (status: ApplicationStatus): boolean => (EDITABLE_STATUSES as readonly ApplicationStatus[]).includes(status);

/** True when no status history entry ever put the application in the approval queue. */
export function neverSubmitted(statusHistory: readonly { status: ApplicationStatus }[]): boolean {
  return statusHistory.every((h) => h.status === 'draft');
}

/** Actions a user with these roles could take from a status (the UI shows only these). */
export function availableActions(from: ApplicationStatus, roles: readonly Role[]): WorkflowAction[] {
  return WORKFLOW_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(from) && TRANSITIONS[a].roles.some((r) => roles.includes(r)));
}
