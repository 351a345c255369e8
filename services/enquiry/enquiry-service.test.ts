import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushResponse } from '../../api/sync/push';
import { createUser, issueEnrolmentCode } from '../../server/admin/administration';
import {
  applicationNumber,
  firstApplication,
  newRecordId,
  PASSWORD,
  sampleScans,
  startTestServer,
  type TestServer,
} from '../../server/test-support/server-fixture';
import type { TestWorkstation as ServerSideWorkstation } from '../../server/test-support/workstation-client';
import type { Application } from '../../domain/model/application';
import { sampleFirstApplication } from '../../domain/rules/sample-applications';
import { searchTerms } from '../../domain/search-terms';
import { createApplicationAccess } from '../approval/application-access';
import type { SignedInUser } from '../auth';
import { isRefusal } from '../core/refusal';
import { keyFileSigningStore } from '../sync/identity';
import { startFaultProxy, type FaultProxy } from '../sync/test-support/fault-proxy';
import { openTestWorkstation, until, type TestWorkstation } from '../sync/test-support/workstation';
import { createEnquiryService } from './enquiry-service';
import { createServerSearch } from './server-search';

// Issue 15: the public enquiry at any counter — from the central server when it answers, from
// what this workstation took in and pulled when it does not; another service point never; who
// asked and what they were shown is audited, never what they typed.

const user = (staffNumber: string, roles: SignedInUser['roles']): SignedInUser => ({
  userId: staffNumber,
  staffNumber,
  displayName: staffNumber,
  roles,
  servicePoints: ['SP01'],
  actor: `staff:${staffNumber}`,
});

describe('enquiry service against the real central server', () => {
  let server: TestServer;
  let proxy: FaultProxy;
  let ws: TestWorkstation;
  let elsewhere: ServerSideWorkstation;
  let abroad: ServerSideWorkstation;
  const numbers: Record<string, string> = {};
  let asking = user('C3', ['clerk']);
  const enquiry = () =>
    createEnquiryService({
      store: ws.store,
      user: () => asking,
      access: createApplicationAccess({ servicePoint: 'SP01', servicePointOf: () => 'SP01' }),
      servicePoint: 'SP01',
      displayNameOf: (a) => `name of ${a}`,
      remote: createServerSearch({ store: ws.store, keys: keyFileSigningStore(join(ws.dir, 'sync-signing.key')), clock: server.clock.now, timeoutMs: 2_000 }),
      clock: server.clock.now,
    });

  async function pushFrom(from: ServerSideWorkstation, n: number, actor: string, edit: (a: Application) => void, label: string) {
    const scans = await sampleScans(server);
    const app = firstApplication(n, scans);
    edit(app);
    const number = applicationNumber(from, n);
    const blobs = [...new Set(Object.values(app.documents).flatMap((d) => d.attachments))];
    const op = from.op('application.submit', newRecordId(), { applicationNumber: number, application: app, createdBy: actor, editors: [] }, { actor, blobs });
    expect((await from.push([op])).json<PushResponse>().results[0]).toMatchObject({ status: 'applied' });
    numbers[label] = number;
  }

  beforeAll(async () => {
    server = await startTestServer();
    await createUser(server.node.sql, server.clock.now, {
      staffNumber: 'C9',
      displayName: 'Clerk Nine',
      roles: ['clerk'],
      servicePoints: ['SP02'],
      password: PASSWORD,
    });
    elsewhere = await server.workstation('SP01', 'W2');
    abroad = await server.workstation('SP02', 'W1');
    await pushFrom(elsewhere, 501, 'C2', (a) => (a.entity.names = { zh: '海景餐飲有限公司', pt: 'Comércio São João, Limitada' }), 'sameSp');
    await pushFrom(abroad, 502, 'C9', (a) => (a.entity.names = { zh: '路環物流有限公司', pt: 'Logística São João, Limitada' }), 'otherSp');
    proxy = await startFaultProxy({ host: '127.0.0.1', port: Number(new URL(server.node.url).port) });
    ws = openTestWorkstation({ clock: server.clock.now });
    const { code } = await issueEnrolmentCode(server.node.sql, server.clock.now, 'SP01', 'W1');
    await ws.worker.enrol({ serverUrl: proxy.url, code, servicePoint: 'SP01', workstation: 'W1' });
    ws.worker.start();
    // Taken in here by C1 (numbered), and a draft of C1's that no one else may find.
    const app = sampleFirstApplication();
    app.entity.names = { pt: 'Papelaria Lótus, Limitada' };
    const rec = ws.store.applications.createDraft({ kind: 'first_application', data: app, search: searchTerms(app), actor: 'staff:C1' });
    ws.store.applications.setStatus(rec.id, { status: 'pending_approval', actor: 'staff:C1', applicationNumber: 'SP01-W1-20261123-0900-K' });
    const draft = { ...sampleFirstApplication(), entity: { ...app.entity, names: { pt: 'Lótus Rascunho' } } };
    ws.store.applications.createDraft({ kind: 'first_application', data: draft, search: searchTerms(draft), actor: 'staff:C1' });
  }, 120_000);
  afterAll(async () => {
    await ws?.close();
    await proxy?.close().catch(() => undefined);
    await server?.close();
  });

  it("online: another clerk of the service point finds an application taken in at another workstation, from the server, as of the server's time", async () => {
    const answer = await enquiry().find('sao joao');
    expect(answer).toMatchObject({ source: 'server', serverUnavailable: null, asOf: server.clock.now().toISOString(), tooShort: false });
    expect(answer.results.map((r) => r.applicationNumber)).toEqual([numbers['sameSp']]);
    expect(answer.results[0]).toMatchObject({ status: 'pending_approval', matchedOn: ['entity_name'], workstationId: 'SP01-W2' });
    expect(answer.results[0]!.history).toEqual([expect.objectContaining({ status: 'pending_approval', actor: 'C2', actorName: 'name of staff:C2' })]);
  });

  it('offline: answers from what this workstation pulled and took in, says so and as of its last pull; never a draft, never another service point', async () => {
    await until(
      () => (ws.store.db.prepare("SELECT count(*) AS n FROM sync_pulled WHERE kind = 'application'").get() as { n: number }).n >= 1,
      20_000,
      'the service point’s application to be pulled',
    );
    await proxy.close();
    const pulledAt = (ws.store.db.prepare("SELECT value FROM sync_state WHERE key = 'pull.at'").get() as { value: string }).value;
    const answer = await enquiry().find('sao joao');
    expect(answer).toMatchObject({ source: 'workstation', serverUnavailable: 'unreachable', asOf: pulledAt });
    expect(answer.results.map((r) => r.applicationNumber)).toEqual([numbers['sameSp']]);
    expect(answer.results[0]!.history[0]).toMatchObject({ actor: 'C2', status: 'pending_approval' });
    const lotus = await enquiry().find('LOTUS');
    expect(lotus.results.map((r) => r.applicationNumber)).toEqual(['SP01-W1-20261123-0900-K']);
    expect(lotus.results[0]).toMatchObject({ matchedOn: ['entity_name'], history: [expect.objectContaining({ status: 'pending_approval', actor: 'C1' })] });
    expect((await enquiry().find(numbers['otherSp']!)).results).toEqual([]);
  });

  it('records who enquired and which applications they were shown, never the query (it may be an ID number)', () => {
    const entries = ws.store.db.prepare("SELECT actor, subject_id, details FROM audit_log WHERE action = 'enquiry' ORDER BY seq").all() as {
      actor: string;
      details: string;
    }[];
    expect(entries.length).toBeGreaterThanOrEqual(3);
    expect(entries.every((e) => e.actor === 'staff:C3')).toBe(true);
    expect(entries.map((e) => JSON.parse(e.details) as { source: string }).map((d) => d.source)).toEqual(expect.arrayContaining(['server', 'workstation']));
    expect(entries.map((e) => e.details).join('\n')).not.toMatch(/sao joao|LOTUS/i);
  });

  it('refuses an administrator (not at the counter) and says when a query is too short to look up', async () => {
    expect((await enquiry().find('ab')).tooShort).toBe(true);
    asking = user('A1', ['workstation_admin']);
    const refused = await enquiry()
      .find('sao joao')
      .catch((e: unknown) => e);
    expect(isRefusal(refused) && refused.code).toBe('forbidden');
    asking = user('C3', ['clerk']);
  });
});
