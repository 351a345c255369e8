// Scans go to the server a few at a time, from one queue that outlives a push round. A round waits
// for its own scans only, then pushes its ops; meanwhile the scans of the rounds after it are
// already queued, so the lanes never stand idle while a push is answered. (Each round once waited
// for its own scans and the next round's, then pushed: at 1,000 applications after an outage the
// lanes stood idle 30–130 ms per 20 MB round, a tenth of the drain — sync-drain.bench.ts.)
//
// - One upload per scan, however many rounds or ops want it.
// - Queue order is the order wanted: a round's own scans were wanted before the later rounds' ones
//   that are fetched ahead, so they go first.
// - A failure fails the scan it happened to, and whoever waits for it. Scans queued only ahead
//   (nobody waits for them yet) are dropped from the queue then: the server or the network is in
//   trouble, and the lanes must be free when the failed round is tried again. A round's own
//   scans are all tried, as before; its first failure is what it throws.

export interface UploadLanes {
  /** Resolves once every one of these scans is on the server; rejects with the first failure once all of them settled. */
  send(shas: readonly string[]): Promise<void>;
  /** Queues these scans behind what is queued, for a round still to come. Nobody waits: a failure is met again when their round sends them. */
  prefetch(shas: readonly string[]): void;
  /** Scans waiting for a lane (not the ones on their way). */
  queued(): number;
  /** Takes no more scans: those queued are refused with `stopped()`; resolves once the lanes are idle. */
  close(): Promise<void>;
}

interface Queued {
  sha: string;
  /** A round waits for it (else it was only fetched ahead). */
  awaited: boolean;
  done: Promise<void>;
  resolve: () => void;
  reject: (e: unknown) => void;
}

export function createUploadLanes(opts: {
  /** How many scans may be on their way at once, asked before each scan is started. */
  lanes: () => number;
  /** Sends one scan (resumes it where it was cut off). */
  upload: (sha: string) => Promise<unknown>;
  /** On the server already (recorded here). */
  isDone: (sha: string) => boolean;
  /** The error a scan queued when the lanes close is refused with. */
  stopped: () => Error;
}): UploadLanes {
  const queue: Queued[] = [];
  const bySha = new Map<string, Queued>();
  const onTheWay = new Map<string, Promise<void>>();
  const running = new Set<Promise<void>>();
  let closed = false;

  const enqueue = (sha: string, awaited: boolean): Promise<void> => {
    if (opts.isDone(sha)) return Promise.resolve();
    const going = onTheWay.get(sha);
    if (going) return going;
    const waiting = bySha.get(sha);
    if (waiting) {
      waiting.awaited ||= awaited;
      return waiting.done;
    }
    if (closed) return Promise.reject(opts.stopped());
    let resolve!: () => void;
    let reject!: (e: unknown) => void;
    const done = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Fetched ahead, nobody may ever look at its failure.
    done.catch(() => {});
    const q: Queued = { sha, awaited, done, resolve, reject };
    queue.push(q);
    bySha.set(sha, q);
    startLanes();
    return done;
  };

  const dropAhead = (failure: unknown) => {
    for (let i = queue.length - 1; i >= 0; i--) {
      const q = queue[i]!;
      if (q.awaited) continue;
      queue.splice(i, 1);
      bySha.delete(q.sha);
      q.reject(failure);
    }
  };

  const lane = async () => {
    // Fewer lanes wanted (a clerk started typing): the surplus lanes end after their scan.
    for (let q = queue.shift(); q !== undefined; q = running.size > opts.lanes() ? undefined : queue.shift()) {
      bySha.delete(q.sha);
      const sending = Promise.resolve()
        .then(() => opts.upload(q.sha))
        .then(() => undefined);
      onTheWay.set(q.sha, sending);
      try {
        await sending;
        q.resolve();
      } catch (e) {
        q.reject(e);
        dropAhead(e);
      } finally {
        onTheWay.delete(q.sha);
      }
      // More lanes wanted again (the clerk stopped typing): they start as this one goes on.
      startLanes();
    }
  };

  const startLanes = () => {
    while (!closed && running.size < opts.lanes() && queue.length > 0) {
      const r = lane().finally(() => running.delete(r));
      running.add(r);
    }
  };

  return {
    async send(shas) {
      const settled = await Promise.allSettled([...new Set(shas)].map((sha) => enqueue(sha, true)));
      const failed = settled.find((s) => s.status === 'rejected');
      if (failed) throw failed.reason;
    },
    prefetch(shas) {
      for (const sha of shas) void enqueue(sha, false);
    },
    queued: () => queue.length,
    async close() {
      closed = true;
      for (const q of queue.splice(0)) {
        bySha.delete(q.sha);
        q.reject(opts.stopped());
      }
      await Promise.allSettled([...running]);
    },
  };
}
