import { readFile, readdir, unlink, writeFile } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import type { KvStore, Upload } from '@tus/utils';

const readFileP = promisify(readFile);
const writeFileP = promisify(writeFile);
const unlinkP = promisify(unlink);
const readdirP = promisify(readdir);

/** tus upload ids only: a key is a file name in the upload directory, never a path. */
const KEY = /^[0-9a-f]{16,64}$/;
/** Records kept in memory: far more than the uploads a node has in flight at once. */
const RECENT_RECORDS = 1024;

/**
 * The record of each unfinished upload (its size and declared SHA-256), one `<id>.json` beside its
 * file — the layout of @tus/file-store's own FileKvStore, so uploads begun before an upgrade
 * still resume. It uses the callback file API: the promise API opens a FileHandle object per
 * call, which on a busy node costs more main-thread time than the small write itself, and a
 * server node takes thousands of scans in a drain after an outage.
 */
export class UploadRecords implements KvStore<Upload> {
  /**
   * The records this node wrote or read lately. A record never changes once written (an upload's
   * size and declared hash are fixed at its creation; its offset is its file's size), so a PATCH
   * on this node reads it from here, not from disk (four trips to libuv's threads each). One that
   * another node removed meanwhile is met as a missing file, as before.
   */
  private readonly recent = new Map<string, Upload>();

  constructor(private readonly directory: string) {}

  private remember(key: string, value: Upload): void {
    this.recent.delete(key);
    this.recent.set(key, value);
    if (this.recent.size > RECENT_RECORDS) this.recent.delete(this.recent.keys().next().value as string);
  }

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error('not an upload id');
    return join(this.directory, `${key}.json`);
  }

  async get(key: string): Promise<Upload | undefined> {
    const path = this.pathOf(key);
    const known = this.recent.get(key);
    if (known) return structuredClone(known);
    try {
      const record = JSON.parse(await readFileP(path, 'utf8')) as Upload;
      this.remember(key, record);
      return structuredClone(record);
    } catch {
      return undefined;
    }
  }

  async set(key: string, value: Upload): Promise<void> {
    const text = JSON.stringify(value);
    await writeFileP(this.pathOf(key), text, { mode: 0o600 });
    this.remember(key, JSON.parse(text) as Upload);
  }

  async delete(key: string): Promise<void> {
    this.recent.delete(key);
    await unlinkP(this.pathOf(key)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }

  async list(): Promise<string[]> {
    const names = new Set(await readdirP(this.directory));
    return [...names].filter((n) => n.endsWith('.json') && KEY.test(basename(n, '.json')) && names.has(basename(n, '.json'))).map((n) => basename(n, '.json'));
  }
}
