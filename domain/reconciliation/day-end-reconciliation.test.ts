import { describe, expect, it } from 'vitest';
import type { ApplicationStatus } from '../model/codes';
import { reconcile, type ReconciliationRecord } from './day-end-reconciliation';

const rec = (status: ApplicationStatus, o: Partial<ReconciliationRecord> = {}): ReconciliationRecord => ({
  workstationId: 'W1',
  servicePoint: 'SP1',
  status,
  submitted: status !== 'draft',
  synced: status !== 'draft' && status !== 'pending_approval',
  reprints: 0,
  ...o,
});

describe('day-end reconciliation', () => {
  it.each<{ name: string; records: ReconciliationRecord[]; paper: Record<string, number>; expect: Partial<Record<string, number>>; differences: unknown[] }>([
    {
      name: 'a balanced day: every form submitted, decided and synced',
      records: [rec('approved'), rec('rejected'), rec('returned')],
      paper: {},
      expect: { received: 3, submitted: 3, approved: 1, rejected: 1, returned: 1, pending: 0, synced: 3, notSynced: 0 },
      differences: [],
    },
    {
      name: 'a form still in draft: received exceeds submitted by one',
      records: [rec('approved'), rec('draft')],
      paper: {},
      expect: { received: 2, submitted: 1, drafts: 1, synced: 1, notSynced: 0 },
      differences: [{ check: 'received_equals_submitted', left: 2, right: 1, difference: 1 }],
    },
    {
      name: 'pending applications count as outcomes but are not yet synced',
      records: [rec('pending_approval'), rec('approved')],
      paper: {},
      expect: { submitted: 2, pending: 1, approved: 1, synced: 1, notSynced: 1 },
      differences: [{ check: 'all_synced', left: 2, right: 1, difference: 1 }],
    },
    {
      // Issue 7 audit B1: the synced draft made synced = submitted and hid the unsynced one.
      name: 'a synced draft does not make up for a submitted application not yet synced',
      records: [rec('draft', { synced: true }), rec('pending_approval', { synced: false })],
      paper: {},
      expect: { recorded: 2, drafts: 1, submitted: 1, pending: 1, synced: 0, notSynced: 1 },
      differences: [
        { check: 'received_equals_submitted', left: 2, right: 1, difference: 1 },
        { check: 'all_synced', left: 1, right: 0, difference: 1 },
      ],
    },
    {
      name: 'the clerk counted one more paper form than was recorded',
      records: [rec('approved')],
      paper: { 'W1/SP1': 2 },
      expect: { received: 2, recorded: 1 },
      differences: [
        { check: 'received_equals_recorded', left: 2, right: 1, difference: 1 },
        { check: 'received_equals_submitted', left: 2, right: 1, difference: 1 },
      ],
    },
    {
      name: 'a submitted form found back in draft breaks the outcome equation',
      records: [rec('approved'), rec('draft', { submitted: true, synced: true })],
      paper: {},
      expect: { submitted: 2, approved: 1 },
      differences: [{ check: 'submitted_equals_outcomes', left: 2, right: 1, difference: 1 }],
    },
    {
      // Issue 5: a draft discarded (duplicate, started by mistake) was never taken in.
      name: 'a discarded draft is neither received nor a draft left over',
      records: [rec('approved'), rec('discarded', { submitted: false, synced: true })],
      paper: {},
      expect: { received: 1, recorded: 1, drafts: 0, submitted: 1, synced: 1 },
      differences: [],
    },
    {
      name: 'reprints are summed',
      records: [rec('approved', { reprints: 2 }), rec('rejected', { reprints: 1 })],
      paper: {},
      expect: { reprints: 3 },
      differences: [],
    },
  ])('$name', ({ records, paper, expect: counts, differences }) => {
    const r = reconcile(records, paper);
    expect(r.groups).toHaveLength(1);
    expect(r.groups[0]?.counts).toMatchObject(counts);
    expect(r.groups[0]?.differences).toEqual(differences);
    expect(r.balanced).toBe(differences.length === 0);
  });

  it('groups per workstation and service point and totals them', () => {
    const r = reconcile([rec('approved'), rec('approved', { workstationId: 'W2' }), rec('draft', { servicePoint: 'SP2' })]);
    expect(r.groups.map((g) => `${g.workstationId}/${g.servicePoint}:${g.counts.received}`)).toEqual(['W1/SP1:1', 'W2/SP1:1', 'W1/SP2:1']);
    expect(r.totals).toMatchObject({ received: 3, submitted: 2, approved: 2, drafts: 1 });
    expect(r.balanced).toBe(false);
    expect(r.totalDifferences.map((d) => d.check)).toContain('received_equals_submitted');
  });

  it('a paper count for a workstation with nothing recorded shows every form missing', () => {
    const r = reconcile([], { 'W3/SP1': 4 });
    expect(r.groups[0]?.differences[0]).toEqual({ check: 'received_equals_recorded', left: 4, right: 0, difference: 4 });
  });
});
