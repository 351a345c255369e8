import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ABANDONED_UPLOAD_DAYS, sweepAbandonedUploads } from './abandoned-uploads';

// The upload directory does not grow for ever: an upload nobody touched for a week goes, one
// still being written (or paused a day) stays, and nothing that is not an upload is touched.

describe('abandoned uploads', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('removes uploads untouched for a week, keeps recent ones and anything that is not an upload', async () => {
    dir = mkdtempSync(join(tmpdir(), 'counterdesk-uploads-'));
    const now = new Date('2031-05-20T10:00:00Z');
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    const put = (name: string, at: Date) => {
      writeFileSync(join(dir!, name), 'x');
      utimesSync(join(dir!, name), at, at);
    };
    const old = 'a'.repeat(32);
    const paused = 'b'.repeat(32);
    const orphanFile = 'c'.repeat(32); // a creation cut off: a file, no record
    const recentRecordOldFile = 'd'.repeat(32);
    put(old, daysAgo(ABANDONED_UPLOAD_DAYS + 1));
    put(`${old}.json`, daysAgo(ABANDONED_UPLOAD_DAYS + 1));
    put(paused, daysAgo(1));
    put(`${paused}.json`, daysAgo(2));
    put(orphanFile, daysAgo(30));
    put(recentRecordOldFile, daysAgo(30));
    put(`${recentRecordOldFile}.json`, daysAgo(0));
    put('README', daysAgo(400));

    expect(await sweepAbandonedUploads(dir, now)).toBe(2);
    expect(existsSync(join(dir, old))).toBe(false);
    expect(existsSync(join(dir, `${old}.json`))).toBe(false);
    expect(existsSync(join(dir, orphanFile))).toBe(false);
    expect(existsSync(join(dir, paused))).toBe(true);
    expect(existsSync(join(dir, `${paused}.json`))).toBe(true);
    expect(existsSync(join(dir, recentRecordOldFile))).toBe(true);
    expect(existsSync(join(dir, 'README'))).toBe(true);
  });

  it('a missing directory is nothing to sweep', async () => {
    expect(await sweepAbandonedUploads(join(tmpdir(), 'counterdesk-no-such-dir-', String(process.pid)), new Date('2031-05-20T10:00:00Z'))).toBe(0);
  });
});
