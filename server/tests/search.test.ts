import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionResponse } from '../../api/sync/enrolment';
import type { PushResponse } from '../../api/sync/push';
import { SearchResponseSchema, type SearchResponse } from '../../api/sync/search';
import type { Application } from '../../domain/model/application';
import { createUser } from '../admin/administration';
import { applicationNumber, firstApplication, newRecordId, PASSWORD, sampleScans, startTestServer, type TestServer } from '../test-support/server-fixture';
import type { TestWorkstation } from '../test-support/workstation-client';

// Issue 14 / 15: search across service points by number, entity name (zh/pt/en, without case or
// accents) and ID number, scoped to the caller's service points, against a real PostgreSQL.

let server: TestServer;
let scans: Map<string, string>;
let sp01: TestWorkstation;
let sp02: TestWorkstation;
let n = 0;
const numbers: Record<string, string> = {};

async function submit(ws: TestWorkstation, actor: string, label: string, edit: (a: Application) => void) {
  const app = firstApplication(++n, scans);
  edit(app);
  const number = applicationNumber(ws, n);
  const blobs = [...new Set(Object.values(app.documents).flatMap((d) => d.attachments))];
  const op = ws.op('application.submit', newRecordId(), { applicationNumber: number, application: app, createdBy: actor, editors: [] }, { actor, blobs });
  const res = (await ws.push([op])).json<PushResponse>();
  expect(res.results[0]).toMatchObject({ status: 'applied' });
  numbers[label] = number;
}

async function search(ws: TestWorkstation, q: string, o: { session?: string; limit?: number } = {}) {
  const query = new URLSearchParams({ q, ...(o.limit ? { limit: String(o.limit) } : {}) });
  const res = await ws.request('GET', `/v1/search?${query.toString()}`, o.session ? { session: o.session } : {});
  return res;
}
const found = async (ws: TestWorkstation, q: string, o: { session?: string } = {}) => {
  const res = await search(ws, q, o);
  expect(res.status).toBe(200);
  expect(res.serverSigned).toBe(true);
  const body = SearchResponseSchema.parse(res.json<SearchResponse>());
  return body;
};
const numbersOf = (r: SearchResponse) => r.results.map((x) => x.applicationNumber).sort();

async function session(ws: TestWorkstation, staffNumber: string): Promise<string> {
  const s = await ws.request('POST', '/v1/session', { body: { protocolVersion: 1, staffNumber, password: PASSWORD } });
  expect(s.status).toBe(200);
  return s.json<SessionResponse>().token;
}

beforeAll(async () => {
  server = await startTestServer();
  scans = await sampleScans(server);
  const sql = server.node.sql;
  await createUser(sql, server.clock.now, { staffNumber: 'C9', displayName: 'Clerk Nine', roles: ['clerk'], servicePoints: ['SP02'], password: PASSWORD });
  await createUser(sql, server.clock.now, {
    staffNumber: 'R1',
    displayName: 'Roaming Clerk',
    roles: ['clerk'],
    servicePoints: ['SP01', 'SP02'],
    password: PASSWORD,
  });
  await createUser(sql, server.clock.now, {
    staffNumber: 'A1',
    displayName: 'Admin',
    roles: ['workstation_admin'],
    servicePoints: ['SP01'],
    password: PASSWORD,
  });
  sp01 = await server.workstation('SP01', 'W1');
  sp02 = await server.workstation('SP02', 'W1');
  await submit(sp01, 'C1', 'comercio', (a) => {
    a.entity.names = { zh: '澳門美高梅貿易有限公司', pt: 'Comércio São João, Limitada', en: 'Sao Joao Trading Limited' };
  });
  await submit(sp01, 'C2', 'other', (a) => {
    a.entity.names = { zh: '氹仔海景餐飲有限公司', pt: 'Restaurante Vista do Mar, Lda', en: 'Ho Va Seafood' };
    a.persons[0]!.idDocument.number = '5215299(8)';
  });
  await submit(sp02, 'C9', 'elsewhere', (a) => {
    a.entity.names = { zh: '路環美高梅物流有限公司', pt: 'Logística São João Coloane, Limitada' };
  });
}, 90_000);
afterAll(async () => server?.close());

describe('GET /v1/search', () => {
  it('finds by the exact number and by a number prefix, as typed in any case', async () => {
    expect(numbersOf(await found(sp01, numbers['comercio']!))).toEqual([numbers['comercio']]);
    expect(numbersOf(await found(sp01, numbers['comercio']!.toLowerCase()))).toEqual([numbers['comercio']]);
    expect(numbersOf(await found(sp01, 'sp01-w1-2026'))).toEqual([numbers['comercio'], numbers['other']].sort());
  });

  it('finds a Portuguese name without its accents or case, an English name and a Chinese name', async () => {
    const pt = await found(sp01, 'sao joao');
    expect(numbersOf(pt)).toEqual([numbers['comercio']]);
    expect(pt.results[0]).toMatchObject({
      matchedOn: ['entity_name'],
      status: 'pending_approval',
      servicePoint: 'SP01',
      entityNames: { pt: 'Comércio São João, Limitada' },
    });
    expect(numbersOf(await found(sp01, 'COMÉRCIO SÃO'))).toEqual([numbers['comercio']]);
    expect(numbersOf(await found(sp01, 'joao trading'))).toEqual([numbers['comercio']]);
    // As it is being typed: the start of the last word.
    expect(numbersOf(await found(sp01, 'joao trad'))).toEqual([numbers['comercio']]);
    expect(numbersOf(await found(sp01, 'do mar'))).toEqual([numbers['other']]);
    // Romanised names of short words are found by the whole words.
    expect(numbersOf(await found(sp01, 'Ho Va'))).toEqual([numbers['other']]);
    expect(numbersOf(await found(sp01, '美高梅'))).toEqual([numbers['comercio']]);
    // Two Chinese characters are enough: a pair is one token.
    expect(numbersOf(await found(sp01, '海景'))).toEqual([numbers['other']]);
    // Full-width forms fold as foldName folds them.
    expect(numbersOf(await found(sp01, 'ＶＩＳＴＡ　ＤＯ'))).toEqual([numbers['other']]);
  });

  it('finds by an ID number however it is typed, and never sends the ID number back', async () => {
    for (const q of ['5215299(8)', '52152998', '5215299 8']) {
      const r = await found(sp01, q);
      expect(numbersOf(r)).toEqual([numbers['other']]);
      expect(r.results[0]!.matchedOn).toEqual(['id_number']);
      expect(JSON.stringify(r)).not.toContain('5215299');
    }
  });

  it("carries the workflow history as codes, without the people's free text", async () => {
    const r = await found(sp01, numbers['comercio']!);
    expect(r.results[0]!.history).toEqual([expect.objectContaining({ status: 'pending_approval', actor: 'C1', workstationId: 'SP01-W1' })]);
  });

  it("keeps a workstation to its own service point's applications: another service point's name match is not found", async () => {
    expect(numbersOf(await found(sp01, '美高梅'))).toEqual([numbers['comercio']]);
    expect(numbersOf(await found(sp02, '美高梅'))).toEqual([numbers['elsewhere']]);
    expect((await found(sp02, numbers['comercio']!)).results).toEqual([]);
    expect((await found(sp01, 'sao joao')).scope).toEqual(['SP01']);
  });

  it('searches every service point the signed-in person belongs to, and refuses a person who does not serve the public', async () => {
    const roaming = await found(sp01, 'sao joao', { session: await session(sp01, 'R1') });
    expect(roaming.scope).toEqual(['SP01', 'SP02']);
    expect(numbersOf(roaming)).toEqual([numbers['comercio'], numbers['elsewhere']].sort());
    const admin = await search(sp01, 'sao joao', { session: await session(sp01, 'A1') });
    expect(admin.status).toBe(403);
    expect(admin.json<{ error: { code: string } }>().error.code).toBe('forbidden');
  });

  it('says a query too short to look up, and says when more match than were sent', async () => {
    const short = await found(sp01, 'ab');
    expect(short).toMatchObject({ results: [], tooShort: true });
    // One Chinese character would match most names: two are needed.
    expect(await found(sp01, '海')).toMatchObject({ results: [], tooShort: true });
    // Once PostgreSQL's statistics say "有限公司" is in most names, it is read in table order, not looked up: same answer.
    await server.node.sql`ANALYZE applications`;
    const many = await search(sp01, '有限公司', { limit: 1 });
    const body = many.json<SearchResponse>();
    expect(body.results).toHaveLength(1);
    expect(body.more).toBe(true);
  });

  it('refuses bad input with a clear 4xx and no stack: unknown parameters, empty or oversized queries, unsigned calls', async () => {
    for (const target of ['/v1/search?q=abc&drop=1', '/v1/search?q=', `/v1/search?q=${'x'.repeat(101)}`, '/v1/search?q=abc&limit=500', '/v1/search']) {
      const res = await sp01.request('GET', target);
      expect(res.status, target).toBe(400);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('validation_failed');
    }
    const unsigned = await fetch(`${server.node.url}/v1/search?q=abc`);
    expect(unsigned.status).toBe(401);
    expect(await unsigned.text()).not.toMatch(/at .*\.ts/);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${server.node.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/v1/search');
  });
});
