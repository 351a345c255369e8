import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogs, LOCALES } from '../../i18n';
import { ApplicationSchema, emptyApplication, type Application } from '../model/application';
import { APPLICATION_KINDS, CHANGE_TYPES, ENTITY_TYPES, ID_DOCUMENT_TYPES, SIGHTING_KINDS } from '../model/codes';
import { assess, isSubmittable, type AssessmentContext } from './assess';
import { sampleContext, sampleFirstApplication, sampleFirstApplicationWithAttorney } from './sample-applications';

const tick = { by: 'S001', at: '2026-11-23T09:00:00+08:00' };
const scan = 'a'.repeat(64);

function securityCodeApp(loginId: string, idType: Application['securityCode']['idDocumentShown']['type'], idNumber: string): Application {
  const app = emptyApplication('security_code');
  app.securityCode = { staffLoginId: loginId, entityNumber: 'E0001', idDocumentShown: { type: idType, number: idNumber }, qrPayload: 'MOA:abc' };
  app.documents['security_code.id'] = { sighting: 'original', attachments: [scan] };
  return app;
}

function faceApp(loginId: string, idType: Application['faceRecognition']['idDocumentShown']['type'], idNumber: string): Application {
  const app = emptyApplication('face_recognition');
  app.faceRecognition = { staffLoginId: loginId, entityNumber: 'E0001', idDocumentShown: { type: idType, number: idNumber } };
  app.documents['face_recognition.id'] = { sighting: 'original', attachments: [scan] };
  return app;
}

function changeApp(changes: Application['change']['changes'], newAdmins: number, removed: string[]): Application {
  const base = sampleFirstApplication();
  const app = emptyApplication('change_of_data');
  app.entity.entityNumber = 'E0001';
  app.change = { changes, removedAdmins: removed };
  app.persons = [
    ...base.persons,
    { id: 'p9', name: '黃子華', idDocument: { type: 'mo_bir_permanent', number: '5215299(8)' }, mobile: '62345678', email: 'w@x.mo' },
  ];
  app.legalRepresentatives = [{ personId: 'p1', attendsInPerson: false }];
  app.admins = ['p1', 'p2', 'p9'].slice(0, newAdmins).map((personId) => ({ personId }));
  app.documents = { ...base.documents, 'admin.p9.id': { sighting: 'copy', attachments: [scan] } };
  app.checks = { ...base.checks, 'admin.p9.lr-consent': tick };
  return app;
}

interface Row {
  name: string;
  app: () => Application;
  ctx?: (c: AssessmentContext) => AssessmentContext;
  id: string;
  status: 'met' | 'missing' | 'not_applicable';
  key?: string;
  /** Where the rule comes from, as shown to the clerk. */
  source?: string;
  /** This requirement stops submission (only ever true when it is missing). */
  blocks: boolean;
  /** The whole application can be submitted for approval. */
  submittable: boolean;
}

const first = (mutate: (a: Application) => void) => () => {
  const a = sampleFirstApplication();
  mutate(a);
  return a;
};
const withPoa = (mutate: (a: Application) => void) => () => {
  const a = sampleFirstApplicationWithAttorney();
  mutate(a);
  return a;
};
const twoLrs = (mutate: (a: Application) => void) =>
  first((a) => {
    a.legalRepresentatives.push({ personId: 'p2', attendsInPerson: false });
    a.documents['lr.p2.id'] = { sighting: 'original', attachments: [scan] };
    mutate(a);
  });

const rows: Row[] = [
  { name: 'complete first application is submittable', app: first(() => {}), id: 'fee', status: 'met', blocks: false, submittable: true },
  { name: 'FAQ 7: fee is always zero', app: first(() => {}), id: 'fee', status: 'met', blocks: false, submittable: true, key: 'rules.fee.free' },
  ...ENTITY_TYPES.map<Row>((type) => ({
    name: `FAQ 4: counter accepts entity type ${type}`,
    app: first((a) => {
      a.entity.type = type;
      a.entity.associationRegistrationNumber = 'A-77';
    }),
    id: 'entity.type',
    status: 'met',
    blocks: false,
    submittable: true,
    key: 'rules.entity.counter_accepts',
  })),
  {
    name: 'association without statutes date warns but does not block',
    app: first((a) => {
      a.entity.type = 'association';
      a.entity.associationRegistrationNumber = 'A-77';
    }),
    id: 'entity.statutes-date',
    status: 'missing',
    blocks: false,
    submittable: true,
  },
  { name: 'entity type not chosen', app: first((a) => delete a.entity.type), id: 'entity.type', status: 'missing', blocks: true, submittable: false },
  {
    name: 'entity without any name',
    app: first((a) => (a.entity.names = { zh: ' ' })),
    id: 'entity.name',
    status: 'missing',
    blocks: true,
    submittable: false,
  },
  // Issue 3 audit: no FAQ or ps-2112a text makes these identifiers mandatory; they help FAQ 8.
  {
    name: 'company taxpayer number not starting with 8 warns',
    app: first((a) => (a.entity.taxpayerNumber = '12345678')),
    id: 'entity.taxpayer-number',
    status: 'missing',
    blocks: false,
    submittable: true,
    key: 'rules.taxpayer.not_entity',
    source: 'FAQ 8',
  },
  {
    name: 'company without taxpayer number warns',
    app: first((a) => delete a.entity.taxpayerNumber),
    id: 'entity.taxpayer-number',
    status: 'missing',
    blocks: false,
    submittable: true,
    source: 'FAQ 8',
  },
  {
    name: 'company without commercial registration number warns',
    app: first((a) => delete a.entity.commercialRegistrationNumber),
    id: 'entity.commercial-registration',
    status: 'missing',
    blocks: false,
    submittable: true,
    source: 'FAQ 8',
  },
  {
    name: 'association without registration number warns',
    app: first((a) => {
      a.entity.type = 'association';
      a.entity.statutesPublicationDate = '2001-05-02';
    }),
    id: 'entity.association-registration',
    status: 'missing',
    blocks: false,
    submittable: true,
    source: 'FAQ 8',
  },
  // FAQ 5 / ps-2112a: legal representatives' IDs
  { name: 'LR ID sighted in original', app: first(() => {}), id: 'lr.p1.id-sighted', status: 'met', blocks: false, submittable: true },
  {
    name: 'LR ID as certified copy',
    app: first((a) => (a.documents['lr.p1.id'] = { sighting: 'certified_copy', attachments: [] })),
    id: 'lr.p1.id-sighted',
    status: 'met',
    blocks: false,
    submittable: true,
  },
  {
    name: 'LR ID as plain copy is refused',
    app: first((a) => (a.documents['lr.p1.id'] = { sighting: 'copy', attachments: [scan] })),
    id: 'lr.p1.id-sighted',
    status: 'missing',
    blocks: true,
    submittable: false,
  },
  { name: 'LR ID not sighted', app: first((a) => delete a.documents['lr.p1.id']), id: 'lr.p1.id-sighted', status: 'missing', blocks: true, submittable: false },
  {
    name: 'FAQ 5: Macau BIR needs no copy',
    app: first((a) => (a.documents['lr.p1.id'] = { sighting: 'original', attachments: [] })),
    id: 'lr.p1.id-copy',
    status: 'not_applicable',
    blocks: false,
    submittable: true,
    key: 'rules.lr.bir_no_copy',
  },
  {
    name: 'FAQ 5: HK ID sighted but no copy left',
    app: twoLrs((a) => {
      a.legalRepresentatives[1]!.attendsInPerson = true;
      a.documents['lr.p2.id'] = { sighting: 'original', attachments: [] };
    }),
    id: 'lr.p2.id-copy',
    status: 'missing',
    blocks: true,
    submittable: false,
  },
  {
    name: 'FAQ 5: HK ID copy attached',
    app: twoLrs((a) => (a.legalRepresentatives[1]!.attendsInPerson = true)),
    id: 'lr.p2.id-copy',
    status: 'met',
    blocks: false,
    submittable: true,
  },
  { name: 'no legal representative', app: first((a) => (a.legalRepresentatives = [])), id: 'lr.count', status: 'missing', blocks: true, submittable: false },
  // Issue 3 audit: FAQ 5 says nothing of expiry and ps-2112a only that the ID is shown: a warning.
  {
    name: 'LR expired ID warns',
    app: first((a) => (a.persons[0]!.idDocument.expiry = '2026-11-22')),
    id: 'lr.p1.id-expiry',
    status: 'missing',
    blocks: false,
    submittable: true,
    source: 'ps-2112a',
  },
  {
    name: 'admin expired ID warns',
    app: first((a) => (a.persons[1]!.idDocument.expiry = '2020-01-01')),
    id: 'admin.p2.id-expiry',
    status: 'missing',
    blocks: false,
    submittable: true,
    source: 'ps-2112a',
  },
  {
    name: 'attorney expired ID warns',
    app: withPoa((a) => (a.persons[2]!.idDocument.expiry = '2020-01-01')),
    id: 'poa.attorney.id-expiry',
    status: 'missing',
    blocks: false,
    submittable: true,
    source: 'FAQ 6',
  },
  {
    name: 'LR ID expiring today still valid',
    app: first((a) => (a.persons[0]!.idDocument.expiry = '2026-11-23')),
    id: 'lr.p1.id-expiry',
    status: 'met',
    blocks: false,
    submittable: true,
  },
  {
    name: 'LR signature not compared with specimen',
    app: first((a) => delete a.checks['lr.p1.signature-matches']),
    id: 'lr.p1.signature-matches',
    status: 'missing',
    blocks: true,
    submittable: false,
  },
  {
    name: 'LR referring to a missing person',
    app: first((a) => (a.legalRepresentatives = [{ personId: 'ghost', attendsInPerson: false }])),
    id: 'lr.ghost.person',
    status: 'missing',
    blocks: true,
    submittable: false,
  },
  {
    name: 'two LRs (BIR + HK ID without specimen), neither in person nor signed ID',
    app: twoLrs(() => {}),
    id: 'lr.p2.signature-specimen',
    status: 'missing',
    blocks: true,
    submittable: false,
  },
  {
    name: 'two LRs: HK ID holder attends in person',
    app: twoLrs((a) => (a.legalRepresentatives[1]!.attendsInPerson = true)),
    id: 'lr.p2.signature-specimen',
    status: 'met',
    blocks: false,
    submittable: true,
  },
  {
    name: 'two LRs: HK ID holder brings another signed ID copy',
    app: twoLrs((a) => (a.documents['lr.p2.signed-id'] = { sighting: 'copy', attachments: [scan] })),
    id: 'lr.p2.signature-specimen',
    status: 'met',
    blocks: false,
    submittable: true,
  },
  {
    name: 'two LRs: the other signed ID seen but not scanned',
    app: twoLrs((a) => (a.documents['lr.p2.signed-id'] = { sighting: 'copy', attachments: [] })),
    id: 'lr.p2.signature-specimen',
    status: 'missing',
    blocks: true,
    submittable: false,
  },
  {
    name: 'two LRs: BIR holder still needs the signature check',
    app: twoLrs((a) => (a.legalRepresentatives[1]!.attendsInPerson = true)),
    id: 'lr.p1.signature-matches',
    status: 'met',
    blocks: false,
    submittable: true,
  },
  // FAQ 5: whether the ID bears a signature specimen decides the check; unanswered it blocks.
  // The clerk even ticked "signature matches": before the audit that made it submittable.
  ...(
    [
      ['hk_id', 'A123456(3)'],
      ['cn_resident_id', '11010519491231002X'],
      ['cn_travel_permit', 'C12345678'],
      ['passport', 'P1234567'],
      ['other', 'X998877'],
    ] as const
  ).map<Row>(([type, number]) => ({
    name: `FAQ 5: ${type} LR, specimen question unanswered, not in person`,
    app: twoLrs((a) => {
      a.persons[1]!.idDocument = { type, number, issuingCountry: 'PRT' };
      a.checks['lr.p2.signature-matches'] = tick;
    }),
    id: 'lr.p2.specimen-stated',
    status: 'missing',
    blocks: true,
    submittable: false,
    key: 'rules.lr.specimen_unstated',
    source: 'FAQ 5',
  })),
  {
    name: 'FAQ 5: HK ID LR in person still states the specimen (it decides which check applies)',
    app: twoLrs((a) => {
      delete a.persons[1]!.idDocument.bearsSignatureSpecimen;
      a.legalRepresentatives[1]!.attendsInPerson = true;
      a.checks['lr.p2.signature-matches'] = tick;
    }),
    id: 'lr.p2.specimen-stated',
    status: 'missing',
    blocks: true,
    submittable: false,
  },
  {
    name: 'FAQ 5: HK ID with specimen stated: signature compared, submittable',
    app: twoLrs((a) => {
      a.persons[1]!.idDocument.bearsSignatureSpecimen = true;
      a.checks['lr.p2.signature-matches'] = tick;
    }),
    id: 'lr.p2.signature-matches',
    status: 'met',
    blocks: false,
    submittable: true,
  },
  {
    name: 'FAQ 5: Macau BIR with specimen question unanswered: its signature is compared',
    app: first((a) => delete a.persons[0]!.idDocument.bearsSignatureSpecimen),
    id: 'lr.p1.signature-matches',
    status: 'met',
    blocks: false,
    submittable: true,
  },
  {
    name: 'two LRs: HK ID with wrong check digit',
    app: twoLrs((a) => (a.persons[1]!.idDocument.number = 'A123456(4)')),
    id: 'lr.p2.id-number',
    status: 'missing',
    blocks: true,
    submittable: false,
    key: 'rules.id.hk_check',
  },
  // FAQ 6: power of attorney
  { name: 'no POA: not applicable', app: first(() => {}), id: 'poa', status: 'not_applicable', blocks: false, submittable: true },
  {
    name: 'complete POA (certified copy, notarised, wording, attorney ID)',
    app: withPoa(() => {}),
    id: 'poa.form',
    status: 'met',
    blocks: false,
    submittable: true,
  },
  {
    name: 'POA certified copy lacking consent wording',
    app: withPoa((a) => delete a.checks['poa.wording.consent_open_account']),
    id: 'poa.wording.consent_open_account',
    status: 'missing',
    blocks: true,
    submittable: false,
  },
  {
    name: 'POA certified copy lacking who may act',
    app: withPoa((a) => delete a.checks['poa.wording.names_who_may_act']),
    id: 'poa.wording.names_who_may_act',
    status: 'missing',
    blocks: true,
    submittable: false,
  },
  {
    name: 'POA plain copy refused',
    app: withPoa((a) => (a.documents['poa'] = { sighting: 'copy', attachments: [scan] })),
    id: 'poa.form',
    status: 'missing',
    blocks: true,
    submittable: false,
    key: 'rules.poa.plain_copy',
  },
  {
    name: 'POA original accepted',
    app: withPoa((a) => (a.documents['poa'] = { sighting: 'original', attachments: [scan] })),
    id: 'poa.form',
    status: 'met',
    blocks: false,
    submittable: true,
  },
  {
    name: 'POA signature not notarised',
    app: withPoa((a) => (a.powerOfAttorney.notarisedSignature = false)),
    id: 'poa.notarised',
    status: 'missing',
    blocks: true,
    submittable: false,
  },
  {
    name: 'POA: attorney ID copy seen but not scanned',
    app: withPoa((a) => (a.documents['attorney.id'] = { sighting: 'copy', attachments: [] })),
    id: 'poa.attorney-id-copy',
    status: 'missing',
    blocks: true,
    submittable: false,
  },
  {
    name: 'POA without attorney ID copy',
    app: withPoa((a) => delete a.documents['attorney.id']),
    id: 'poa.attorney-id-copy',
    status: 'missing',
    blocks: true,
    submittable: false,
  },
  {
    name: 'POA without attorney',
    app: withPoa((a) => delete a.powerOfAttorney.attorneyPersonId),
    id: 'poa.attorney',
    status: 'missing',
    blocks: true,
    submittable: false,
  },
  // FAQ 12, 14: admins
  {
    name: '0 admins',
    app: first((a) => (a.admins = [])),
    id: 'admins.count',
    status: 'missing',
    blocks: true,
    submittable: false,
    key: 'rules.admins.none',
    source: 'FAQ 12',
  },
  { name: '1 admin', app: first((a) => (a.admins = [{ personId: 'p1' }])), id: 'admins.count', status: 'met', blocks: false, submittable: true },
  {
    name: '3 admins',
    app: first((a) => {
      a.persons.push({ id: 'p4', name: '何三', idDocument: { type: 'cn_travel_permit', number: 'C12345678' }, mobile: '63333333', email: 'h@x.mo' });
      a.admins.push({ personId: 'p4' });
      a.documents['admin.p4.id'] = { sighting: 'copy', attachments: [scan] };
      a.checks['admin.p4.lr-consent'] = tick;
    }),
    id: 'admins.count',
    status: 'met',
    blocks: false,
    submittable: true,
  },
  {
    name: '4 admins',
    app: first((a) => {
      for (const id of ['p4', 'p5']) {
        a.persons.push({ id, name: id, idDocument: { type: 'cn_travel_permit', number: 'C12345678' }, mobile: '63333333', email: 'h@x.mo' });
        a.admins.push({ personId: id });
      }
    }),
    id: 'admins.count',
    status: 'missing',
    blocks: true,
    submittable: false,
    key: 'rules.admins.too_many',
    // FAQ 12 says at least one; the three comes from ps-2112a.
    source: 'ps-2112a',
  },
  {
    name: 'admin without LR consent',
    app: first((a) => delete a.checks['admin.p2.lr-consent']),
    id: 'admin.p2.lr-consent',
    status: 'missing',
    blocks: true,
    submittable: false,
  },
  {
    name: 'admin ID copy seen but not scanned',
    app: first((a) => (a.documents['admin.p2.id'] = { sighting: 'copy', attachments: [] })),
    id: 'admin.p2.id-copy',
    status: 'missing',
    blocks: true,
    submittable: false,
  },
  {
    name: 'admin without ID copy',
    app: first((a) => delete a.documents['admin.p2.id']),
    id: 'admin.p2.id-copy',
    status: 'missing',
    blocks: true,
    submittable: false,
  },
  // FAQ 15: the activation code goes by SMS to the mobile registered for the login.
  {
    name: 'admin with a Macau landline as mobile',
    app: first((a) => (a.persons[0]!.mobile = '28312345')),
    id: 'admin.p1.mobile',
    status: 'missing',
    blocks: true,
    submittable: false,
    key: 'rules.mobile.macau_format',
    source: 'FAQ 15',
  },
  { name: 'admin with foreign E.164 mobile', app: first(() => {}), id: 'admin.p2.mobile', status: 'met', blocks: false, submittable: true },
  {
    name: 'admin without email',
    app: first((a) => delete a.persons[1]!.email),
    id: 'admin.p2.email',
    status: 'missing',
    blocks: true,
    submittable: false,
    key: 'rules.email.format',
  },
  {
    name: 'same admin twice',
    app: first((a) => a.admins.push({ personId: 'p2' })),
    id: 'admin.p2.duplicate',
    status: 'missing',
    blocks: true,
    submittable: false,
  },
  // ps-2112a: the three papers
  {
    name: 'agreement without entity seal',
    app: first((a) => delete a.checks['paper.agreement.sealed']),
    id: 'paper.agreement.sealed',
    status: 'missing',
    blocks: true,
    submittable: false,
  },
  {
    name: 'application form not signed',
    app: first((a) => delete a.checks['paper.application_form.signed']),
    id: 'paper.application_form.signed',
    status: 'missing',
    blocks: true,
    submittable: false,
  },
  {
    name: 'admin form only a copy',
    app: first((a) => (a.documents['paper.admin_form'] = { sighting: 'copy', attachments: [scan] })),
    id: 'paper.admin_form.original',
    status: 'missing',
    blocks: true,
    submittable: false,
  },
  // FAQ 8: one account per entity
  { name: 'no existing account', app: first(() => {}), id: 'entity.no-existing-account', status: 'met', blocks: false, submittable: true },
  {
    name: 'duplicate by taxpayer number (typed full-width with spaces)',
    app: first((a) => (a.entity.taxpayerNumber = '８０９９ ９９９９')),
    id: 'entity.no-existing-account',
    status: 'missing',
    blocks: true,
    submittable: false,
    key: 'rules.duplicate.account.taxpayer_number',
  },
  // Issue 13, item 7: a name alone is not the existing-account block; the clerk compares and records.
  {
    name: 'same name only: not the identifier block',
    app: first((a) => (a.entity.names = { zh: '澳門示例協會 ' })),
    id: 'entity.no-existing-account',
    status: 'met',
    blocks: false,
    submittable: false,
    key: 'rules.duplicate.account.none',
  },
  {
    name: 'same name only: asks the clerk to compare and record another entity',
    app: first((a) => (a.entity.names = { zh: '澳門示例協會 ' })),
    id: 'entity.same-name.entity.E0001',
    status: 'missing',
    blocks: true,
    submittable: false,
    key: 'rules.duplicate.account.name',
  },
  {
    name: 'same name only, recorded as another entity with a reason',
    app: first((a) => {
      a.entity.names = { zh: '澳門示例協會' };
      a.distinctEntities = { 'entity.E0001': { reason: '登記編號及地址不同', by: 'S001', at: '2026-11-23T09:00:00+08:00' } };
    }),
    id: 'entity.same-name.entity.E0001',
    status: 'met',
    blocks: false,
    submittable: true,
    key: 'rules.duplicate.account.name.recorded',
  },
  {
    name: 'same name only, recorded without a reason: still asks',
    app: first((a) => {
      a.entity.names = { zh: '澳門示例協會' };
      a.distinctEntities = { 'entity.E0001': { reason: '  ', by: 'S001', at: '2026-11-23T09:00:00+08:00' } };
    }),
    id: 'entity.same-name.entity.E0001',
    status: 'missing',
    blocks: true,
    submittable: false,
  },
  // Issue 13, item 8: names compare without case or accents, in any language.
  {
    name: 'same name in capitals without accents',
    app: first((a) => (a.entity.names = { pt: 'CONTA EXISTENTE COMERCIO' })),
    ctx: (c) => ({ ...c, referenceEntities: [{ entityNumber: 'E0002', names: { pt: 'Conta Existente Comércio' }, registrationNumbers: [] }] }),
    id: 'entity.same-name.entity.E0002',
    status: 'missing',
    blocks: true,
    submittable: false,
  },
  {
    name: 'same name in full-width capitals (English)',
    app: first((a) => (a.entity.names = { en: 'ＭＡＣＡＵ  Example Trading' })),
    ctx: (c) => ({ ...c, referenceEntities: [{ entityNumber: 'E0003', names: { en: 'Macau Example Trading' }, registrationNumbers: [] }] }),
    id: 'entity.same-name.entity.E0003',
    status: 'missing',
    blocks: true,
    submittable: false,
  },
  {
    name: 'duplicate by registration number',
    app: first((a) => (a.entity.commercialRegistrationNumber = 'a123')),
    id: 'entity.no-existing-account',
    status: 'missing',
    blocks: true,
    submittable: false,
    key: 'rules.duplicate.account.registration_number',
  },
  {
    name: 'pending application for the same entity',
    app: first(() => {}),
    ctx: (c) => ({ ...c, pendingApplications: [{ id: 'APP-2', identity: { names: [], registrationNumbers: [], taxpayerNumber: '80123456' } }] }),
    id: 'entity.no-pending-application',
    status: 'missing',
    blocks: true,
    submittable: false,
    key: 'rules.duplicate.pending.taxpayer_number',
  },
  {
    name: 'pending application with the same name only: compare and record',
    app: first(() => {}),
    ctx: (c) => ({
      ...c,
      pendingApplications: [
        {
          id: 'APP-3',
          applicationNumber: 'SP01-W03-20261123-0042-K',
          names: ['澳門示例貿易有限公司'],
          identity: { names: ['澳門示例貿易有限公司'], registrationNumbers: [] },
        },
      ],
    }),
    id: 'entity.same-name.application.APP-3',
    status: 'missing',
    blocks: true,
    submittable: false,
    key: 'rules.duplicate.pending.name',
  },
  {
    name: 'the application itself is not its own duplicate',
    app: first(() => {}),
    ctx: (c) => ({
      ...c,
      applicationId: 'APP-1',
      pendingApplications: [{ id: 'APP-1', identity: { names: [], registrationNumbers: [], taxpayerNumber: '80123456' } }],
    }),
    id: 'entity.no-pending-application',
    status: 'met',
    blocks: false,
    submittable: true,
  },
  // Issue 13, item 9: a colleague's open draft for the same entity is a notice, not a block.
  {
    name: "another clerk's open draft for the same entity",
    app: first(() => {}),
    ctx: (c) => ({
      ...c,
      openDrafts: [
        { id: 'D-1', identity: { names: ['澳門示例貿易有限公司'], registrationNumbers: [] }, by: '職員 C1 (C1)', since: '2026-11-23T02:05:00.000Z' },
      ],
    }),
    id: 'entity.open-draft.D-1',
    status: 'missing',
    blocks: false,
    submittable: true,
    key: 'rules.duplicate.draft.other',
  },
  // FAQ 19: security code
  {
    name: 'security code for an activated HK-ID login (the checks pass, but only the enablement screen enables it, issue 16)',
    app: () => securityCodeApp('staff.hk', 'hk_id', 'a1234563'),
    id: 'security_code.non-macau-id',
    status: 'met',
    blocks: false,
    submittable: false,
  },
  {
    name: 'issue 16: a security-code form with QR text is sent to the enablement screen, not submitted',
    app: () => securityCodeApp('staff.hk', 'hk_id', 'a1234563'),
    id: 'security_code.qr',
    status: 'missing',
    blocks: true,
    submittable: false,
    key: 'eid.intake.useScreen',
  },
  {
    name: 'security code for a Macau-ID login refused',
    app: () => securityCodeApp('staff.mo', 'mo_bir_permanent', '1234567(8)'),
    id: 'security_code.non-macau-id',
    status: 'missing',
    blocks: true,
    submittable: false,
  },
  {
    name: 'security code for a login not activated',
    app: () => securityCodeApp('staff.new', 'passport', 'P1234567'),
    id: 'security_code.activated',
    status: 'missing',
    blocks: true,
    submittable: false,
  },
  {
    name: 'security code with another ID shown',
    app: () => securityCodeApp('staff.hk', 'hk_id', 'G123456(A)'),
    id: 'security_code.id-matches',
    status: 'missing',
    blocks: true,
    submittable: false,
  },
  {
    name: 'security code for an unknown login',
    app: () => securityCodeApp('nobody', 'hk_id', 'A123456(3)'),
    id: 'security_code.login-known',
    status: 'missing',
    blocks: true,
    submittable: false,
  },
  ...(['copy', 'certified_copy'] as const).map<Row>((sighting) => ({
    name: `FAQ 19: security code with the registered ID shown only as ${sighting} refused`,
    app: () => {
      const a = securityCodeApp('staff.hk', 'hk_id', 'A123456(3)');
      a.documents['security_code.id'] = { sighting, attachments: [scan] };
      return a;
    },
    id: 'security_code.id-sighted',
    status: 'missing',
    blocks: true,
    submittable: false,
    key: 'rules.security_code.id_not_original',
  })),
  {
    name: 'security code without QR scan',
    app: () => ({
      ...securityCodeApp('staff.hk', 'hk_id', 'A123456(3)'),
      securityCode: { ...securityCodeApp('staff.hk', 'hk_id', 'A123456(3)').securityCode, qrPayload: '' },
    }),
    id: 'security_code.qr',
    status: 'missing',
    blocks: true,
    submittable: false,
  },
  // FAQ 18: face recognition
  {
    name: 'face recognition re-enable for a Macau-ID login',
    app: () => faceApp('staff.mo', 'mo_bir_permanent', '12345678'),
    id: 'face_recognition.macau-id',
    status: 'met',
    blocks: false,
    submittable: true,
  },
  {
    name: 'FAQ 18: re-enable after the person switched face recognition off',
    app: () => faceApp('staff.mo.off', 'mo_bir_permanent', '5215299(8)'),
    id: 'face_recognition.switched-off',
    status: 'met',
    blocks: false,
    submittable: true,
    source: 'FAQ 18',
  },
  {
    name: 'FAQ 18: face recognition already on: nothing to re-enable',
    app: () => faceApp('staff.mo.on', 'mo_bir_permanent', '7123456(1)'),
    id: 'face_recognition.switched-off',
    status: 'missing',
    blocks: true,
    submittable: false,
    key: 'rules.face_recognition.already_enabled',
    source: 'FAQ 18',
  },
  {
    name: 'FAQ 18: login not activated: face recognition is on by default once activated',
    app: () => faceApp('staff.mo.new', 'mo_bir_non_permanent', '1523456(0)'),
    id: 'face_recognition.activated',
    status: 'missing',
    blocks: true,
    submittable: false,
    key: 'rules.face_recognition.not_activated',
    source: 'FAQ 18',
  },
  {
    name: 'FAQ 18: face recognition locked (not the switched-off case the FAQ names) warns',
    app: () => faceApp('staff.mo', 'mo_bir_permanent', '1234567(8)'),
    id: 'face_recognition.switched-off',
    status: 'missing',
    blocks: false,
    submittable: true,
    key: 'rules.face_recognition.locked',
  },
  {
    name: 'face recognition re-enable for an HK-ID login refused',
    app: () => faceApp('staff.hk', 'hk_id', 'A123456(3)'),
    id: 'face_recognition.macau-id',
    status: 'missing',
    blocks: true,
    submittable: false,
  },
  // ps-2112b: change of data
  {
    name: 'change: add 1 admin to an account with 2',
    app: () => changeApp(['add_admin'], 1, []),
    id: 'admins.count',
    status: 'met',
    blocks: false,
    submittable: true,
  },
  {
    name: 'change: add 2 admins to an account with 2',
    app: () => changeApp(['add_admin'], 2, []),
    id: 'admins.count',
    status: 'missing',
    blocks: true,
    submittable: false,
    key: 'rules.admins.too_many',
  },
  {
    name: 'change: remove 1 and add 2',
    app: () => changeApp(['add_admin', 'remove_admin'], 2, ['舊管理員']),
    id: 'admins.count',
    status: 'met',
    blocks: false,
    submittable: true,
  },
  { name: 'change: nothing chosen', app: () => changeApp([], 0, []), id: 'change.changes', status: 'missing', blocks: true, submittable: false },
  {
    name: 'change: remove admin without naming them',
    app: () => changeApp(['remove_admin'], 0, []),
    id: 'change.removed-admins',
    status: 'missing',
    blocks: true,
    submittable: false,
  },
  {
    name: 'change: admin form required when adding admins',
    app: () => {
      const a = changeApp(['add_admin'], 1, []);
      delete a.documents['paper.admin_form'];
      return a;
    },
    id: 'paper.admin_form.original',
    status: 'missing',
    blocks: true,
    submittable: false,
  },
];

describe('assess: one row per rule and combination', () => {
  it.each(rows)('$name', (row) => {
    const ctx = row.ctx ? row.ctx(sampleContext()) : sampleContext();
    const result = assess(row.app(), ctx);
    const r = result.requirements.find((x) => x.id === row.id);
    expect(r, `requirement ${row.id}`).toBeDefined();
    expect(r?.status).toBe(row.status);
    expect(r?.blocking, 'blocks').toBe(row.blocks);
    if (row.key) expect(r?.message.key).toBe(row.key);
    if (row.source) expect(r?.source).toBe(row.source);
    const blocking = result.requirements.filter((x) => x.status === 'missing' && x.blocking).map((x) => x.id);
    expect(isSubmittable(result), `blocking: ${blocking.join(', ')}`).toBe(row.submittable);
    // A row that blocks but claims the application submittable contradicts itself.
    if (row.blocks) expect(row.submittable).toBe(false);
  });

  it('requirements carry the person, slot and tick the UI attaches to', () => {
    const r = assess(sampleFirstApplication(), sampleContext()).requirements;
    expect(r.find((x) => x.id === 'lr.p1.id-sighted')).toMatchObject({ personId: 'p1', slot: 'lr.p1.id', source: 'ps-2112a' });
    expect(r.find((x) => x.id === 'lr.p1.id-copy')).toMatchObject({ personId: 'p1', slot: 'lr.p1.id', source: 'FAQ 5', status: 'not_applicable' });
    expect(r.find((x) => x.id === 'admin.p2.lr-consent')).toMatchObject({ personId: 'p2', checkId: 'admin.p2.lr-consent', source: 'FAQ 14' });
    expect(r.find((x) => x.id === 'paper.agreement.sealed')).toMatchObject({ slot: 'paper.agreement', checkId: 'paper.agreement.sealed', source: 'ps-2112a' });
  });

  it('requirement ids are unique within an assessment', () => {
    for (const row of rows) {
      const ids = assess(row.app(), sampleContext()).requirements.map((x) => x.id);
      expect(new Set(ids).size, row.name).toBe(ids.length);
    }
  });

  it('every message key used by the rules exists in all three languages', () => {
    const keys = new Set<string>();
    for (const row of rows) for (const r of assess(row.app(), sampleContext()).requirements) keys.add(r.message.key);
    for (const kind of APPLICATION_KINDS) for (const r of assess(emptyApplication(kind), sampleContext()).requirements) keys.add(r.message.key);
    expect(keys.size).toBeGreaterThan(40);
    for (const locale of LOCALES) {
      const catalog: Record<string, string> = catalogs[locale];
      for (const key of keys) expect(catalog[key], `${locale} ${key}`).toBeTruthy();
    }
  });
});

// Any draft the schema admits, built from pieces that make the rules reach every branch.
const personIds = fc.constantFrom('p1', 'p2', 'p3', 'x');
const anyText = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('1234567(8)', 'A123456(3)', '11010519491231002X', 'C12345678', '66123456', '80123456'));
const idDoc = fc.record(
  {
    type: fc.constantFrom(...ID_DOCUMENT_TYPES),
    number: anyText,
    bearsSignatureSpecimen: fc.boolean(),
    expiry: fc.constantFrom('2020-01-01', '2030-01-01'),
    issuingCountry: fc.string({ maxLength: 5 }),
  },
  { requiredKeys: [] },
);
const slotKeys = fc.constantFrom(
  'lr.p1.id',
  'lr.p2.signed-id',
  'poa',
  'attorney.id',
  'admin.p1.id',
  'paper.agreement',
  'security_code.id',
  'face_recognition.id',
);
const checkKeys = fc.constantFrom('lr.p1.signature-matches', 'admin.p1.lr-consent', 'poa.wording.consent_open_account', 'paper.agreement.sealed');
const draft = fc.record(
  {
    kind: fc.constantFrom(...APPLICATION_KINDS),
    entity: fc.record(
      {
        type: fc.constantFrom(...ENTITY_TYPES),
        names: fc.record({ zh: anyText, pt: anyText }, { requiredKeys: [] }),
        taxpayerNumber: anyText,
        commercialRegistrationNumber: anyText,
        entityNumber: fc.constantFrom('E0001', 'E9', ''),
      },
      { requiredKeys: [] },
    ),
    persons: fc.array(
      fc.record({ id: personIds, name: fc.string({ maxLength: 10 }), idDocument: idDoc, mobile: anyText, email: anyText }, { requiredKeys: ['id'] }),
      { maxLength: 5 },
    ),
    legalRepresentatives: fc.array(fc.record({ personId: personIds, attendsInPerson: fc.boolean() }, { requiredKeys: ['personId'] }), { maxLength: 3 }),
    admins: fc.array(fc.record({ personId: personIds }), { maxLength: 5 }),
    powerOfAttorney: fc.record({ used: fc.boolean(), attorneyPersonId: personIds, notarisedSignature: fc.boolean() }, { requiredKeys: [] }),
    change: fc.record(
      { changes: fc.uniqueArray(fc.constantFrom(...CHANGE_TYPES)), removedAdmins: fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }) },
      { requiredKeys: [] },
    ),
    securityCode: fc.record(
      {
        staffLoginId: fc.constantFrom('staff.hk', 'staff.mo', 'staff.new', ''),
        entityNumber: fc.constantFrom('E0001', ''),
        idDocumentShown: idDoc,
        loginActivated: fc.boolean(),
        qrPayload: fc.string({ maxLength: 5 }),
      },
      { requiredKeys: [] },
    ),
    faceRecognition: fc.record(
      { staffLoginId: fc.constantFrom('staff.hk', 'staff.mo', ''), entityNumber: fc.constantFrom('E0001', ''), idDocumentShown: idDoc },
      { requiredKeys: [] },
    ),
    documents: fc.dictionary(slotKeys, fc.record({ sighting: fc.constantFrom(...SIGHTING_KINDS) }, { requiredKeys: [] })),
    checks: fc.dictionary(checkKeys, fc.constant(tick)),
  },
  { requiredKeys: ['kind'] },
);

describe('assess is total and deterministic', () => {
  it('never throws for any draft the schema admits, and gives the same answer twice', () => {
    let admitted = 0;
    fc.assert(
      fc.property(draft, (input) => {
        const parsed = ApplicationSchema.safeParse(input);
        if (!parsed.success) return true;
        admitted++;
        const a = assess(parsed.data, sampleContext());
        expect(assess(parsed.data, sampleContext())).toEqual(a);
        expect(a.blockingCount).toBe(a.requirements.filter((r) => r.status === 'missing' && r.blocking).length);
        return true;
      }),
      { numRuns: 300 },
    );
    expect(admitted).toBeGreaterThan(200);
  });

  it('an empty draft of every kind is assessed and not submittable', () => {
    for (const kind of APPLICATION_KINDS) expect(isSubmittable(assess(emptyApplication(kind), sampleContext())), kind).toBe(false);
  });
});
