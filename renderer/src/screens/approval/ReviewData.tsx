import type { ReactNode } from 'react';
import { ApplicationSchema, type Application, type IdDocument, type Person } from '../../../../domain/model/application';
import { useLocaleStore, useT, type TranslateFn } from '../../i18n/locale-store';
import { formatDay, formatMacauDateTime } from './format-time';
import type { Locale } from '../../../../i18n';
import { slotLabel } from './slot-label';

type Value = string | undefined | null;

function Row({ label, value }: { label: string; value: Value }) {
  if (value === undefined || value === null || value.trim() === '') return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="review-section">
      <h3>{title}</h3>
      {children}
    </section>
  );
}

const yesNo = (t: TranslateFn, v: boolean | undefined) => (v === undefined ? undefined : t(v ? 'approval.data.yes' : 'approval.data.no'));

/** An ID document's rows; its expiry day first like every date a person reads (issue 13 item 15). */
function idRows(t: TranslateFn, locale: Locale, d: IdDocument) {
  return (
    <>
      <Row label={t('intake.person.idType')} value={d.type ? t(`intake.idType.${d.type}`) : undefined} />
      <Row label={t('intake.person.idNumber')} value={d.number} />
      <Row label={t('intake.person.issuingCountry')} value={d.issuingCountry} />
      <Row label={t('intake.person.idExpiry')} value={d.expiry && formatDay(locale, d.expiry)} />
      <Row
        label={t('intake.person.specimen')}
        value={d.bearsSignatureSpecimen === undefined ? undefined : t(d.bearsSignatureSpecimen ? 'intake.person.specimen.yes' : 'intake.person.specimen.no')}
      />
    </>
  );
}

function PersonBlock({ heading, person, extra }: { heading: string; person: Person | undefined; extra?: ReactNode }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  return (
    <div className="review-person">
      <h4>{heading}</h4>
      <dl>
        {person ? (
          <>
            <Row label={t('intake.person.name')} value={person.name} />
            {idRows(t, locale, person.idDocument)}
            <Row label={t('intake.person.mobile')} value={person.mobile} />
            <Row label={t('intake.person.email')} value={person.email} />
          </>
        ) : null}
        {extra}
      </dl>
    </div>
  );
}

/** FAQ 18 and 19: the staff login and the ID its holder showed at the counter. */
function StaffLoginSection({
  title,
  part,
}: {
  title: string;
  part: Application['faceRecognition'] & Partial<Pick<Application['securityCode'], 'loginActivated' | 'qrPayload'>>;
}) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  return (
    <Section title={title}>
      <dl>
        <Row label={t('approval.data.staffLoginId')} value={part.staffLoginId} />
        <Row label={t('intake.entity.entityNumber')} value={part.entityNumber} />
        <Row label={t('approval.data.loginActivated')} value={yesNo(t, part.loginActivated)} />
        <Row label={t('approval.data.qrPayload')} value={part.qrPayload} />
      </dl>
      <h4>{t('receipts.doc.idShown')}</h4>
      <dl>{idRows(t, locale, part.idDocumentShown)}</dl>
    </Section>
  );
}

/**
 * The application as the supervisor compares it with the scans: the paper form's sections in
 * its order, labelled in the user's language, for every kind of application. Empty fields are
 * left out (the checklist says what is missing). Data that does not parse as an application
 * (an old draft) is shown as stored rather than hidden.
 */
export function ReviewData({ data, pagesBySlot }: { data: Record<string, unknown>; pagesBySlot?: ReadonlyMap<string, number> }) {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const parsed = ApplicationSchema.safeParse(data);
  if (!parsed.success) {
    return (
      <div className="review-data" tabIndex={0} role="region" aria-label={t('approval.review.data')}>
        <p className="notice">{t('approval.data.unparsed')}</p>
        <pre>{JSON.stringify(data, null, 2)}</pre>
      </div>
    );
  }
  const app: Application = parsed.data;
  const e = app.entity;
  const byId = new Map(app.persons.map((p) => [p.id, p]));
  const lrIds = new Set(app.legalRepresentatives.map((l) => l.personId));
  const kind = app.kind;
  const showLrs =
    kind === 'first_application' ||
    (kind === 'change_of_data' && (app.change.changes.includes('legal_representatives') || app.legalRepresentatives.length > 0));
  const showAdmins = kind === 'first_application' || (kind === 'change_of_data' && (app.change.changes.includes('add_admin') || app.admins.length > 0));
  const showContact = kind === 'first_application' || (kind === 'change_of_data' && app.change.changes.includes('contact'));
  const documents = Object.entries(app.documents).filter(([, d]) => d.sighting !== 'none' || d.attachments.length > 0);

  return (
    // Focusable so a keyboard user can scroll a long application (axe scrollable-region-focusable).
    <div className="review-data" tabIndex={0} role="region" aria-label={t('approval.review.data')}>
      <dl>
        <Row label={t('intake.start.kind')} value={t(`kind.${kind}`)} />
      </dl>
      {kind === 'change_of_data' ? (
        <Section title={t('intake.section.changes')}>
          <ul>
            {app.change.changes.map((c) => (
              <li key={c}>{t(`intake.change.${c}`)}</li>
            ))}
          </ul>
          {app.change.removedAdmins.length > 0 ? (
            <dl>
              {app.change.removedAdmins.map((name, i) => (
                <Row key={i} label={t('intake.change.removedAdmin', { n: i + 1 })} value={name} />
              ))}
            </dl>
          ) : null}
        </Section>
      ) : null}
      <Section title={t('intake.section.entity')}>
        <dl>
          <Row label={t('intake.entity.entityNumber')} value={e.entityNumber} />
          <Row label={t('intake.entity.type')} value={e.type ? t(`entityType.${e.type}`) : undefined} />
          <Row label={t('intake.entity.nameZh')} value={e.names.zh} />
          <Row label={t('intake.entity.namePt')} value={e.names.pt} />
          <Row label={t('intake.entity.nameEn')} value={e.names.en} />
          <Row label={t('intake.entity.commercialRegistration')} value={e.commercialRegistrationNumber} />
          <Row label={t('intake.entity.associationRegistration')} value={e.associationRegistrationNumber} />
          <Row label={t('intake.entity.statutesDate')} value={e.statutesPublicationDate && formatDay(locale, e.statutesPublicationDate)} />
          <Row label={t('intake.entity.taxpayerNumber')} value={e.taxpayerNumber} />
          <Row label={t('intake.entity.addressZh')} value={e.address.zh} />
          <Row label={t('intake.entity.addressPt')} value={e.address.pt} />
          <Row label={t('approval.data.addressEn')} value={e.address.en} />
        </dl>
      </Section>
      {Object.keys(app.distinctEntities ?? {}).length > 0 ? (
        // FAQ 8 (issue 13, item 7): what the clerk recorded about a same-name entity, for the supervisor to weigh.
        <Section title={t('approval.data.distinct.title')}>
          <ul className="review-distinct">
            {Object.entries(app.distinctEntities ?? {}).map(([key, d]) => (
              <li key={key} data-distinct={key}>
                {t('approval.data.distinct.item', { subject: d.subject ?? key, reason: d.reason, by: d.by, at: formatMacauDateTime(locale, d.at) })}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {showLrs ? (
        <Section title={t('intake.section.lrs')}>
          {app.legalRepresentatives.map((lr, i) => (
            <PersonBlock
              key={lr.personId}
              heading={t('intake.lr.n', { n: i + 1 })}
              person={byId.get(lr.personId)}
              extra={lr.attendsInPerson ? <Row label={t('approval.data.inPerson')} value={t('approval.data.yes')} /> : null}
            />
          ))}
        </Section>
      ) : null}
      {app.powerOfAttorney.used ? (
        <Section title={t('intake.section.attorney')}>
          <dl>
            <Row label={t('intake.poa.used')} value={t('approval.data.yes')} />
            <Row label={t('intake.poa.notarised')} value={yesNo(t, app.powerOfAttorney.notarisedSignature)} />
          </dl>
          {app.powerOfAttorney.attorneyPersonId ? (
            <PersonBlock heading={t('approval.data.attorney')} person={byId.get(app.powerOfAttorney.attorneyPersonId)} />
          ) : null}
        </Section>
      ) : null}
      {showAdmins ? (
        <Section title={t('intake.section.admins')}>
          {app.admins.map((a, i) => {
            const p = byId.get(a.personId);
            const heading = t('intake.admin.n', { n: i + 1 });
            // Also a legal representative: the ID is listed above; the admin's own contact is what differs.
            return lrIds.has(a.personId) && p ? (
              <div className="review-person" key={a.personId}>
                <h4>{heading}</h4>
                <p>{t('intake.admin.sameAsLr', { name: p.name })}</p>
                <dl>
                  <Row label={t('intake.person.mobile')} value={p.mobile} />
                  <Row label={t('intake.person.email')} value={p.email} />
                </dl>
              </div>
            ) : (
              <PersonBlock key={a.personId} heading={heading} person={p} />
            );
          })}
        </Section>
      ) : null}
      {showContact ? (
        <Section title={t('intake.section.contact')}>
          <dl>
            <Row label={t('intake.contact.phone')} value={e.contact.phone} />
            <Row label={t('intake.contact.mobile')} value={e.contact.mobile} />
            <Row label={t('intake.contact.email')} value={e.contact.email} />
            <Row label={t('intake.contact.person')} value={e.contact.contactPerson} />
          </dl>
        </Section>
      ) : null}
      {kind === 'security_code' ? <StaffLoginSection title={t('kind.security_code')} part={app.securityCode} /> : null}
      {kind === 'face_recognition' ? <StaffLoginSection title={t('kind.face_recognition')} part={app.faceRecognition} /> : null}
      <Section title={t('approval.review.documents')}>
        {documents.length === 0 ? (
          <p>{t('approval.data.noDocuments')}</p>
        ) : (
          <ul className="review-documents">
            {documents.map(([slot, d]) => (
              <li key={slot} data-slot={slot}>
                {slotLabel(t, slot, app)}: {t(`intake.sighting.${d.sighting}`)} · {t('approval.review.scanCount', { count: d.attachments.length })}
                {/* Real pages, counted by the core: a 3-page PDF is 3 pages (issue 13 item 10). */}
                {pagesBySlot?.get(slot) ? ` · ${t('approval.review.pageCount', { count: pagesBySlot.get(slot) ?? 0 })}` : ''}
              </li>
            ))}
          </ul>
        )}
      </Section>
      {app.notes?.trim() ? (
        <Section title={t('approval.data.notes')}>
          <p>{app.notes}</p>
        </Section>
      ) : null}
    </div>
  );
}
