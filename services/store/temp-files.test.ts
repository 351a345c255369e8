import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

const CHILD = join(import.meta.dirname, 'temp-files-child.ts');

// Issue 12, item 10: with the same library and pragmas a large sort wrote a 30 MB temp file
// holding personal data in clear (the database itself is encrypted; its temp files were not).
describe('SQLite temporary files', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it.skipIf(process.platform !== 'linux')(
    'a large sort leaves no file in the temp directory, open or closed, and no personal data in clear',
    () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'cd-db-'));
      const tempDir = mkdtempSync(join(tmpdir(), 'cd-sqlite-tmp-'));
      dirs.push(dataDir, tempDir);
      const marker = `澳門測試個人資料-${randomBytes(6).toString('hex')}`;
      const r = spawnSync(process.execPath, ['--import', 'tsx', CHILD, join(dataDir, 'store.db'), randomBytes(32).toString('hex'), tempDir, marker], {
        env: { ...process.env, SQLITE_TMPDIR: tempDir },
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(r.status, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { during: { path: string; holdsMarker: boolean }[]; left: string[] };
      expect(out.during).toEqual([]);
      expect(out.left).toEqual([]);
    },
    150_000,
  );
});
