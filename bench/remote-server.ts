import { readdirSync, readFileSync } from 'node:fs';
import { setPriority } from 'node:os';

// In production the central API and its PostgreSQL are other machines. In a bench they share
// this one's two cores with the workstation being measured, so every thread of theirs runs at the
// lowest CPU priority: they get every cycle the workstation leaves, and do not take its turn as a
// remote server could not. Niceness is per thread on Linux and a thread inherits it only when it
// is made, so the threads (libuv's pool, V8's helpers) and PostgreSQL backends started later are
// caught by looking again every half second.

const LOWEST = 19;

/** Every thread of `pids`, and every PostgreSQL process serving a test database (`cdtest_…`), at the lowest priority until `stop()`. */
export function runAsRemote(pids: () => number[]): { stop(): void } {
  const pass = () => {
    if (process.platform !== 'linux') return;
    for (const pid of pids()) lowerThreads(pid);
    for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
      try {
        if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
        if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('cdtest_')) lowerThreads(Number(pid));
      } catch {
        // gone meanwhile
      }
    }
  };
  pass();
  const timer = setInterval(pass, 500);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

function lowerThreads(pid: number): void {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return;
  }
  for (const tid of tids) {
    try {
      setPriority(Number(tid), LOWEST);
    } catch {
      // gone meanwhile, or not ours to change
    }
  }
}
