import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../store';
import { scanFixtures } from '../store/attachments/fixtures';
import { openTestStore } from '../store/test-support';
import { attachmentViewIn } from './application-scans';
import { pdfOfPages } from './pdf-test-files';

// Issue 13 item 10: the clerk's scan list counted a 3-page PDF as one page.
describe('the scan list a clerk sees: real pages per file', () => {
  let dir: string;
  let store: Store;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'counterdesk-view-pages-'));
    store = openTestStore(dir, randomBytes(32));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a 3-page PDF then a photo: 3 and 1, counted by the core from the stored files', async () => {
    const rec = store.applications.createDraft({
      kind: 'first_application',
      data: {},
      search: { entityNames: [], registrationNumbers: [], idNumbers: [] },
      actor: 'staff:C1',
    });
    const pdf = store.attachments.put(await pdfOfPages(3), { applicationId: rec.id, slot: 'paper.application_form', actor: 'staff:C1' });
    const both = store.attachments.put(scanFixtures.jpeg, { applicationId: rec.id, slot: 'paper.application_form', actor: 'staff:C1', attachmentId: pdf.id });
    expect(attachmentViewIn(store)(both).pages.map((p) => p.pageCount)).toEqual([3, 1]);
  });
});
