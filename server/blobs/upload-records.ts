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

/**
 * The record of each unfinished upload (its size and declared SHA-256), one `<id>.json` beside its
 * file — the layout of @tus/file-store's own FileKvStore, so uploads begun before an upgrade
 * still resume. It uses the callback file API: the promise API opens a FileHandle object per
 * call, which on a busy node costs more main-thread time than the small write itself, and a
 * server node takes thousands of scans in a drain after an outage.
 */
export class UploadRecords implements KvStore<Upload> {
  constructor(private readonly directory: string) {}

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error('not an upload id');
    return join(this.directory, `${key}.json`);
  }

  async get(key: string): Promise<Upload | undefined> {
    try {
      return JSON.parse(await readFileP(this.pathOf(key), 'utf8')) as Upload;
    } catch {
      return undefined;
    }
  }

  async set(key: string, value: Upload): Promise<void> {
    await writeFileP(this.pathOf(key), JSON.stringify(value), { mode: 0o600 });
  }

  async delete(key: string): Promise<void> {
    await unlinkP(this.pathOf(key)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }

  async list(): Promise<string[]> {
    const names = new Set(await readdirP(this.directory));
    return [...names].filter((n) => n.endsWith('.json') && KEY.test(basename(n, '.json')) && names.has(basename(n, '.json'))).map((n) => basename(n, '.json'));
  }
}
