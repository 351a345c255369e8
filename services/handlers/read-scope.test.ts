import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleFirstApplication } from '../../domain/rules/sample-applications';
import { searchTerms } from '../../domain/search-terms';
import type { Role } from '../../domain/workflow';
import { TEST_PASSWORD_PARAMS } from '../auth/test-support';
import { createAppCore, type AppCore } from '../core/app-core';
import { apiClient } from '../core/test-support';

// Issue 12 item 5: every read checks ownership, role and service point in the service. The
// table is methods × who asks × which application; `ok` or the refusal code the caller gets.
// Changed consciously for issue 15 (public enquiry): see receipts.status and enquiry.find.

type Who = 'owner' | 'otherClerk' | 'supervisor';
type Which = 'submitted' | 'draft' | 'otherServicePoint';
const WHO: Record<Who, [string, Role[]]> = { owner: ['C1', ['clerk']], otherClerk: ['C2', ['clerk']], supervisor: ['S1', ['supervisor']] };

const EXPECTED: Record<string, Record<Who, Record<Which, string>>> = {
  'applications.history': {
    owner: { submitted: 'ok', draft: 'ok', otherServicePoint: 'ok' },
    otherClerk: { submitted: 'not_found', draft: 'not_found', otherServicePoint: 'not_found' },
    // A clerk's never-submitted draft is the clerk's alone, as approval.open: not even its history.
    supervisor: { submitted: 'ok', draft: 'not_found', otherServicePoint: 'not_found' },
  },
  'receipts.status': {
    owner: { submitted: 'ok', draft: 'ok', otherServicePoint: 'ok' },
    // Issue 15 settles issue 12 item 5's open decision: any clerk of this service point looks a
    // submitted application's receipt up (the person may come back to any counter), never another
    // clerk's draft (it is not an application yet), never another service point's.
    otherClerk: { submitted: 'ok', draft: 'not_found', otherServicePoint: 'not_found' },
    supervisor: { submitted: 'ok', draft: 'not_found', otherServicePoint: 'not_found' },
  },
  'receipts.find': {
    owner: { submitted: 'ok', draft: 'not_found', otherServicePoint: 'ok' },
    otherClerk: { submitted: 'ok', draft: 'not_found', otherServicePoint: 'not_found' },
    supervisor: { submitted: 'ok', draft: 'not_found', otherServicePoint: 'not_found' },
  },
  // Issue 15, the public enquiry: status and history (codes only, no ID number, audited) of a
  // submitted application of this service point, for any clerk or supervisor of it. Found = 'ok'.
  'enquiry.find': {
    owner: { submitted: 'ok', draft: 'not_found', otherServicePoint: 'not_found' },
    otherClerk: { submitted: 'ok', draft: 'not_found', otherServicePoint: 'not_found' },
    supervisor: { submitted: 'ok', draft: 'not_found', otherServicePoint: 'not_found' },
  },
  'approval.open': {
    owner: { submitted: 'forbidden', draft: 'forbidden', otherServicePoint: 'forbidden' },
    otherClerk: { submitted: 'forbidden', draft: 'forbidden', otherServicePoint: 'forbidden' },
    supervisor: { submitted: 'ok', draft: 'not_found', otherServicePoint: 'forbidden' },
  },
};

describe('who reads which application, method by method (issue 12 item 5)', () => {
  let dir: string;
  let core: AppCore;
  const { raw, as } = apiClient(() => core);
  const ids = {} as Record<Which, { id: string; number: string }>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'counterdesk-scope-'));
    writeFileSync(
      join(dir, 'workstation.json'),
      JSON.stringify({ workstationId: 'W07', servicePoint: { code: 'SP01', nameZh: '測試服務點', namePt: 'Posto de teste' } }),
    );
    const now = new Date('2026-11-23T03:00:00Z');
    core = createAppCore({ dataDir: dir, key: Buffer.alloc(32, 7), version: 'test', clock: () => now, session: { passwordParams: TEST_PASSWORD_PARAMS } });
    const take = (which: Which, number: string, submit: boolean) => {
      const app = sampleFirstApplication();
      const rec = core.store.applications.createDraft({ kind: app.kind, data: app, search: searchTerms(app), actor: 'staff:C1' });
      if (submit) core.store.applications.setStatus(rec.id, { status: 'pending_approval', actor: 'staff:C1', applicationNumber: number });
      ids[which] = { id: rec.id, number };
    };
    take('submitted', 'SP01-W07-20261123-0001-X', true);
    take('draft', 'SP01-W07-20261123-0002-X', false);
    take('otherServicePoint', 'SP02-W99-20261123-0001-X', true);
    // Taken in at a workstation of another service point (synced here from elsewhere).
    core.store.db.prepare("UPDATE applications SET workstation_id = 'W99' WHERE id = ?").run(ids.otherServicePoint.id);
  });
  afterAll(() => {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const ask = async (method: string, which: Which): Promise<string> => {
    const { id, number } = ids[which];
    if (method === 'enquiry.find') {
      const r = await raw(method, { query: number });
      if (!r.ok) return r.error.code;
      const found = (r.value as { results: { recordId: string }[] }).results.some((x) => x.recordId === id);
      return found ? 'ok' : 'not_found';
    }
    const input = method === 'receipts.find' ? { applicationNumber: number } : method === 'receipts.status' ? { applicationId: id } : { id };
    const r = await raw(method, input);
    return r.ok ? 'ok' : r.error.code;
  };

  for (const [method, byWho] of Object.entries(EXPECTED)) {
    for (const who of Object.keys(byWho) as Who[]) {
      it(`${method} as ${who}`, async () => {
        await as(...WHO[who]);
        const got: Record<string, string> = {};
        for (const which of Object.keys(byWho[who]) as Which[]) got[which] = await ask(method, which);
        expect(got).toEqual(byWho[who]);
      });
    }
  }
});
