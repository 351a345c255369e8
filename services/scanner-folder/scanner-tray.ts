import { createHash } from 'node:crypto';
import { constants, lstatSync, mkdirSync, readdirSync, rmSync, unlinkSync, watch, type FSWatcher } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Most counter scanners save each scan as a file in a folder. The tray watches that folder
 * and lists each new file once it has stopped growing (a scanner writes a multi-page PDF
 * over several seconds), until the clerk assigns it to a checklist item. An assigned file is
 * deleted once its encrypted copy is committed to the store (which is atomic and fsync'd):
 * a plain copy of an ID card left in a folder would defeat encryption at rest and retention
 * (issue 4). Earlier versions moved them to `assigned/`; what is left there is removed at start.
 */
export interface TrayItem {
  /** Stable for the same file name and size, so a re-listing does not reshuffle the tray. */
  id: string;
  fileName: string;
  size: number;
  detectedAt: string;
  /** A link, a device, a pipe or a file with other names elsewhere: listed so the clerk can remove it, never read. */
  notPlainFile?: true;
}

export interface ScannerTrayOptions {
  folder: string;
  /** A file must keep the same size and mtime for this long before it is offered. */
  settleMs?: number;
  /** Polling interval; fs.watch is used too, but network shares often do not deliver events. */
  pollMs?: number;
  /** The core's clock (services/core/clock.ts): never the machine's own. */
  clock: () => Date;
}

interface Candidate {
  size: number;
  mtimeMs: number;
  since: number;
}

const IGNORED = /^(\.|~\$)|\.(tmp|part|crdownload)$/i;
export const ASSIGNED_SUBFOLDER = 'assigned';

export class ScannerTray {
  private readonly settleMs: number;
  private readonly pollMs: number;
  private readonly clock: () => Date;
  private readonly candidates = new Map<string, Candidate>();
  private readonly ready = new Map<string, TrayItem>();
  private watcher: FSWatcher | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly opts: ScannerTrayOptions) {
    this.settleMs = opts.settleMs ?? 1500;
    this.pollMs = opts.pollMs ?? 1000;
    this.clock = opts.clock;
  }

  start(): void {
    mkdirSync(this.opts.folder, { recursive: true });
    rmSync(join(this.opts.folder, ASSIGNED_SUBFOLDER), { recursive: true, force: true });
    this.scan();
    try {
      this.watcher = watch(this.opts.folder, () => this.scan());
      this.watcher.on('error', () => this.watcher?.close());
    } catch {
      this.watcher = null; // polling alone still works
    }
    this.timer = setInterval(() => this.scan(), this.pollMs);
    this.timer.unref?.();
  }

  stop(): void {
    this.watcher?.close();
    if (this.timer) clearInterval(this.timer);
    this.watcher = null;
    this.timer = null;
  }

  /** Look at the folder now; safe to call any time (tests call it instead of waiting). */
  scan(): void {
    const now = this.clock().getTime();
    let names: string[];
    try {
      names = readdirSync(this.opts.folder);
    } catch {
      return; // folder unplugged: keep what we know, try again next tick
    }
    const present = new Set<string>();
    for (const name of names) {
      if (IGNORED.test(name)) continue;
      let st;
      try {
        // lstat: a link is judged as a link, never as what it points to (issue 12, item 8).
        st = lstatSync(join(this.opts.folder, name));
      } catch {
        continue;
      }
      if (st.isDirectory()) continue;
      present.add(name);
      if (!isPlainFile(st)) {
        this.candidates.delete(name);
        if (!this.ready.has(name)) {
          this.ready.set(name, {
            id: createHash('sha256').update(`${name}\0link\0${st.ino}`).digest('hex').slice(0, 24),
            fileName: name,
            size: 0,
            detectedAt: this.clock().toISOString(),
            notPlainFile: true,
          });
        }
        continue;
      }
      const prev = this.candidates.get(name);
      if (!prev || prev.size !== st.size || prev.mtimeMs !== st.mtimeMs) {
        this.candidates.set(name, { size: st.size, mtimeMs: st.mtimeMs, since: now });
        this.ready.delete(name);
        continue;
      }
      if (!this.ready.has(name) && now - prev.since >= this.settleMs && st.size > 0) {
        this.ready.set(name, {
          id: createHash('sha256').update(`${name}\0${st.size}\0${st.mtimeMs}`).digest('hex').slice(0, 24),
          fileName: name,
          size: st.size,
          detectedAt: this.clock().toISOString(),
        });
      }
    }
    for (const name of [...this.candidates.keys()]) {
      if (!present.has(name)) {
        this.candidates.delete(name);
        this.ready.delete(name);
      }
    }
  }

  list(): TrayItem[] {
    return [...this.ready.values()].sort((a, b) => a.detectedAt.localeCompare(b.detectedAt) || a.fileName.localeCompare(b.fileName));
  }

  /** Reads a settled file's bytes for the caller to store. Throws if it is gone or changed. */
  async read(id: string): Promise<{ item: TrayItem; bytes: Buffer }> {
    const item = [...this.ready.values()].find((i) => i.id === id);
    if (!item || item.notPlainFile) throw new TrayItemGone(id);
    const bytes = await readPlainFile(this.opts.folder, item.fileName, item.size);
    if (!bytes) throw new TrayItemGone(id);
    return { item, bytes };
  }

  /** After the bytes are safely stored (encrypted, committed): the plain file goes. */
  markAssigned(id: string): void {
    const item = [...this.ready.values()].find((i) => i.id === id);
    if (!item) return;
    unlinkSync(join(this.opts.folder, item.fileName));
    this.ready.delete(item.fileName);
    this.candidates.delete(item.fileName);
  }
}

type Stat = ReturnType<typeof lstatSync> & object;

/** A regular file with no other name: not a link, device, pipe or socket, nor a hard link to a file elsewhere. */
function isPlainFile(st: Stat): boolean {
  return st.isFile() && !st.isSymbolicLink() && Number(st.nlink) <= 1;
}

/** O_NOFOLLOW where the platform has it (not on Windows, where lstat and realpath still apply). */
const NO_FOLLOW = (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * The bytes of a file directly in `folder`, or null when it is gone, changed size, or is not a
 * plain file there: the name is opened without following links, the open file is checked (not
 * the name, which could be swapped after the check), and its real path must be in the folder.
 */
export async function readPlainFile(folder: string, fileName: string, expectedSize: number): Promise<Buffer | null> {
  const path = join(folder, fileName);
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | NO_FOLLOW);
  } catch {
    return null; // ELOOP: a link; ENOENT: gone
  }
  try {
    const st = await handle.stat();
    if (!isPlainFile(st) || st.size !== expectedSize) return null;
    const [realFolder, realFile] = await Promise.all([realpath(folder), realpath(path)]);
    if (dirname(realFile) !== realFolder) return null;
    const bytes = Buffer.alloc(expectedSize);
    let off = 0;
    while (off < expectedSize) {
      const { bytesRead } = await handle.read(bytes, off, expectedSize - off, off);
      if (bytesRead === 0) return null; // shrank while being read
      off += bytesRead;
    }
    return bytes;
  } catch {
    return null;
  } finally {
    await handle.close();
  }
}

export class TrayItemGone extends Error {
  constructor(readonly itemId: string) {
    super(`Scanner tray item ${itemId} is no longer in the folder`);
    this.name = 'TrayItemGone';
  }
}
