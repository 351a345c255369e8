/** Capped exponential backoff with full jitter: a random delay in [0, min(cap, base·2^attempt)). */
export function backoffDelay(attempt: number, random: () => number, baseMs: number, capMs: number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

/** A sleep that `wake()` or `close()` cuts short (retry now, shutting down). */
export function createWaker() {
  let wakeUp: (() => void) | null = null;
  let timer: NodeJS.Timeout | null = null;
  return {
    sleep(ms: number): Promise<void> {
      return new Promise((resolve) => {
        wakeUp = () => {
          if (timer) clearTimeout(timer);
          timer = null;
          wakeUp = null;
          resolve();
        };
        timer = setTimeout(() => wakeUp?.(), ms);
      });
    },
    wake(): void {
      wakeUp?.();
    },
  };
}
