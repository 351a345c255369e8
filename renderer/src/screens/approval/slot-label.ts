import type { Application } from '../../../../domain/model/application';
import type { TranslateFn } from '../../i18n/locale-store';

// The document slots of domain/rules/slots.ts named as the receipt names them (receipt.doc.*),
// so the supervisor reads the same words the applicant's receipt printed.

const PER_PERSON = /^(lr|admin)\.([A-Za-z0-9_-]{1,40})\.(id|signed-id)$/;

export function slotLabel(t: TranslateFn, slot: string, app: Application): string {
  const nameOf = (id: string | undefined) => app.persons.find((p) => p.id === id)?.name.trim() || undefined;
  const withName = (doc: string, name: string | undefined) => (name ? t('approval.data.docOf', { doc, name }) : doc);
  const m = PER_PERSON.exec(slot);
  if (m) {
    const doc = withName(t(m[1] === 'lr' ? 'receipt.doc.legal_rep_id' : 'receipt.doc.admin_id'), nameOf(m[2]));
    // FAQ 5: a second ID of the same person, one that bears a signature specimen.
    return m[3] === 'signed-id' ? t('approval.data.signedId', { doc }) : doc;
  }
  switch (slot) {
    case 'paper.application_form':
      return t(app.kind === 'change_of_data' ? 'receipt.doc.change_form' : 'receipt.doc.application_form');
    case 'paper.agreement':
      return t('receipt.doc.agreement');
    case 'paper.admin_form':
      return t('receipt.doc.admin_form');
    case 'poa':
      return t('receipt.doc.power_of_attorney');
    case 'attorney.id':
      return withName(t('receipt.doc.attorney_id'), nameOf(app.powerOfAttorney.attorneyPersonId));
    case 'security_code.id':
    case 'face_recognition.id':
      return t('receipts.doc.idShown');
    default:
      // A slot added later: still listed, under its stored name.
      return slot;
  }
}
