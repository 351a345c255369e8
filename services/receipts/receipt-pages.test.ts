import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleFirstApplication } from '../../domain/rules/sample-applications';
import { searchTerms } from '../../domain/search-terms';
import { pdfOfPages } from '../attachments/pdf-test-files';
import { TEST_PASSWORD_PARAMS } from '../auth/test-support';
import { createAppCore, type AppCore } from '../core/app-core';
import { seedUser } from '../core/test-support';
import { scanFixtures } from '../store/attachments/fixtures';

// Issue 13 item 10: a multi-page PDF scan is as many pages on the receipt as it holds,
// counted by the core from the stored file (it printed one page per file).
describe('pages on the receipt', () => {
  let dir: string;
  let core: AppCore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'counterdesk-receipt-pages-'));
    writeFileSync(
      join(dir, 'workstation.json'),
      JSON.stringify({ workstationId: 'W07', servicePoint: { code: 'SP01', nameZh: '測試服務點', namePt: 'Posto de teste' } }),
    );
    core = createAppCore({ dataDir: dir, key: Buffer.alloc(32, 7), version: 'test', session: { passwordParams: TEST_PASSWORD_PARAMS } });
  });
  afterEach(() => {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a 3-page PDF and a photo of the application form are 4 pages scanned', async () => {
    const password = await seedUser(core, 'C1', ['clerk']);
    const signIn = await core.dispatch('auth.signIn', { staffNumber: 'C1', password }, { transport: 'http' });
    expect(signIn.ok).toBe(true);
    const app = sampleFirstApplication();
    app.documents = { 'paper.application_form': { sighting: 'original', attachments: [] } };
    const actor = 'staff:C1';
    const rec = core.store.applications.createDraft({ kind: app.kind, data: app, search: searchTerms(app), actor });
    const scan = core.store.attachments.put(await pdfOfPages(3), { applicationId: rec.id, slot: 'paper.application_form', actor });
    core.store.attachments.put(scanFixtures.png, { applicationId: rec.id, slot: 'paper.application_form', actor, attachmentId: scan.id });
    core.store.applications.setStatus(rec.id, { status: 'pending_approval', actor, applicationNumber: 'SP01-W07-20261123-0001-X' });
    const r = await core.dispatch('receipts.issue', { applicationId: rec.id }, { transport: 'http' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: Buffer.from((r.value as { pdfBase64: string }).pdfBase64, 'base64') }).toString(
      'utf8',
    );
    expect(text).toContain('4 頁');
    expect(text).toContain('4 pág.');
    expect(text).not.toMatch(/(^|\s)2 頁/);
  });
});
