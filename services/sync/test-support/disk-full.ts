import * as nodeFs from 'node:fs';
import type { Db } from '../../store/database';
import type { BlobFs } from '../../store/attachments/blob-files';

// "The disk is full" for one workstation, switched on and off by a test: scan files fail with
// ENOSPC (the store's file layer) and the database cannot grow (SQLite max_page_count), as on a
// full disk where pages already allocated can still be rewritten.

export interface DiskFull {
  /** The file calls the workstation's store makes. */
  fs: BlobFs;
  readonly full: boolean;
  /** Fill (true) or free (false) the disk for this database and the scan files. */
  set(full: boolean, db: Db): void;
  /** A database opened again (a restart) gets the same state. */
  apply(db: Db): void;
}

const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });

const writes = (flags: unknown) => typeof flags === 'string' && /[wa+]/.test(flags);

export function diskFullSwitch(): DiskFull {
  let full = false;
  let roomy: number | undefined;
  const fs: BlobFs = {
    ...nodeFs,
    openSync: ((path: nodeFs.PathLike, flags?: nodeFs.OpenMode, mode?: nodeFs.Mode) => {
      if (full && writes(flags)) throw enospc();
      return nodeFs.openSync(path, flags ?? 'r', mode);
    }) as typeof nodeFs.openSync,
    writeSync: ((...args: Parameters<typeof nodeFs.writeSync>) => {
      if (full) throw enospc();
      return (nodeFs.writeSync as (...a: unknown[]) => number)(...args);
    }) as typeof nodeFs.writeSync,
  };
  const apply = (db: Db) => {
    roomy ??= db.pragma('max_page_count', { simple: true }) as number;
    const cap = full ? (db.pragma('page_count', { simple: true }) as number) : roomy;
    db.pragma(`max_page_count = ${cap}`);
  };
  return {
    fs,
    get full() {
      return full;
    },
    set(f, db) {
      full = f;
      apply(db);
    },
    apply,
  };
}
