import type { MessageKey } from '../../i18n';
import type { HttpResponse } from './http-link';
import { SyncCallError, failureOf } from './http-link';
import type { ScanCache } from './scan-cache';

// Scans on demand: a supervisor opens an application taken in at another workstation, and its
// scans come from the server in pieces (signed, GET /v1/blobs/{sha256}/content), with progress
// the review shows. Pieces already here survive a failed attempt, so "try again" continues
// where the cut happened. Nothing is kept until the whole scan hashes to its address.

export const PIECE_BYTES = 1024 * 1024;
const SIZE_HEADER = 'counterdesk-blob-size';

export interface ScanFetchProgress {
  state: 'fetching' | 'done' | 'failed';
  scans: number;
  fetched: number;
  /** Bytes received of the scans being fetched (sizes become known with their first piece). */
  doneBytes: number;
  totalBytes: number;
  error: { messageKey: MessageKey; params?: Record<string, string | number> } | null;
}

export interface ScanSource {
  enrolled(): boolean;
  get(target: string, timeoutMs?: number): Promise<HttpResponse>;
}

interface PartialScan {
  size: number | null;
  pieces: Buffer[];
  received: number;
}

export function createScanFetcher(deps: { cache: ScanCache; source: ScanSource; pieceBytes?: number; log?: (msg: string) => void }) {
  const pieceBytes = deps.pieceBytes ?? PIECE_BYTES;
  const partial = new Map<string, PartialScan>();
  const jobs = new Map<string, ScanFetchProgress>();

  const errorOf = (e: unknown): ScanFetchProgress['error'] => {
    if (e instanceof SyncCallError && e.status === 404) return { messageKey: 'sync.error.not_found' };
    if (e instanceof SyncCallError && e.kind === 'identity') return { messageKey: 'sync.status.error.identity' };
    if (e instanceof SyncCallError && e.kind === 'server') return { messageKey: 'sync.status.error.server', params: { status: e.status ?? 0 } };
    return { messageKey: 'sync.status.error.network' };
  };

  async function fetchOne(sha: string, progress: ScanFetchProgress): Promise<void> {
    const p = partial.get(sha) ?? { size: null, pieces: [], received: 0 };
    partial.set(sha, p);
    while (p.size === null || p.received < p.size) {
      const res = await deps.source.get(`/v1/blobs/${sha}/content?offset=${p.received}&length=${pieceBytes}`);
      if (res.status !== 200) throw failureOf(res);
      const size = Number(res.headers[SIZE_HEADER]);
      if (!Number.isSafeInteger(size) || size < 0) throw new SyncCallError('server', 'scan size missing', res.status);
      if (p.size === null) {
        p.size = size;
        progress.totalBytes += size - p.received;
      }
      if (res.body.length === 0 && p.received < p.size) throw new SyncCallError('server', 'empty piece', res.status);
      p.pieces.push(res.body);
      p.received += res.body.length;
      progress.doneBytes += res.body.length;
    }
    deps.cache.put(sha, Buffer.concat(p.pieces));
    partial.delete(sha);
    progress.fetched++;
  }

  async function run(shas: string[], progress: ScanFetchProgress): Promise<void> {
    try {
      for (const sha of shas) if (!deps.cache.get(sha)) await fetchOne(sha, progress);
      progress.state = 'done';
    } catch (e) {
      // A damaged download is thrown away whole: the next try starts that scan again.
      if (!(e instanceof SyncCallError)) for (const sha of shas) partial.delete(sha);
      deps.log?.(`scan download failed: ${e instanceof Error ? e.message : String(e)}`);
      progress.state = 'failed';
      progress.error = errorOf(e);
    }
  }

  return {
    /**
     * Start (or continue) fetching the scans of one application and say how far it got. A call
     * while a download runs only reports; a failure is reported until `retry` asks again.
     */
    fetch(key: string, shas: readonly string[], o: { retry?: boolean } = {}): ScanFetchProgress {
      const wanted = [...new Set(shas)];
      const missing = wanted.filter((s) => !deps.cache.get(s));
      const running = jobs.get(key);
      if (running?.state === 'fetching' || (running?.state === 'failed' && !o.retry)) return { ...running };
      if (missing.length === 0) {
        jobs.delete(key);
        return { state: 'done', scans: wanted.length, fetched: wanted.length, doneBytes: 0, totalBytes: 0, error: null };
      }
      if (!deps.source.enrolled()) {
        return {
          state: 'failed',
          scans: wanted.length,
          fetched: wanted.length - missing.length,
          doneBytes: 0,
          totalBytes: 0,
          error: { messageKey: 'sync.bar.notConfigured' },
        };
      }
      const progress: ScanFetchProgress = {
        state: 'fetching',
        scans: wanted.length,
        fetched: wanted.length - missing.length,
        doneBytes: 0,
        totalBytes: 0,
        error: null,
      };
      jobs.set(key, progress);
      void run(missing, progress);
      return { ...progress };
    },
  };
}

export type ScanFetcher = ReturnType<typeof createScanFetcher>;
