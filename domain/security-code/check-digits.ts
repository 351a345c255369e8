// ISO 7064 MOD 97-10 (the IBAN check) over a string of decimal digits: two check digits that
// catch every single-digit error and every swap of two adjacent digits, which is what a
// misread or mistyped scan produces. A failed check means "scan again", never "forged":
// forgery is the signature's job.

/** The remainder of a (possibly 500-digit) decimal number modulo 97, seven digits at a time (the running number stays below 10^9). */
function mod97(digits: string): number {
  let r = 0;
  for (let i = 0; i < digits.length; i += 7) r = Number(String(r) + digits.slice(i, i + 7)) % 97;
  return r;
}

/** The two check digits to append to `digits` (digits only). */
export function mod97CheckDigits(digits: string): string {
  const c = 98 - mod97(digits + '00');
  return String(c).padStart(2, '0');
}

/** `digitsWithCheck` (digits only, check digits last) passes MOD 97-10. */
export function mod97Valid(digitsWithCheck: string): boolean {
  return digitsWithCheck.length > 2 && mod97(digitsWithCheck) === 1;
}
