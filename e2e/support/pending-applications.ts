import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatApplicationNumber } from '../../domain/application-number';
import { macauDay } from '../../domain/macau-day';
import { sampleFirstApplication } from '../../domain/rules/sample-applications';
import type { Application } from '../../domain/model/application';
import { searchTerms } from '../../domain/search-terms';
import { actorOf } from '../../services/auth/session-state';
import { loadOrCreateWorkstationConfig, type WorkstationConfig } from '../../services/core/workstation-config';
import { openStore, type Store } from '../../services/store';
import { scanFixtures } from '../../services/store/attachments/fixtures';
import { loadOrCreateKeyFile } from '../../services/store/keys';
import type { TestUser } from './users';

/**
 * A workstation configured as the administrator would leave it. The development placeholder
 * (a random five-character id) does not fit an application number's 1–4 character
 * workstation part, so tests that need numbers pin one. Call before enrolUsers/startApp.
 */
export function configureWorkstation(dataDir: string, workstationId = 'W07', servicePoint = 'SP01'): WorkstationConfig {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const config: WorkstationConfig = { workstationId, servicePoint: { code: servicePoint, nameZh: '測試服務點', namePt: 'Posto de teste' } };
  writeFileSync(join(dataDir, 'workstation.json'), JSON.stringify(config, null, 2), { mode: 0o600 });
  return config;
}

export interface PendingApplication {
  id: string;
  applicationNumber: string;
  nameZh: string;
  namePt: string;
}

/**
 * Applications a clerk took in and submitted, as the intake screens would leave them: a
 * complete sample (distinct entity names per index), a PNG scan of the application form,
 * status pending_approval with its number. Written into the store before the app starts.
 * `submittedAt` lets a test make the queue's order (oldest first) visible.
 */
/**
 * Seeded entities are different entities: each gets its own registration and taxpayer number,
 * so FAQ 8 (one account per entity), which the review shows, matches only what a test means to.
 */
let seededEntities = 0;

export function seedPendingApplications(
  dataDir: string,
  clerk: TestUser,
  entries: {
    nameZh: string;
    namePt: string;
    submittedMinutesAgo?: number;
    idCopiesScanned?: boolean;
    /** What the clerk recorded about a same-name entity or application (FAQ 8, issue 13 item 7). */
    distinctEntities?: Application['distinctEntities'];
  }[],
): PendingApplication[] {
  const config = loadOrCreateWorkstationConfig(dataDir);
  const key = loadOrCreateKeyFile(join(dataDir, 'store.key'));
  const out: PendingApplication[] = [];
  for (const e of entries) {
    const when = new Date(Date.now() - (e.submittedMinutesAgo ?? 0) * 60_000);
    // The store stamps history with its clock: one store per entry, each at its own time.
    const store = openStore({ dir: dataDir, key, workstationId: config.workstationId, clock: () => when });
    try {
      const actor = actorOf(clerk.staffNumber);
      const app = sampleFirstApplication();
      app.entity.names = { zh: e.nameZh, pt: e.namePt };
      const n = ++seededEntities;
      app.entity.commercialRegistrationNumber = `${10000 + n} SO`;
      app.entity.taxpayerNumber = String(81000000 + n);
      if (e.distinctEntities) app.distinctEntities = e.distinctEntities;
      // The core stamps ticks with the staff number of whoever ticked (intake API).
      for (const k of Object.keys(app.checks)) app.checks[k] = { by: clerk.staffNumber, at: when.toISOString() };
      const rec = store.applications.createDraft({ kind: app.kind, data: app, search: searchTerms(app), actor });
      store.attachments.put(scanFixtures.png, { applicationId: rec.id, slot: 'paper.application_form', actor });
      // `idCopiesScanned`: the copies the counter keeps (the admins' IDs, ps-2112a) are scanned
      // too. The core takes a form's scans from the store, not from the hashes in the form
      // (issue 12 item 4), so a form returned for correction needs them to be submitted again.
      if (e.idCopiesScanned) {
        for (const [slot, d] of Object.entries(app.documents)) {
          if (d.sighting === 'copy' && d.attachments.length > 0) store.attachments.put(scanFixtures.png, { applicationId: rec.id, slot, actor });
        }
      }
      const applicationNumber = submitSeeded(store, config, rec.id, actor, macauDay(when));
      out.push({ id: rec.id, applicationNumber, nameZh: e.nameZh, namePt: e.namePt });
    } finally {
      store.close();
    }
  }
  return out;
}

/**
 * A seeded draft submitted for approval under the next number of its Macau `day` at this
 * workstation, as the core's submit numbers it. Returns the number.
 */
export function submitSeeded(store: Store, config: WorkstationConfig, id: string, actor: string, day: string): string {
  const applicationNumber = formatApplicationNumber({
    servicePoint: config.servicePoint.code,
    workstation: config.workstationId,
    date: day,
    sequence: store.sequences.nextSequence(day),
  });
  store.applications.setStatus(id, { status: 'pending_approval', actor, applicationNumber });
  return applicationNumber;
}
