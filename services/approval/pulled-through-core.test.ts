import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Change } from '../../api/sync';
import { sampleFirstApplication } from '../../domain/rules/sample-applications';
import { TEST_PASSWORD_PARAMS } from '../auth/test-support';
import { createAppCore, type AppCore } from '../core/app-core';
import { apiClient } from '../core/test-support';
import { createPullApplier } from '../sync/pull-apply';
import { FETCHED_SCANS_DIR } from '../sync/scan-cache';

// Issue 15 through a whole core: the review screen's history panel (applications.history) of an
// application taken in at another workstation, and the start-up sweep of downloaded scans.

describe('a pulled application through the core', () => {
  let dir: string;
  let core: AppCore;
  const now = new Date('2026-11-23T09:00:00Z');
  const { value, call, as } = apiClient(() => core);
  const start = () =>
    createAppCore({ dataDir: dir, key: Buffer.alloc(32, 9), version: 'test', session: { passwordParams: TEST_PASSWORD_PARAMS, clock: () => now } });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'counterdesk-pulled-core-'));
    writeFileSync(
      join(dir, 'workstation.json'),
      JSON.stringify({ workstationId: 'W1', servicePoint: { code: 'SP01', nameZh: '測試服務點', namePt: 'Posto de teste' } }),
    );
    core = start();
  });
  afterEach(() => {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const pulled = () => ({
    recordId: randomUUID(),
    applicationNumber: 'SP01-W2-20261123-0001-K',
    servicePoint: 'SP01',
    workstationId: 'SP01-W2',
    kind: 'first_application' as const,
    status: 'pending_approval' as const,
    version: 1,
    application: sampleFirstApplication(),
    createdBy: 'C1',
    editors: [],
    history: [{ status: 'pending_approval' as const, actor: 'C1', at: '2026-11-23T08:00:00.000Z', workstationId: 'SP01-W2' }],
    blobs: [],
  });

  it('a supervisor opens its history from the review; a clerk who did not take it in gets not_found', async () => {
    const a = pulled();
    createPullApplier(core.store, () => now).apply({
      changes: [{ kind: 'application', id: a.recordId, deleted: false, data: a } as Change],
      cursor: 'c1',
      hasMore: false,
      epoch: randomUUID(),
      serverTime: now.toISOString(),
    });
    await as('S1', ['supervisor']);
    await value('approval.open', { id: a.recordId });
    const { entries } = await value('applications.history', { id: a.recordId });
    expect(entries.map((e) => [e.action, e.actor, e.workstationId])).toEqual([
      ['submit', 'staff:C1', 'SP01-W2'],
      ['review', 'staff:S1', 'W1'],
    ]);
    await as('C2');
    expect(await call('applications.history', { id: a.recordId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('at start, downloaded-scan files no row names are swept', async () => {
    core.close();
    const fetched = join(dir, FETCHED_SCANS_DIR);
    mkdirSync(fetched, { recursive: true });
    writeFileSync(join(fetched, `${'b'.repeat(64)}.0badc0de.tmp`), 'torn by a crash');
    core = start();
    expect(existsSync(fetched) ? readdirSync(fetched) : []).toEqual([]);
  });
});
