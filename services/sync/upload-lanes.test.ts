import { describe, expect, it } from 'vitest';
import { createUploadLanes } from './upload-lanes';

// The lanes against a fake server whose every upload the test answers by hand.
function fakeServer(opts: { done?: string[] } = {}) {
  let lanes = 3;
  const done = new Set(opts.done ?? []);
  const started: string[] = [];
  const answers = new Map<string, { ok: () => void; fail: (e: Error) => void }>();
  const uploadLanes = createUploadLanes({
    lanes: () => lanes,
    upload: (sha) =>
      new Promise<void>((resolve, reject) => {
        started.push(sha);
        answers.set(sha, {
          ok: () => {
            done.add(sha);
            resolve();
          },
          fail: reject,
        });
      }),
    isDone: (sha) => done.has(sha),
    stopped: () => new Error('stopped'),
  });
  const settle = () => new Promise((r) => setImmediate(r));
  return { lanes: uploadLanes, started, done, answers, settle, setLanes: (n: number) => (lanes = n) };
}

describe('upload lanes', () => {
  it('sends three scans at a time, each once, and a round is done when its own scans are', async () => {
    const s = fakeServer({ done: ['already'] });
    let roundDone = false;
    const round = s.lanes.send(['a', 'b', 'already', 'a']).then(() => (roundDone = true));
    s.lanes.prefetch(['b', 'c', 'd', 'e']);
    await s.settle();
    expect(s.started).toEqual(['a', 'b', 'c']);
    expect(s.lanes.queued()).toBe(2);
    s.answers.get('a')!.ok();
    await s.settle();
    expect(roundDone).toBe(false);
    s.answers.get('b')!.ok();
    await s.settle();
    expect(roundDone).toBe(true);
    await round;
    expect(s.started).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('keeps sending the scans fetched ahead while nobody waits (the round’s ops are being pushed)', async () => {
    const s = fakeServer();
    const round = s.lanes.send(['a']);
    s.lanes.prefetch(['b', 'c', 'd', 'e', 'f']);
    await s.settle();
    s.answers.get('a')!.ok();
    await round;
    // Nobody waits for b…f: they go anyway, three at a time, as lanes free up.
    for (const sha of ['b', 'c', 'd']) s.answers.get(sha)!.ok();
    await s.settle();
    expect(s.started).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    // The next round finds them on the way or done: nothing is sent twice.
    const next = s.lanes.send(['b', 'c', 'd', 'e']);
    s.answers.get('e')!.ok();
    await next;
    expect(s.started.filter((x) => x === 'e')).toHaveLength(1);
  });

  it('a failure fails the round that waits for it once all of its scans were tried, and stops the work fetched ahead', async () => {
    const s = fakeServer();
    const round = s.lanes.send(['a', 'b', 'c', 'd']);
    s.lanes.prefetch(['x', 'y']);
    await s.settle();
    s.answers.get('a')!.fail(new Error('server away'));
    await s.settle();
    // The round's own d is still tried; the scans fetched ahead are not (the server is in trouble).
    expect(s.started).toEqual(['a', 'b', 'c', 'd']);
    expect(s.lanes.queued()).toBe(0);
    let failure: unknown;
    void round.catch((e: unknown) => (failure = e));
    for (const sha of ['b', 'c', 'd']) s.answers.get(sha)!.ok();
    await s.settle();
    expect((failure as Error).message).toBe('server away');
    // Their own round sends them later, and a again.
    const later = s.lanes.send(['a', 'x', 'y']);
    await s.settle();
    expect(s.started.slice(4)).toEqual(['a', 'x', 'y']);
    for (const sha of ['a', 'x', 'y']) s.answers.get(sha)!.ok();
    await later;
  });

  it('closing refuses what is queued and waits for the scans on their way', async () => {
    const s = fakeServer();
    const round = s.lanes.send(['a', 'b', 'c', 'd']);
    await s.settle();
    let closed = false;
    const closing = s.lanes.close().then(() => (closed = true));
    await s.settle();
    expect(closed).toBe(false);
    for (const sha of ['a', 'b', 'c']) s.answers.get(sha)!.ok();
    await closing;
    await expect(round).rejects.toThrow('stopped');
    expect(s.started).toEqual(['a', 'b', 'c']);
    await expect(s.lanes.send(['e'])).rejects.toThrow('stopped');
  });

  it('takes one lane fewer while asked to (a clerk typing), and all of them again after', async () => {
    const s = fakeServer();
    void s.lanes.send(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    await s.settle();
    expect(s.started).toEqual(['a', 'b', 'c']);
    s.setLanes(2);
    s.answers.get('a')!.ok();
    await s.settle();
    // a's lane ends: two on their way.
    expect(s.started).toEqual(['a', 'b', 'c']);
    s.answers.get('b')!.ok();
    await s.settle();
    expect(s.started).toEqual(['a', 'b', 'c', 'd']);
    s.setLanes(3);
    s.answers.get('c')!.ok();
    await s.settle();
    expect(s.started).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });
});
