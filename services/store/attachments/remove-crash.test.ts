import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openTestStore, tempStoreDir } from '../test-support';
import { scanFixtures } from './fixtures';

const CHILD = join(import.meta.dirname, 'remove-crash-child.ts');

/** Run the child until it prints the moment, SIGKILL it there; returns the attachment id. */
function killAt(dir: string, key: Buffer, when: 'inside' | 'committed'): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, key.toString('hex'), when], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let id: string | undefined;
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /^(?:removed-not-committed|committed) (\S+)$/m.exec(out);
      if (m && !id) {
        id = m[1];
        child.kill('SIGKILL');
      }
    });
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' && id ? resolve(id) : reject(new Error(`child ended without being killed: ${err}`))));
  });
}

const scanFiles = (dir: string): string[] => {
  try {
    return readdirSync(join(dir, 'scans'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name);
  } catch {
    return [];
  }
};

// Issue 12, item 11: a crash while removing a scan left its row pointing at a deleted file
// (2 of 20 kill -9 runs), broken across restarts.
describe('kill -9 while a scan is being removed', () => {
  let t: ReturnType<typeof tempStoreDir> | undefined;
  afterEach(() => t?.cleanup());

  it('before the outer transaction commits: the scan is still there after restart, and its file opens', async () => {
    t = tempStoreDir();
    const id = await killAt(t.dir, t.key, 'inside');
    const store = openTestStore(t.dir, t.key);
    expect(store.attachments.get(id)?.pages).toHaveLength(1);
    expect(store.attachments.read(id).equals(scanFixtures.png)).toBe(true);
    expect(scanFiles(t.dir)).toHaveLength(1);
    store.close();
  }, 60_000);

  it('after it commits but before the file is deleted: the scan is gone and its file is swept at the next start', async () => {
    t = tempStoreDir();
    const id = await killAt(t.dir, t.key, 'committed');
    // The plain-text copy never existed; what is left is the encrypted file no row points to.
    expect(scanFiles(t.dir)).toHaveLength(1);
    const store = openTestStore(t.dir, t.key);
    expect(store.attachments.get(id)).toBeUndefined();
    expect(scanFiles(t.dir)).toEqual([]);
    store.close();
  }, 60_000);
});
