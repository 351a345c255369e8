import { maskIdNumber } from './id-masking';
import type { ReceiptInput } from './receipt-input';

// The texts whose hashes go into the QR token. A verifier recomputes them from the
// application record (or from what is printed) and compares: same hash, same receipt.
// Hashing itself happens in services/ (node:crypto); these functions only fix the bytes.

const normalise = (s: string | undefined) => (s ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();

/**
 * Entity names in a fixed order, so that spacing or Unicode form never changes the hash; the
 * entity number too when the receipt prints one (appended only then: receipts without one
 * keep the hash they always had).
 */
export function entityNamesCanonical(entity: Pick<ReceiptInput['entity'], 'nameZh' | 'namePt' | 'nameEn' | 'entityNumber'>): string {
  const names = [entity.nameZh, entity.namePt, entity.nameEn].map(normalise);
  const number = normalise(entity.entityNumber).toUpperCase();
  return (number === '' ? names : [...names, number]).join('\u001f');
}

/**
 * What was handed in, for what: kind, changes, each document with its sighting, pages.
 * ID numbers enter masked, as printed: the token is public on paper, and a hash over a
 * full ID number could be brute-forced back to it.
 */
export function checklistCanonical(input: Pick<ReceiptInput, 'kind' | 'changes' | 'documents' | 'pagesScanned'>): string {
  return JSON.stringify([
    input.kind,
    [...input.changes].sort(),
    input.documents.map((d) => [
      d.kind,
      d.label ? [normalise(d.label.zh), normalise(d.label.pt), normalise(d.label.en)] : null,
      d.person ? [normalise(d.person.name), d.person.idType ?? null, d.person.idNumber ? maskIdNumber(d.person.idNumber) : null] : null,
      d.sighting,
      d.copyKept,
      d.pagesScanned,
    ]),
    input.pagesScanned,
  ]);
}
