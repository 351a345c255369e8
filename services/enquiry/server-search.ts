import { SearchResponseSchema, type SearchResponse } from '../../api/sync/search';
import type { Store } from '../store';
import { loadPin } from '../sync/enrolment';
import { call, failureOf } from '../sync/http-link';
import { signingKeyFromSeed, type SigningKey, type SigningKeyStore } from '../sync/identity';
import { createOpLog } from '../sync/op-log';

/** The central API's search (GET /v1/search, docs/sync-protocol.md §12) as the enquiry asks it. */
export interface ServerSearch {
  /** undefined: this workstation is not enrolled with a server. Throws SyncCallError when the server does not answer usably. */
  search(query: string): Promise<SearchResponse | undefined>;
}

/** An enquiry waits this long for the server before it answers from the workstation. */
export const ENQUIRY_TIMEOUT_MS = 5_000;

/**
 * Signs the request with the workstation's enrolled key and checks the answer against the
 * pinned server key, like every other sync call (services/sync/http-link.ts).
 */
export function createServerSearch(deps: { store: Store; keys: SigningKeyStore; clock: () => Date; timeoutMs?: number }): ServerSearch {
  const ops = createOpLog(deps.store, deps.clock);
  let key: { seed: string; key: SigningKey } | undefined;
  const signingKey = (): SigningKey => {
    const seed = deps.keys.load();
    const id = seed.toString('base64');
    if (key?.seed !== id) key = { seed: id, key: signingKeyFromSeed(seed) };
    return key.key;
  };
  return {
    async search(query) {
      const pin = loadPin(ops);
      if (!pin) return undefined;
      // The skew the sync worker learnt from the server, so a signed timestamp is not refused.
      const skewMs = Number(ops.state('server.skewMs') ?? 0) || 0;
      const target = `/v1/search?${new URLSearchParams({ q: query, limit: '20' }).toString()}`;
      const res = await call(
        pin.baseUrl,
        {
          method: 'GET',
          target,
          sign: { key: signingKey(), pin },
          timeoutMs: deps.timeoutMs ?? ENQUIRY_TIMEOUT_MS,
          nowSeconds: Math.floor((deps.clock().getTime() + skewMs) / 1000),
        },
        pin.tlsSpkiSha256,
      );
      if (res.status !== 200) throw failureOf(res);
      return SearchResponseSchema.parse(JSON.parse(res.body.toString('utf8')));
    },
  };
}
