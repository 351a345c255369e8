import { join } from 'node:path';
import { sampleFirstApplication } from '../../domain/rules/sample-applications';
import { searchTerms } from '../../domain/search-terms';
import { actorOf } from '../../services/auth/session-state';
import { systemClock } from '../../services/core/clock';
import { loadOrCreateWorkstationConfig } from '../../services/core/workstation-config';
import { openStore } from '../../services/store';
import { scanFixtures } from '../../services/store/attachments/fixtures';
import { loadOrCreateKeyFile } from '../../services/store/keys';
import type { TestUser } from './users';

/**
 * A first application `clerk` filled in completely but has not submitted, whose every document
 * lists the scan really attached here (as the scans panel leaves it): what sync uploads to the
 * central system on submission. Its own entity, so FAQ 8 finds no other application for it.
 */
export function seedSyncableDraft(dataDir: string, clerk: TestUser, names: { zh: string; pt: string }, n: number): { id: string; scanSha256: string } {
  const config = loadOrCreateWorkstationConfig(dataDir);
  const key = loadOrCreateKeyFile(join(dataDir, 'store.key'));
  const store = openStore({ dir: dataDir, key, workstationId: config.workstationId, clock: systemClock });
  try {
    const actor = actorOf(clerk.staffNumber);
    const app = sampleFirstApplication();
    app.entity.names = names;
    app.entity.commercialRegistrationNumber = `${60_000 + n} SO`;
    app.entity.taxpayerNumber = String(86_000_000 + n);
    const now = systemClock().toISOString();
    for (const k of Object.keys(app.checks)) app.checks[k] = { by: clerk.staffNumber, at: now };
    const rec = store.applications.createDraft({ kind: app.kind, data: app, search: searchTerms(app), actor });
    let sha = '';
    for (const slot of Object.keys(app.documents)) {
      sha = store.attachments.put(scanFixtures.png, { applicationId: rec.id, slot, actor }).pages[0]!.sha256;
    }
    for (const d of Object.values(app.documents)) d.attachments = [sha];
    store.applications.saveDraft(rec.id, { data: app, search: searchTerms(app), actor });
    return { id: rec.id, scanSha256: sha };
  } finally {
    store.close();
  }
}
