import type { MessageKey } from '../../i18n';
import type { HttpResponse } from './http-link';
import { SyncCallError, failureOf } from './http-link';
import type { ScanCache } from './scan-cache';

// Scans on demand: a supervisor opens an application taken in at another workstation, and its
// scans come from the server in pieces (signed, GET /v1/blobs/{sha256}/content), with progress
// the review shows. Each piece is kept (encrypted) as it arrives, so "try again" — also after
// the app was closed or crashed — continues where the cut happened (scan-cache.ts). Nothing is
// used until the whole scan hashes to its address.

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

export function createScanFetcher(deps: { cache: ScanCache; source: ScanSource; pieceBytes?: number; log?: (msg: string) => void }) {
  const pieceBytes = deps.pieceBytes ?? PIECE_BYTES;
  const jobs = new Map<string, ScanFetchProgress>();
  const inFlight = new Map<string, Promise<unknown>>();

  const errorOf = (e: unknown): ScanFetchProgress['error'] => {
    if (e instanceof SyncCallError && e.status === 404) return { messageKey: 'sync.error.not_found' };
    if (e instanceof SyncCallError && e.kind === 'identity') return { messageKey: 'sync.status.error.identity' };
    if (e instanceof SyncCallError && e.kind === 'server') return { messageKey: 'sync.status.error.server', params: { status: e.status ?? 0 } };
    return { messageKey: 'sync.status.error.network' };
  };

  async function fetchOne(sha: string, progress: ScanFetchProgress): Promise<void> {
    // What an earlier attempt kept, in this run or an earlier one.
    const kept = deps.cache.partial(sha);
    let size: number | null = kept?.size ?? null;
    let received = kept?.received ?? 0;
    if (size !== null) progress.totalBytes += size - received;
    while (size === null || received < size) {
      const res = await deps.source.get(`/v1/blobs/${sha}/content?offset=${received}&length=${pieceBytes}`);
      if (res.status !== 200) throw failureOf(res);
      const told = Number(res.headers[SIZE_HEADER]);
      if (!Number.isSafeInteger(told) || told < 0) throw new SyncCallError('server', 'scan size missing', res.status);
      if (size === null) progress.totalBytes += told;
      else if (told !== size) throw new Error(`scan ${sha.slice(0, 12)} changed size (${size} → ${told})`);
      size = told;
      if (res.body.length === 0 && received < size) throw new SyncCallError('server', 'empty piece', res.status);
      if (received + res.body.length > size) throw new Error(`scan ${sha.slice(0, 12)}: more bytes than its size`);
      deps.cache.appendPiece(sha, received, size, res.body);
      received += res.body.length;
      progress.doneBytes += res.body.length;
    }
    deps.cache.completePartial(sha);
    progress.fetched++;
  }

  async function run(shas: string[], progress: ScanFetchProgress): Promise<void> {
    try {
      for (const sha of shas) {
        if (deps.cache.get(sha)) {
          progress.fetched++;
          continue;
        }
        // Two applications may share a scan: one download appends to its pieces at a time.
        const running = inFlight.get(sha);
        if (running) {
          await running;
          if (deps.cache.get(sha)) {
            progress.fetched++;
            continue;
          }
        }
        const mine = fetchOne(sha, progress);
        inFlight.set(
          sha,
          mine.catch(() => undefined),
        );
        try {
          await mine;
        } finally {
          inFlight.delete(sha);
        }
      }
      progress.state = 'done';
    } catch (e) {
      // A damaged download is thrown away whole: the next try starts that scan again.
      if (!(e instanceof SyncCallError)) for (const sha of shas) deps.cache.dropPartial(sha);
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
