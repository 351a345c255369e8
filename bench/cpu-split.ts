import { readdirSync, readFileSync } from 'node:fs';

// Where a bench's CPU went, by thread (Linux /proc): the core's thread, the scan thread, the
// central API's process, PostgreSQL. On two shared cores the sum says whether a run was bound by
// the CPU or by waiting, and which side to make cheaper.

const TICK_MS = 10; // USER_HZ is 100 on every Linux Node runs on

/** Every thread's CPU time so far (ms), keyed `pid/tid`, with its process and thread names. */
export type CpuSnapshot = Map<string, ThreadCpu>;

export interface ThreadCpu {
  process: string;
  thread: string;
  /** Its nice value: the scan thread is the one at the core's + SCAN_THREAD_NICENESS (Node names every thread "node"). */
  nice: number;
  ms: number;
}

const stat = (path: string) => {
  const s = readFileSync(path, 'utf8');
  const name = s.slice(s.indexOf('(') + 1, s.lastIndexOf(')'));
  const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
  return { name, nice: Number(f[16]), ms: (Number(f[11]) + Number(f[12])) * TICK_MS };
};

export function cpuSnapshot(): CpuSnapshot {
  const out: CpuSnapshot = new Map();
  if (process.platform !== 'linux') return out;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const proc = stat(`/proc/${pid}/stat`).name;
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const t = stat(`/proc/${pid}/task/${tid}/stat`);
        out.set(`${pid}/${tid}`, { process: proc, thread: t.name, nice: t.nice, ms: t.ms });
      }
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/**
 * CPU (ms) spent between two snapshots, summed into the named groups: `classify` names a
 * thread's group (or undefined to leave it out). Threads that ended in between are not counted.
 */
export function cpuBetween(a: CpuSnapshot, b: CpuSnapshot, classify: (pid: number, tid: number, t: ThreadCpu) => string | undefined): Map<string, number> {
  const groups = new Map<string, number>();
  for (const [key, t] of b) {
    const [pid, tid] = key.split('/').map(Number) as [number, number];
    const group = classify(pid, tid, t);
    if (group === undefined) continue;
    const ms = t.ms - (a.get(key)?.ms ?? 0);
    if (ms > 0) groups.set(group, (groups.get(group) ?? 0) + ms);
  }
  return groups;
}
