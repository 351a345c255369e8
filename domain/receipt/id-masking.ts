// A receipt leaves the building in someone's pocket: it must identify documents without
// carrying whole ID or phone numbers. Only the last 4 characters stay readable.

const MASK = '*';
const VISIBLE = 4;
const isSignificant = (ch: string) => /[\p{L}\p{N}]/u.test(ch);

/**
 * Mask an ID number except its last 4 letters/digits. Separators such as the brackets
 * of a BIR check digit stay in place so that the printed shape matches the card
 * (1234567(8) → ****567(8)). A number with 4 or fewer letters/digits is masked whole:
 * showing "the last 4" of it would show all of it.
 */
export function maskIdNumber(raw: string): string {
  const chars = [...raw.trim().replace(/\s+/g, '').toUpperCase()];
  const significant = chars.filter(isSignificant).length;
  const keep = significant > VISIBLE ? VISIBLE : 0;
  let seen = 0;
  return chars
    .map((ch) => {
      if (!isSignificant(ch)) return ch;
      seen += 1;
      return seen > significant - keep ? ch : MASK;
    })
    .join('');
}

/**
 * Mask a mobile number except its last 4 digits. A Macau number keeps its +853 prefix
 * (it tells the person which phone to watch and is no secret); any other number keeps
 * only a leading "+".
 */
export function maskMobileNumber(raw: string): string {
  const compact = raw.trim().replace(/[\s()-]/g, '');
  const macau = /^(?:\+?853)(\d+)$/.exec(compact);
  const prefix = macau ? '+853 ' : compact.startsWith('+') ? '+' : '';
  const digits = macau ? (macau[1] ?? '') : compact.replace(/^\+/, '');
  const keep = digits.length > VISIBLE ? VISIBLE : 0;
  return prefix + MASK.repeat(digits.length - keep) + digits.slice(digits.length - keep);
}
