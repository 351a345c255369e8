import { readFileSync } from 'node:fs';

// What a bench phase asked of this machine's disks (Linux /proc/diskstats, whole disks only): the
// bytes written, the writes and the cache flushes (each fsync that reaches the device is one).
// Machine-wide: on an otherwise idle machine, the phase's own. Bytes written without a flush may
// reach the disk after the phase ends and count in the next one.

export interface DiskIo {
  writtenBytes: number;
  writes: number;
  flushes: number;
}

const SECTOR = 512;
const WHOLE_DISK = /^(vd[a-z]+|sd[a-z]+|xvd[a-z]+|nvme\d+n\d+|mmcblk\d+)$/;

export function diskSnapshot(): DiskIo {
  const out: DiskIo = { writtenBytes: 0, writes: 0, flushes: 0 };
  let text: string;
  try {
    text = readFileSync('/proc/diskstats', 'utf8');
  } catch {
    return out; // not Linux: nothing to say
  }
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (!WHOLE_DISK.test(f[2] ?? '')) continue;
    out.writes += Number(f[7]);
    out.writtenBytes += Number(f[9]) * SECTOR;
    out.flushes += Number(f[17] ?? 0);
  }
  return out;
}

export const diskBetween = (a: DiskIo, b: DiskIo): DiskIo => ({
  writtenBytes: b.writtenBytes - a.writtenBytes,
  writes: b.writes - a.writes,
  flushes: b.flushes - a.flushes,
});

export const describeDiskIo = (d: DiskIo): string => `${(d.writtenBytes / 1e6).toFixed(0)} MB written in ${d.writes} writes, ${d.flushes} cache flushes`;
