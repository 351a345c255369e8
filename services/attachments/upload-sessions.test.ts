import { describe, expect, it } from 'vitest';
import { UploadError, UploadSessions } from './upload-sessions';

const meta = (size: number) => ({ applicationId: 'a1', slot: 'lr:p1:id', fileName: 'scan.pdf', size });
const problem = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof UploadError ? e.problem : 'other';
  }
  return 'none';
};

describe('upload sessions', () => {
  it('reassembles chunks in order and reports progress', () => {
    const u = new UploadSessions({ maxBytes: 100 });
    const id = u.begin(meta(6));
    expect(u.chunk(id, 0, Buffer.from('abc'))).toEqual({ received: 3, size: 6 });
    expect(u.chunk(id, 1, Buffer.from('def'))).toEqual({ received: 6, size: 6 });
    expect(u.commit(id).bytes.toString()).toBe('abcdef');
    expect(problem(() => u.commit(id))).toBe('unknown_upload');
  });

  it.each([
    ['announced size over the limit', (u: UploadSessions) => u.begin(meta(101)), 'too_large'],
    ['a chunk out of order', (u: UploadSessions) => u.chunk(u.begin(meta(6)), 1, Buffer.from('abc')), 'out_of_order'],
    ['more bytes than announced', (u: UploadSessions) => u.chunk(u.begin(meta(2)), 0, Buffer.from('abc')), 'size_mismatch'],
    ['commit before all bytes', (u: UploadSessions) => u.commit(u.begin(meta(6))), 'size_mismatch'],
    ['an unknown upload', (u: UploadSessions) => u.chunk('nope', 0, Buffer.from('a')), 'unknown_upload'],
  ])('refuses %s', (_name, act, expected) => {
    expect(problem(() => act(new UploadSessions({ maxBytes: 100 })))).toBe(expected);
  });

  it('bounds the number of open uploads and expires abandoned ones', () => {
    let now = 0;
    const u = new UploadSessions({ maxBytes: 100, maxOpen: 2, ttlMs: 1000, now: () => now });
    u.begin(meta(1));
    const second = u.begin(meta(1));
    expect(problem(() => u.begin(meta(1)))).toBe('too_many_uploads');
    now = 500;
    u.chunk(second, 0, Buffer.from('x'));
    now = 1200; // the first one has been idle for 1200 ms, the second for 700 ms
    u.begin(meta(1));
    expect(u.commit(second).bytes.toString()).toBe('x');
  });
});
