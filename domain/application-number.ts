import type { LocalisedMessage } from '../i18n';

// Application numbers are made offline on each workstation, so uniqueness comes from the
// number's parts (service point + workstation + Macau date + per-workstation daily sequence),
// not from a central counter. A check character (ISO 7064 MOD 37,36) catches a mistyped
// number read back from a receipt or over the phone.
//   SP01-W03-20261123-0042-K

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const M = 36;

/** ISO 7064 hybrid system MOD 37,36 over 0-9A-Z. */
export function mod3736CheckChar(data: string): string {
  let p = M;
  for (const c of data) {
    const v = ALPHABET.indexOf(c);
    if (v < 0) throw new RangeError(`not alphanumeric: ${c}`);
    let s = (p + v) % M;
    if (s === 0) s = M;
    p = (2 * s) % (M + 1);
  }
  return ALPHABET[(M + 1 - p) % M] as string;
}

export interface ApplicationNumberParts {
  servicePoint: string; // 2–6 letters/digits
  workstation: string; // 1–4 letters/digits
  date: string; // YYYY-MM-DD (Macau day)
  sequence: number; // 1–9999 per workstation per day
}

const SERVICE_POINT = /^[A-Z0-9]{2,6}$/;
const WORKSTATION = /^[A-Z0-9]{1,4}$/;

function validDate(d: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  if (!m) return false;
  const [y, mo, da] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, da));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === da;
}

/** Throws on parts the caller should never produce (a programming error, not user input). */
export function formatApplicationNumber(parts: ApplicationNumberParts): string {
  const { servicePoint, workstation, date, sequence } = parts;
  if (!SERVICE_POINT.test(servicePoint)) throw new RangeError(`bad service point code: ${servicePoint}`);
  if (!WORKSTATION.test(workstation)) throw new RangeError(`bad workstation code: ${workstation}`);
  if (!validDate(date)) throw new RangeError(`bad date: ${date}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 9999) throw new RangeError(`bad sequence: ${sequence}`);
  const body = `${servicePoint}-${workstation}-${date.replace(/-/g, '')}-${String(sequence).padStart(4, '0')}`;
  return `${body}-${mod3736CheckChar(body.replace(/-/g, ''))}`;
}

export type ParsedApplicationNumber = { ok: true; value: string; parts: ApplicationNumberParts } | { ok: false; value: string; problem: LocalisedMessage };

/** Accepts what a person types (full-width, lower case, spaces); rejects a wrong check character. */
export function parseApplicationNumber(raw: string): ParsedApplicationNumber {
  const value = raw
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s‐‑–—_]/g, '')
    .replace(/-+/g, '-');
  const m = /^([A-Z0-9]{2,6})-([A-Z0-9]{1,4})-(\d{4})(\d{2})(\d{2})-(\d{4})-([A-Z0-9])$/.exec(value);
  if (!m) return { ok: false, value, problem: { key: 'rules.application_number.format' } };
  const [, servicePoint = '', workstation = '', y, mo, d, seq = '', check] = m;
  const date = `${y}-${mo}-${d}`;
  const sequence = Number(seq);
  if (!validDate(date) || sequence < 1) return { ok: false, value, problem: { key: 'rules.application_number.format' } };
  if (mod3736CheckChar(`${servicePoint}${workstation}${y}${mo}${d}${seq}`) !== check) {
    return { ok: false, value, problem: { key: 'rules.application_number.check' } };
  }
  return { ok: true, value, parts: { servicePoint, workstation, date, sequence } };
}
