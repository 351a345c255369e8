import type { ReactNode } from 'react';
import { ApplicationSchema, type Application, type Person } from '../../../../domain/model/application';
import type { MessageKey } from '../../../../i18n';
import { useT } from '../../i18n/locale-store';

function Row({ label, children }: { label: string; children: ReactNode }) {
  if (children === undefined || children === null || children === '') return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/**
 * The application as the supervisor compares it with the scans: the paper form's sections
 * in its order, in the user's language. Data that does not parse as an application (an old
 * draft) is shown as stored rather than hidden.
 */
export function ReviewData({ data }: { data: Record<string, unknown> }) {
  const t = useT();
  const parsed = ApplicationSchema.safeParse(data);
  if (!parsed.success) return <pre className="review-data">{JSON.stringify(data, null, 2)}</pre>;
  const app: Application = parsed.data;
  const e = app.entity;
  const byId = new Map(app.persons.map((p) => [p.id, p]));
  const person = (p: Person | undefined, heading: string) =>
    p ? (
      <section key={heading} aria-label={heading}>
        <h3>{heading}</h3>
        <dl>
          <Row label={t('intake.person.name')}>{p.name}</Row>
          <Row label={t('intake.person.idType')}>{p.idDocument.type ? t(`intake.idType.${p.idDocument.type}` as MessageKey) : ''}</Row>
          <Row label={t('intake.person.idNumber')}>{p.idDocument.number}</Row>
          <Row label={t('intake.person.idExpiry')}>{p.idDocument.expiry}</Row>
          <Row label={t('intake.person.specimen')}>
            {p.idDocument.bearsSignatureSpecimen === undefined ? '' : t(p.idDocument.bearsSignatureSpecimen ? 'intake.person.specimen.yes' : 'intake.person.specimen.no')}
          </Row>
          <Row label={t('intake.person.mobile')}>{p.mobile}</Row>
          <Row label={t('intake.person.email')}>{p.email}</Row>
        </dl>
      </section>
    ) : null;
  return (
    // Focusable so a keyboard user can scroll a long application (axe scrollable-region-focusable).
    <div className="review-data" tabIndex={0} role="region" aria-label={t('approval.review.data')}>
      <h3>{t('intake.section.entity')}</h3>
      <dl>
        <Row label={t('intake.start.kind')}>{t(`kind.${app.kind}`)}</Row>
        <Row label={t('intake.entity.entityNumber')}>{e.entityNumber}</Row>
        <Row label={t('intake.entity.type')}>{e.type ? t(`entityType.${e.type}`) : ''}</Row>
        <Row label={t('intake.entity.nameZh')}>{e.names.zh}</Row>
        <Row label={t('intake.entity.namePt')}>{e.names.pt}</Row>
        <Row label={t('intake.entity.nameEn')}>{e.names.en}</Row>
        <Row label={t('intake.entity.commercialRegistration')}>{e.commercialRegistrationNumber}</Row>
        <Row label={t('intake.entity.associationRegistration')}>{e.associationRegistrationNumber}</Row>
        <Row label={t('intake.entity.statutesDate')}>{e.statutesPublicationDate}</Row>
        <Row label={t('intake.entity.taxpayerNumber')}>{e.taxpayerNumber}</Row>
        <Row label={t('intake.entity.addressZh')}>{e.address.zh}</Row>
        <Row label={t('intake.entity.addressPt')}>{e.address.pt}</Row>
        <Row label={t('intake.contact.phone')}>{e.contact.phone}</Row>
        <Row label={t('intake.contact.email')}>{e.contact.email}</Row>
      </dl>
      {app.legalRepresentatives.map((lr, i) => person(byId.get(lr.personId), t('intake.lr.n', { n: i + 1 })))}
      {app.admins.map((a, i) => person(byId.get(a.personId), t('intake.admin.n', { n: i + 1 })))}
      <h3>{t('approval.review.documents')}</h3>
      <ul>
        {Object.entries(app.documents).map(([slot, d]) => (
          <li key={slot}>
            {slot}: {t(`intake.sighting.${d.sighting}`)} · {t('approval.review.scanCount', { count: d.attachments.length })}
          </li>
        ))}
      </ul>
      {app.notes ? <p>{app.notes}</p> : null}
    </div>
  );
}
