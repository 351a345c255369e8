import * as nodeFs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { StoreError, toStoreError } from '../errors';

/** The file-system calls blob storage makes; tests inject failures (ENOSPC, EIO) here. */
export type BlobFs = Pick<
  typeof nodeFs,
  'openSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'renameSync' | 'unlinkSync' | 'readFileSync' | 'mkdirSync' | 'existsSync' | 'readdirSync' | 'statSync'
>;

export const realFs: BlobFs = nodeFs;

export function createBlobFiles(root: string, fs: BlobFs = realFs) {
  const pathOf = (name: string) => join(root, name.slice(0, 2), name);

  const fsyncDir = (dir: string) => {
    try {
      const fd = fs.openSync(dir, 'r');
      try {
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      /* not supported everywhere (Windows); the rename itself is atomic */
    }
  };

  return {
    pathOf,
    exists: (name: string) => fs.existsSync(pathOf(name)),
    /** Temp file, fsync, rename, fsync the directory: after a crash the file is whole or absent. */
    write(name: string, data: Buffer): void {
      const path = pathOf(name);
      const tmp = join(root, `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
      try {
        fs.mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
        const fd = fs.openSync(tmp, 'wx', 0o600);
        try {
          let off = 0;
          while (off < data.length) off += fs.writeSync(fd, data, off, data.length - off);
          fs.fsyncSync(fd);
        } finally {
          fs.closeSync(fd);
        }
        fs.renameSync(tmp, path);
        fsyncDir(dirname(path));
      } catch (e) {
        try {
          if (fs.existsSync(tmp)) fs.unlinkSync(tmp);
        } catch {
          /* the orphan sweep removes it later */
        }
        throw toStoreError(e, 'write scan file');
      }
    },
    read(name: string): Buffer {
      try {
        return fs.readFileSync(pathOf(name));
      } catch (e) {
        if ((e as { code?: string }).code === 'ENOENT') throw new StoreError('not_found', `scan file ${name.slice(0, 12)} is not on this workstation`);
        throw toStoreError(e, 'read scan file');
      }
    },
    remove(name: string): void {
      try {
        fs.unlinkSync(pathOf(name));
      } catch (e) {
        if ((e as { code?: string }).code !== 'ENOENT') throw toStoreError(e, 'remove scan file');
      }
    },
    /** Every stored blob name and leftover temp file (for the orphan sweep). */
    listAll(): { names: string[]; temps: string[] } {
      if (!fs.existsSync(root)) return { names: [], temps: [] };
      const names: string[] = [];
      const temps: string[] = [];
      for (const e of fs.readdirSync(root)) {
        if (e.startsWith('.tmp-')) temps.push(join(root, e));
        else if (/^[0-9a-f]{2}$/.test(e)) for (const f of fs.readdirSync(join(root, e))) names.push(f);
      }
      return { names, temps };
    },
    unlinkPath(path: string): void {
      try {
        fs.unlinkSync(path);
      } catch {
        /* already gone */
      }
    },
  };
}

export type BlobFiles = ReturnType<typeof createBlobFiles>;
