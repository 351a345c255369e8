import { join } from 'node:path';
import { sampleFirstApplication } from '../../domain/rules/sample-applications';
import { searchTerms } from '../../domain/search-terms';
import { actorOf } from '../../services/auth/session-state';
import { openStore } from '../../services/store';
import { scanFixtures } from '../../services/store/attachments/fixtures';
import { loadOrCreateKeyFile } from '../../services/store/keys';
import { configureWorkstation, submitSeeded } from './pending-applications';
import type { TestUser } from './users';
import { systemClock } from '../../services/core/clock';

export interface SubmittedApplication {
  id: string;
  applicationNumber: string;
  nameZh: string;
  workstationId: string;
}

/**
 * A complete first application (domain/rules/sample-applications.ts) that `clerk` took in,
 * with a scan of the application form, submitted for approval with its number: what the
 * intake screens leave behind. Written into the store before startApp, like enrolUsers.
 * Pins the workstation (W07 at SP01): the development placeholder id is too long for an
 * application number.
 */
export function seedSubmittedApplication(dataDir: string, clerk: TestUser): SubmittedApplication {
  const config = configureWorkstation(dataDir);
  const key = loadOrCreateKeyFile(join(dataDir, 'store.key'));
  const store = openStore({ dir: dataDir, key, workstationId: config.workstationId, clock: systemClock });
  try {
    const actor = actorOf(clerk.staffNumber);
    const app = sampleFirstApplication();
    const now = new Date();
    for (const k of Object.keys(app.checks)) app.checks[k] = { by: clerk.staffNumber, at: now.toISOString() };
    const rec = store.applications.createDraft({ kind: app.kind, data: app, search: searchTerms(app), actor });
    store.attachments.put(scanFixtures.png, { applicationId: rec.id, slot: 'paper.application_form', actor });
    const day = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const applicationNumber = submitSeeded(store, config, rec.id, actor, day);
    return { id: rec.id, applicationNumber, nameZh: app.entity.names.zh ?? '', workstationId: config.workstationId };
  } finally {
    store.close();
  }
}

export interface SeededDraft {
  id: string;
  nameZh: string;
}

/**
 * A first application `clerk` has filled in completely (every tick, the form's scan) but not
 * yet submitted: the state just before Ctrl+Enter. Its own names and registration number, so
 * FAQ 8 does not take it for the entity of seedSubmittedApplication. Uses the workstation
 * pinned by seedSubmittedApplication (call that first).
 */
export function seedCompleteDraft(dataDir: string, clerk: TestUser, names = { zh: '澳門收據測試有限公司', pt: 'Recibo Teste, Limitada' }): SeededDraft {
  const key = loadOrCreateKeyFile(join(dataDir, 'store.key'));
  const store = openStore({ dir: dataDir, key, workstationId: 'W07', clock: systemClock });
  try {
    const actor = actorOf(clerk.staffNumber);
    const app = sampleFirstApplication();
    app.entity.names = names;
    app.entity.commercialRegistrationNumber = '77777 SO';
    app.entity.taxpayerNumber = '80777777';
    const now = new Date().toISOString();
    for (const k of Object.keys(app.checks)) app.checks[k] = { by: clerk.staffNumber, at: now };
    const rec = store.applications.createDraft({ kind: app.kind, data: app, search: searchTerms(app), actor });
    store.attachments.put(scanFixtures.png, { applicationId: rec.id, slot: 'paper.application_form', actor });
    return { id: rec.id, nameZh: names.zh };
  } finally {
    store.close();
  }
}
