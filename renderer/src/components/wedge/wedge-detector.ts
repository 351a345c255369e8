// A USB 2D scanner in keyboard-wedge mode "types" what it read and presses Enter. This pure
// state machine tells such a scan from a clerk's typing by what is typed — a known prefix, then
// digits, a plausible length and a valid check digit — not by speed alone: scanners type at
// 10 ms (Honeywell) to 80 ms (Zebra) a key, a quick typist at 60 ms (issue 16).
//
// Chinese input methods (Cangjie, Quick, Pinyin) get the keys first: the page sees
// `key: "Process"` / keyCode 229 instead of the digit, and some IMEs in Electron on Windows
// send only the keyup (electron#31707). So the character is read from `event.code`, the
// physical key, on keydown — or on keyup when no keydown for that key came. `event.code` is
// also layout-proof: on a French (AZERTY) layout the digit row types "&é\"'" without Shift,
// yet `Digit1`…`Digit0` are what the scanner meant.
//
// While a burst matches the prefix its keys are held back from the focused field; when it
// turns out not to be a scan (another key, Enter too early, a pause) the held characters are
// released to the caller, who types them into the field after all.

export interface WedgeFormat {
  /** What every scan of this kind starts with, digits only. */
  prefix: string;
  /** Shortest and longest valid text, prefix and check digits included. */
  minLength: number;
  maxLength: number;
  /** The check digits of the whole text are right. */
  checkDigitValid(text: string): boolean;
}

/** The parts of a KeyboardEvent the detector reads (a real event satisfies it). */
export interface WedgeKey {
  type: 'keydown' | 'keyup';
  code: string;
  key: string;
  /** Milliseconds, any origin (event.timeStamp). */
  timeStamp: number;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  repeat?: boolean;
}

export type ScanProblem = 'length' | 'check_digit';

export interface WedgeScan {
  text: string;
  /** Prefix, length and check digit all right: a scan of the expected kind, read whole. */
  recognised: boolean;
  /** Why not, when not: 'check_digit' means the scanner misread or dropped a key — scan again. */
  problem?: ScanProblem;
}

export interface WedgeOutcome {
  /** Stop the key reaching the page (preventDefault + stopPropagation). */
  swallow: boolean;
  /** Characters held back that turned out to be typing: put them into the focused field. */
  release?: string;
  scan?: WedgeScan;
}

/** A pause this long inside a burst means a person, not a scanner (80 ms/key scanners stay far below). */
export const WEDGE_IDLE_MS = 1000;
/**
 * A prefixed burst ended by Enter at least this long is treated as a (damaged) scan even when
 * too short for the format: no field the clerk types in (ID and entity numbers) is this long,
 * and a scanner that dropped keys must be told "scan again", not fill a field with digits.
 */
export const WEDGE_MIN_BURST = 41;
/** Beyond this, keep swallowing but stop storing: the text is reported as too long anyway. */
export const WEDGE_MAX_HELD = 8000;

const PASS: WedgeOutcome = { swallow: false };

/** The digit a physical key types, from `event.code` (never `event.key`, which an IME replaces by "Process"). */
export function digitOfCode(code: string): string | null {
  const m = /^(?:Digit|Numpad)([0-9])$/.exec(code);
  return m ? m[1]! : null;
}

const isEnter = (code: string) => code === 'Enter' || code === 'NumpadEnter';

export class WedgeDetector {
  private held = '';
  private overflow = false;
  private lastAt = -Infinity;
  /** Keys whose keydown we saw and whose keyup has not come yet. */
  private readonly down = new Set<string>();
  /** Keydowns we swallowed, so their keyups (which may come after the burst ended) are swallowed too. */
  private readonly swallowedDowns = new Set<string>();

  constructor(private readonly format: WedgeFormat) {}

  /** True while a burst matching the prefix is being held back. */
  get holding(): boolean {
    return this.held.length > 0;
  }

  /** Feed every keydown and keyup (capture phase, before any field sees them). */
  feed(e: WedgeKey): WedgeOutcome {
    const idle = this.idle(e.timeStamp);
    const out = this.step(e);
    if (idle && out.release === undefined) return { ...out, release: idle };
    if (idle) return { ...out, release: idle + out.release };
    return out;
  }

  /** Call when no key came for a while: returns held characters to release after a pause. */
  tick(now: number): string | undefined {
    return this.idle(now) || undefined;
  }

  private idle(now: number): string {
    if (!this.held || now - this.lastAt < WEDGE_IDLE_MS) return '';
    // A person typed the start of the prefix and stopped: their characters, not a scan.
    return this.drop();
  }

  private drop(): string {
    const text = this.held;
    this.held = '';
    this.overflow = false;
    return text;
  }

  private step(e: WedgeKey): WedgeOutcome {
    if (e.ctrlKey || e.altKey || e.metaKey) {
      // A shortcut, never part of a scan: whatever was held was typing.
      this.down.clear();
      return this.held ? { swallow: false, release: this.drop() } : PASS;
    }
    // One character per physical press: on keydown, or on keyup when the IME ate the keydown.
    if (e.type === 'keydown') {
      if (e.repeat) return this.held ? { swallow: true } : PASS;
      this.down.add(e.code);
    } else if (this.down.delete(e.code)) {
      // The keyup of a key already counted on its keydown: swallow it if its keydown was.
      const downSwallowed = this.swallowedDowns.delete(e.code);
      return { swallow: downSwallowed || this.held.length > 0 };
    }
    const outcome = this.press(e);
    if (e.type === 'keydown' && outcome.swallow) this.swallowedDowns.add(e.code);
    return outcome;
  }

  private press(e: WedgeKey): WedgeOutcome {
    const digit = digitOfCode(e.code);
    const { prefix } = this.format;
    if (digit !== null) {
      const next = this.held + digit;
      const matches = next.length <= prefix.length ? prefix.startsWith(next) : next.startsWith(prefix);
      if (matches) {
        if (this.held.length < WEDGE_MAX_HELD) this.held = next;
        else this.overflow = true;
        this.lastAt = e.timeStamp;
        return { swallow: true };
      }
      if (!this.held) return PASS;
      // Not our prefix after all: give back what was held, then start again from this digit.
      const release = this.drop();
      const again = this.press(e);
      return { ...again, release: release + (again.release ?? '') };
    }
    if (isEnter(e.code)) {
      if (this.held.length > prefix.length && this.held.length >= Math.min(this.format.minLength, WEDGE_MIN_BURST)) {
        const overflow = this.overflow;
        const text = this.drop();
        return { swallow: true, scan: this.judge(text, overflow) };
      }
      return this.held ? { swallow: false, release: this.drop() } : PASS;
    }
    // Shift, Caps Lock and the like on their own change nothing; any other key ends the burst.
    if (/^(Shift|Control|Alt|Meta|CapsLock|NumLock)/.test(e.code) || e.code === '') return this.held ? { swallow: true } : PASS;
    return this.held ? { swallow: false, release: this.drop() } : PASS;
  }

  private judge(text: string, overflow: boolean): WedgeScan {
    const { minLength, maxLength } = this.format;
    if (overflow || text.length < minLength || text.length > maxLength) return { text, recognised: false, problem: 'length' };
    if (!this.format.checkDigitValid(text)) return { text, recognised: false, problem: 'check_digit' };
    return { text, recognised: true };
  }
}
