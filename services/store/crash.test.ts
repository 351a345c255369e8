import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { openTestStore, tempStoreDir } from './test-support';

const CHILD = join(import.meta.dirname, 'crash-child.ts');

/** Run the child until it acknowledged `minAcks` saves, then SIGKILL it; returns the last ack. */
function runAndKill(dir: string, key: Buffer, minAcks: number): Promise<{ id: string; revision: number; typedLength: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, key.toString('hex')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buf = '';
    let acks = 0;
    let last: { id: string; revision: number; typedLength: number } | undefined;
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      buf += c.toString();
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const line of lines) {
        const [, id, rev, len] = line.split(' ');
        if (!id || !rev) continue;
        last = { id, revision: Number(rev), typedLength: Number(len ?? 0) };
        if (++acks === minAcks) child.kill('SIGKILL');
      }
    });
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL' || !last) reject(new Error(`child ended without being killed: ${stderr}`));
      else resolve(last);
    });
  });
}

describe('crash safety', () => {
  let t: ReturnType<typeof tempStoreDir> | undefined;
  afterEach(() => t?.cleanup());

  it('after kill -9 the draft reopens with at least the last acknowledged revision, consistent and intact', async () => {
    t = tempStoreDir();
    const last = await runAndKill(t.dir, t.key, 150);
    const store = openTestStore(t.dir, t.key);
    const rec = store.applications.get(last.id);
    expect(rec).toBeDefined();
    // The child may have committed one more save than it managed to print.
    expect(rec?.revision ?? 0).toBeGreaterThanOrEqual(last.revision);
    expect(rec?.revision ?? 0).toBeLessThanOrEqual(last.revision + 1);
    const typed = (rec?.data as { typed: string }).typed;
    expect(typed.length).toBe((rec?.revision ?? 0) - 1);
    expect(typed.length).toBeGreaterThanOrEqual(last.typedLength);
    const h = store.health();
    expect(h.integrity).toBe('ok');
    expect(store.audit.verify()).toMatchObject({ ok: true });
    expect(store.audit.forSubject(last.id)).toHaveLength(rec?.revision ?? -1);
    expect(store.applications.search('1234567').map((s) => s.id)).toEqual([last.id]);
    store.close();
  }, 60_000);
});
