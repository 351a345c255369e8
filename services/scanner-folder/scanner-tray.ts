import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync, unlinkSync, watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

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
}

export interface ScannerTrayOptions {
  folder: string;
  /** A file must keep the same size and mtime for this long before it is offered. */
  settleMs?: number;
  /** Polling interval; fs.watch is used too, but network shares often do not deliver events. */
  pollMs?: number;
  clock?: () => Date;
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
    this.clock = opts.clock ?? (() => new Date());
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
        st = statSync(join(this.opts.folder, name));
      } catch {
        continue;
      }
      if (!st.isFile()) continue;
      present.add(name);
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
    if (!item) throw new TrayItemGone(id);
    const bytes = await readFile(join(this.opts.folder, item.fileName)).catch(() => null);
    if (!bytes || bytes.length !== item.size) throw new TrayItemGone(id);
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

export class TrayItemGone extends Error {
  constructor(readonly itemId: string) {
    super(`Scanner tray item ${itemId} is no longer in the folder`);
    this.name = 'TrayItemGone';
  }
}
