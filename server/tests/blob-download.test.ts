import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushResponse } from '../../api/sync/push';
import { BLOB_SIZE_HEADER } from '../http/blob-download-route';
import { applicationNumber, firstApplication, newRecordId, sampleScans, startTestServer, type TestServer } from '../test-support/server-fixture';
import type { TestWorkstation } from '../test-support/workstation-client';

// A supervisor on another workstation of the service point reviews an application with its
// scans: the server hands out the bytes of its own service point's scans, in pieces, signed;
// nothing of another service point's, and nothing not part of an application.

let server: TestServer;
let scans: Map<string, string>;
let w1: TestWorkstation;
let w2: TestWorkstation;
let other: TestWorkstation;

beforeAll(async () => {
  server = await startTestServer();
  scans = await sampleScans(server);
  w1 = await server.workstation('SP01', 'W1');
  w2 = await server.workstation('SP01', 'W2');
  other = await server.workstation('SP02', 'W1');
  const app = firstApplication(1, scans);
  const blobs = [...new Set(Object.values(app.documents).flatMap((d) => d.attachments))];
  const op = w1.op(
    'application.submit',
    newRecordId(),
    { applicationNumber: applicationNumber(w1, 1), application: app, createdBy: 'C1', editors: [] },
    {
      actor: 'C1',
      blobs,
    },
  );
  const res = await w1.push([op]);
  expect(res.json<PushResponse>().results[0]).toMatchObject({ status: 'applied' });
}, 60_000);
afterAll(async () => server?.close());

describe('GET /v1/blobs/{sha256}/content', () => {
  it('gives another workstation of the service point the scan, signed, whole or in pieces', async () => {
    const [name, address] = [...scans.entries()][0]!;
    const whole = await w2.request('GET', `/v1/blobs/${address}/content`);
    expect(whole.status).toBe(200);
    expect(whole.serverSigned).toBe(true);
    expect(whole.text).toBe(`scan ${name}`);
    expect(whole.headers.get(BLOB_SIZE_HEADER)).toBe(String(`scan ${name}`.length));
    const piece = await w2.request('GET', `/v1/blobs/${address}/content?offset=2&length=3`);
    expect(piece.status).toBe(200);
    expect(piece.serverSigned).toBe(true);
    expect(piece.text).toBe(`scan ${name}`.slice(2, 5));
  });

  it('answers 404 to another service point, for a stored scan of no application, and for an unknown address', async () => {
    const address = [...scans.values()][0]!;
    const loose = await server.storeBlob(Buffer.from('a scan nobody submitted'));
    for (const [ws, sha] of [
      [other, address],
      [w2, loose],
      [w2, 'f'.repeat(64)],
    ] as const) {
      const res = await ws.request('GET', `/v1/blobs/${sha}/content`);
      expect(res.status).toBe(404);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('not_found');
    }
  });

  it('refuses an unsigned request and an offset past the end', async () => {
    const address = [...scans.values()][0]!;
    const unsigned = await fetch(`${server.node.url}/v1/blobs/${address}/content`);
    expect(unsigned.status).toBe(401);
    const past = await w2.request('GET', `/v1/blobs/${address}/content?offset=100000`);
    expect(past.status).toBe(400);
  });
});
