// Clerks type IDs from paper with IME keyboards: full-width digits/letters and brackets,
// stray spaces and dashes are common. Everything is folded to one canonical form before
// any format check, and that form is what the UI shows back.
export function normaliseIdText(raw: string): string {
  return raw
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[[{【〔]/g, '(')
    .replace(/[\]}】〕]/g, ')')
    .replace(/[\s\-‐‑–—_./]/g, '');
}

/** Digits only, after folding full-width forms; keeps a leading '+'. */
export function normalisePhoneText(raw: string): string {
  const folded = raw.normalize('NFKC').trim();
  const plus = folded.startsWith('+');
  const digits = folded.replace(/\D/g, '');
  return plus ? `+${digits}` : digits;
}
