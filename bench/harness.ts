// A tiny benchmark harness. These machines are noisy, so a figure means little alone:
// every subject is measured beside a baseline in the same run and reported as a ratio.
// No thresholds here: `npm run bench` prints, people judge (and issues record the figures).

export interface Stats {
  label: string;
  samples: number;
  p50: number; // ms
  p99: number; // ms
  mean: number; // ms
}

export interface MeasureOptions {
  iterations?: number;
  warmup?: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

export function summarise(label: string, durationsMs: number[]): Stats {
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const mean = sorted.reduce((s, x) => s + x, 0) / (sorted.length || 1);
  return { label, samples: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), mean };
}

/** Time each call of `fn` (sync or async) separately. */
export async function measure(label: string, fn: (i: number) => unknown, opts: MeasureOptions = {}): Promise<Stats> {
  const { iterations = 200, warmup = Math.min(20, iterations) } = opts;
  for (let i = 0; i < warmup; i++) await fn(i);
  const durations: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await fn(i);
    durations.push(performance.now() - t0);
  }
  return summarise(label, durations);
}

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(4));

export interface Reporter {
  /** Subject vs baseline, both measured in this run. */
  compare(title: string, baseline: Stats, subject: Stats): void;
  /** A single number (e.g. a size) beside its baseline. */
  figure(title: string, unit: string, baseline: { label: string; value: number }, subject: { label: string; value: number }): void;
  note(text: string): void;
}

export const consoleReporter: Reporter = {
  compare(title, baseline, subject) {
    const ratio = subject.p50 / baseline.p50;
    console.log(`\n## ${title}`);
    for (const s of [baseline, subject]) {
      console.log(`  ${s.label.padEnd(48)} p50 ${fmt(s.p50).padStart(9)} ms   p99 ${fmt(s.p99).padStart(9)} ms   n=${s.samples}`);
    }
    console.log(`  ratio (p50 subject / baseline): ${ratio.toFixed(2)}x   p99 ratio: ${(subject.p99 / baseline.p99).toFixed(2)}x`);
  },
  figure(title, unit, baseline, subject) {
    console.log(`\n## ${title}`);
    console.log(`  ${baseline.label.padEnd(48)} ${baseline.value.toFixed(1)} ${unit}`);
    console.log(`  ${subject.label.padEnd(48)} ${subject.value.toFixed(1)} ${unit}`);
    console.log(`  ratio: ${(subject.value / baseline.value).toFixed(2)}x`);
  },
  note(text) {
    console.log(`  ${text}`);
  },
};

/** Each `bench/*.bench.ts` default-exports one of these. */
export type BenchSuite = (report: Reporter) => Promise<void>;
