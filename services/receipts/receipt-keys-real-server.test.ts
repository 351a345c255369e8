import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEnrolmentCode } from '../../server/admin/administration';
import { startTestServer, type TestServer } from '../../server/test-support/server-fixture';
import { ReceiptInputSchema } from '../../domain/receipt/receipt-input';
import { RECEIPT_SAMPLES } from '../../domain/receipt/receipt-samples';
import { openTestWorkstation, until, type TestWorkstation } from '../sync/test-support/workstation';
import { createReceiptStore } from './receipt-store';
import { createReceiptToken, verifyReceiptToken } from './receipt-token';
import { generateWorkstationKeyPair } from './workstation-keys';

// Issue 15 against the real central API: workstation A enrols with its receipt key, workstation
// B of the same service point pulls it, and a receipt A prints verifies at B's counter (the
// server calls A `SP01-WA`, the receipt `WA`); a forged one naming A does not.

describe('a receipt printed at another counter, after a pull from the real server', () => {
  let server: TestServer;
  const stations: TestWorkstation[] = [];
  beforeAll(async () => {
    server = await startTestServer();
  }, 120_000);
  afterAll(async () => {
    for (const ws of stations) await ws.close();
    await server?.close();
  });

  const enrolled = async (code: string) => {
    const ws = openTestWorkstation({ clock: server.clock.now });
    stations.push(ws);
    const keys = createReceiptStore(ws.store, code, () => server.clock.now().toISOString(), 'SP01');
    const { code: enrolment } = await issueEnrolmentCode(server.node.sql, server.clock.now, 'SP01', code);
    await ws.worker.enrol({
      serverUrl: server.node.url,
      code: enrolment,
      servicePoint: 'SP01',
      workstation: code,
      receiptPublicKey: keys.publicKey().publicKey,
    });
    return { ws, keys };
  };

  it('verifies at B once B has pulled; a forgery naming A is tampered', async () => {
    const a = await enrolled('WA');
    const b = await enrolled('WB');
    const input = ReceiptInputSchema.parse({ ...RECEIPT_SAMPLES[0]?.input, workstationId: 'WA' });
    const token = createReceiptToken(input, a.keys.signingKey());
    expect(verifyReceiptToken(token, b.keys.knownKeys()).status).toBe('unknown_workstation');

    b.ws.worker.start();
    await until(() => verifyReceiptToken(token, b.keys.knownKeys()).status === 'valid', 20_000, 'A’s receipt key to reach B');
    expect(verifyReceiptToken(token, b.keys.knownKeys())).toMatchObject({
      status: 'valid',
      details: { workstationId: 'WA', applicationNumber: input.applicationNumber },
    });
    expect(verifyReceiptToken(createReceiptToken(input, generateWorkstationKeyPair('WA')), b.keys.knownKeys()).status).toBe('tampered');
  }, 60_000);
});
