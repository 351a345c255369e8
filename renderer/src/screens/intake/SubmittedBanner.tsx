import { useT } from '../../i18n/locale-store';
import type { IntakeRecord } from './intake-api';
import { ReceiptMount } from './ReceiptMount';

/** After submission: the number the applicant keeps (ps-2112a), the state, and the receipt step. */
export function SubmittedBanner({ record }: { record: IntakeRecord }) {
  const t = useT();
  if (!record.applicationNumber) return null;
  return (
    <section className="submitted" aria-labelledby="submitted-title">
      <h2 id="submitted-title">{t('intake.submitted.title')}</h2>
      <p className="application-number" data-testid="application-number">
        {record.applicationNumber}
      </p>
      <p>{t('intake.submitted.status', { status: t(`status.app.${record.status}`) })}</p>
      <ReceiptMount applicationId={record.id} />
    </section>
  );
}
