import { describe, expect, it } from 'vitest';
import type { ApplicationStatus } from '../model/codes';
import { availableActions, checkTransition, neverSubmitted, type ApplicationActors, type Role, type WorkflowAction } from './application-workflow';

const clerkMade: ApplicationActors = {
  createdBy: 'staff:C1',
  editors: ['staff:C1'],
  statusHistory: [
    { status: 'draft', actor: 'staff:C1' },
    { status: 'pending_approval', actor: 'staff:C1' },
  ],
};
const supervisorEdited: ApplicationActors = { ...clerkMade, editors: ['staff:C1', 'staff:S1'] };
const supervisorReturnedBefore: ApplicationActors = {
  ...clerkMade,
  statusHistory: [...clerkMade.statusHistory, { status: 'returned', actor: 'staff:S1' }, { status: 'pending_approval', actor: 'staff:C1' }],
};
const supervisorSubmitted: ApplicationActors = { ...clerkMade, statusHistory: [...clerkMade.statusHistory, { status: 'pending_approval', actor: 'staff:S1' }] };

const cases: [string, WorkflowAction, ApplicationStatus, string, Role[], ApplicationActors, Partial<{ reasonCode: string; notes: string }>, string][] = [
  ['clerk submits a draft', 'submit', 'draft', 'staff:C1', ['clerk'], clerkMade, {}, 'pending_approval'],
  ['clerk cannot submit twice', 'submit', 'pending_approval', 'staff:C1', ['clerk'], clerkMade, {}, 'wrong_state'],
  ['clerk resubmits a returned form', 'resubmit', 'returned', 'staff:C1', ['clerk'], clerkMade, {}, 'pending_approval'],
  ['clerk cannot approve', 'approve', 'pending_approval', 'staff:C1', ['clerk'], clerkMade, {}, 'wrong_role'],
  ['administrator cannot approve', 'approve', 'pending_approval', 'staff:A1', ['workstation_admin'], clerkMade, {}, 'wrong_role'],
  ['supervisor approves a clerk’s application', 'approve', 'pending_approval', 'staff:S1', ['supervisor'], clerkMade, {}, 'approved'],
  ['supervisor who created it cannot approve', 'approve', 'pending_approval', 'staff:C1', ['clerk', 'supervisor'], clerkMade, {}, 'four_eyes'],
  ['supervisor who edited it cannot approve', 'approve', 'pending_approval', 'staff:S1', ['supervisor'], supervisorEdited, {}, 'four_eyes'],
  ['supervisor who edited it cannot reject', 'reject', 'pending_approval', 'staff:S1', ['supervisor'], supervisorEdited, { reasonCode: 'other' }, 'four_eyes'],
  ['supervisor who edited it cannot return', 'return', 'pending_approval', 'staff:S1', ['supervisor'], supervisorEdited, { notes: 'x' }, 'four_eyes'],
  ['supervisor who submitted it cannot approve', 'approve', 'pending_approval', 'staff:S1', ['supervisor'], supervisorSubmitted, {}, 'four_eyes'],
  ['returning earlier does not bar a later decision', 'approve', 'pending_approval', 'staff:S1', ['supervisor'], supervisorReturnedBefore, {}, 'approved'],
  ['another supervisor may decide', 'approve', 'pending_approval', 'staff:S2', ['supervisor'], supervisorEdited, {}, 'approved'],
  ['reject needs a reason code', 'reject', 'pending_approval', 'staff:S1', ['supervisor'], clerkMade, {}, 'reason_required'],
  ['reject refuses an unknown reason code', 'reject', 'pending_approval', 'staff:S1', ['supervisor'], clerkMade, { reasonCode: 'because' }, 'reason_required'],
  ['reject with a reason code', 'reject', 'pending_approval', 'staff:S1', ['supervisor'], clerkMade, { reasonCode: 'documents_missing' }, 'rejected'],
  ['return needs notes', 'return', 'pending_approval', 'staff:S1', ['supervisor'], clerkMade, { notes: '  ' }, 'reason_required'],
  ['return with notes', 'return', 'pending_approval', 'staff:S1', ['supervisor'], clerkMade, { notes: 'Page 2 unsigned' }, 'returned'],
  ['an approved application is final', 'reject', 'approved', 'staff:S1', ['supervisor'], clerkMade, { reasonCode: 'other' }, 'wrong_state'],
  ['a draft cannot be approved', 'approve', 'draft', 'staff:S1', ['supervisor'], clerkMade, {}, 'wrong_state'],
  ['clerk discards a draft', 'discard', 'draft', 'staff:C1', ['clerk'], clerkMade, {}, 'discarded'],
  ['a returned form cannot be discarded', 'discard', 'returned', 'staff:C1', ['clerk'], clerkMade, {}, 'wrong_state'],
  ['a pending application cannot be discarded', 'discard', 'pending_approval', 'staff:C1', ['clerk'], clerkMade, {}, 'wrong_state'],
  ['a discarded draft is final', 'submit', 'discarded', 'staff:C1', ['clerk'], clerkMade, {}, 'wrong_state'],
  ['an administrator cannot discard', 'discard', 'draft', 'staff:A1', ['workstation_admin'], clerkMade, {}, 'wrong_role'],
];

describe('neverSubmitted', () => {
  it.each([
    ['a fresh draft', [{ status: 'draft' }], true],
    ['submitted once', [{ status: 'draft' }, { status: 'pending_approval' }], false],
    ['returned and back in draft', [{ status: 'draft' }, { status: 'pending_approval' }, { status: 'returned' }, { status: 'draft' }], false],
  ] as [string, { status: ApplicationStatus }[], boolean][])('%s', (_n, history, expected) => {
    expect(neverSubmitted(history)).toBe(expected);
  });
});

describe('application workflow', () => {
  it.each(cases)('%s', (_name, action, from, actor, roles, actors, extra, expected) => {
    const r = checkTransition({ action, from, actor, roles, actors, ...extra });
    expect(r.ok ? r.to : r.code).toBe(expected);
  });

  it.each([
    ['pending_approval', ['clerk'], []],
    ['pending_approval', ['supervisor'], ['approve', 'reject', 'return']],
    ['draft', ['clerk'], ['submit', 'discard']],
    ['discarded', ['clerk', 'supervisor'], []],
    ['returned', ['clerk'], ['resubmit']],
    ['approved', ['supervisor', 'clerk'], []],
  ] as [ApplicationStatus, Role[], WorkflowAction[]][])('from %s, %j may %j', (from, roles, expected) => {
    expect(availableActions(from, roles)).toEqual(expected);
  });
});
