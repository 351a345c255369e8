import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { call, type ServerPin } from './http-link';
import { signingKeyFromSeed } from './identity';

// A server node restarting (Fastify answers 503 while it closes) or a proxy in front of it while
// it is away answers without the server's signature. The clerk must read "the central system is
// unavailable, retrying", not the impostor alarm ("the answer is not from the enrolled server"),
// on every deploy. Any other unsigned answer is still refused as not from our server.

describe('unsigned answers', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  const answering = async (status: number, headers: Record<string, string> = {}) => {
    server = createServer((_req, res) => res.writeHead(status, { 'content-type': 'application/json', ...headers }).end('{"error":"x"}'));
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const pin: ServerPin = { baseUrl, workstationId: 'SP01-W1', serverPublicKey: signingKeyFromSeed(randomBytes(32)).publicKey, tlsSpkiSha256: null };
    return call(baseUrl, {
      method: 'POST',
      target: '/v1/sync/push',
      body: Buffer.from('{}'),
      headers: { 'content-type': 'application/json' },
      sign: { key: signingKeyFromSeed(randomBytes(32)), pin },
      timeoutMs: 5_000,
      nowSeconds: 1_800_000_000,
    });
  };

  it.each([502, 503, 504])('an unsigned %i is the server being away (retried), not an impostor', async (status) => {
    await expect(answering(status)).rejects.toMatchObject({ kind: 'server', status });
  });

  it('an unsigned 200, 401 or 500 is still not our server', async () => {
    for (const status of [200, 401, 500]) {
      await expect(answering(status)).rejects.toMatchObject({ kind: 'identity' });
      server?.close();
    }
  });

  it('a 503 carrying a signature that does not verify is not our server', async () => {
    await expect(answering(503, { 'counterdesk-server-signature': 'AAAA', 'content-digest': 'sha-256=:AAAA:' })).rejects.toMatchObject({ kind: 'identity' });
  });
});
