import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_PASSWORD_PARAMS } from '../auth/test-support';
import { createAppCore, type AppCore } from '../core/app-core';
import { apiClient } from '../core/test-support';

// Issue 15: enrolling sends this workstation's receipt-signing public key with its sync key, so
// the server can hand it to the service point's other counters (services/receipts/pulled-receipt-keys.ts).

describe('enrolment carries the receipt key', () => {
  let dir: string;
  let core: AppCore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'counterdesk-enrol-key-'));
    core = createAppCore({
      dataDir: dir,
      key: Buffer.alloc(32, 6),
      version: 'test',
      clock: () => new Date(),
      session: { passwordParams: TEST_PASSWORD_PARAMS },
      machineConfig: { path: join(dir, 'none.json'), allowStartConsoleCode: true },
    });
  });
  afterEach(() => {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the enrolment request names the key this workstation signs receipts with', async () => {
    const api = apiClient(() => core);
    await api.value('auth.setup', { staffNumber: 'A0001', displayName: '管理員', password: 'admin-password-1', setupCode: core.setupCode ?? '' });
    const bodies: unknown[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.url === '/v1/enrol') bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        // The code is refused: what matters here is what was sent.
        res.writeHead(req.url === '/v1/enrol' ? 400 : 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 'enrolment_code_invalid', message: 'no such code' }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await api.call('sync.enrol', { serverUrl, code: 'AAAA-BBBB-CCCC-DDDD-EEEE', servicePoint: 'SP01', workstation: 'W1' });
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
    const { publicKey } = await api.value('receipts.workstationKey');
    expect(bodies).toEqual([expect.objectContaining({ workstation: 'W1', receiptPublicKey: publicKey })]);
  });
});
