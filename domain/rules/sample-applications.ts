import { ApplicationSchema, type Application, type ApplicationInput } from '../model/application';
import type { AssessmentContext } from './requirement';

// Complete, submittable samples: tests mutate one thing at a time, the benchmark assesses them.
const scan = (n: number) => n.toString(16).padStart(64, '0');
const tick = { by: 'S001', at: '2026-11-23T09:00:00+08:00' };

export function sampleFirstApplication(): Application {
  const input: ApplicationInput = {
    kind: 'first_application',
    entity: {
      type: 'company',
      names: { zh: '澳門示例貿易有限公司', pt: 'Exemplo Comércio, Limitada' },
      commercialRegistrationNumber: '12345 SO',
      taxpayerNumber: '80123456',
      address: { zh: '澳門新馬路 1 號' },
      contact: { phone: '28312345', email: 'info@exemplo.mo' },
    },
    persons: [
      {
        id: 'p1',
        name: '陳大文',
        idDocument: { type: 'mo_bir_permanent', number: '1234567(8)', bearsSignatureSpecimen: true, expiry: '2030-01-01' },
        mobile: '66123456',
        email: 'chan@exemplo.mo',
      },
      {
        id: 'p2',
        name: '李小明',
        idDocument: { type: 'hk_id', number: 'A123456(3)', bearsSignatureSpecimen: false },
        mobile: '+852 91234567',
        email: 'lee@exemplo.mo',
      },
    ],
    legalRepresentatives: [{ personId: 'p1' }],
    admins: [{ personId: 'p1' }, { personId: 'p2' }],
    documents: {
      'lr.p1.id': { sighting: 'original', attachments: [scan(1)] },
      'admin.p1.id': { sighting: 'copy', attachments: [scan(1)] },
      'admin.p2.id': { sighting: 'copy', attachments: [scan(2)] },
      'paper.application_form': { sighting: 'original', attachments: [scan(3)] },
      'paper.agreement': { sighting: 'original', attachments: [scan(4)] },
      'paper.admin_form': { sighting: 'original', attachments: [scan(5)] },
    },
    checks: {
      'lr.p1.signature-matches': tick,
      'admin.p1.lr-consent': tick,
      'admin.p2.lr-consent': tick,
      'paper.application_form.signed': tick,
      'paper.application_form.sealed': tick,
      'paper.agreement.signed': tick,
      'paper.agreement.sealed': tick,
      'paper.admin_form.signed': tick,
      'paper.admin_form.sealed': tick,
    },
  };
  return ApplicationSchema.parse(input);
}

/** The same first application, brought by an attorney with a complete power of attorney. */
export function sampleFirstApplicationWithAttorney(): Application {
  const app = sampleFirstApplication();
  app.persons.push({ id: 'p3', name: 'Maria Santos', idDocument: { type: 'passport', number: 'P1234567', issuingCountry: 'PRT' } });
  app.powerOfAttorney = { used: true, attorneyPersonId: 'p3', notarisedSignature: true };
  app.documents['poa'] = { sighting: 'certified_copy', attachments: [scan(6)] };
  app.documents['attorney.id'] = { sighting: 'copy', attachments: [scan(7)] };
  app.checks['poa.wording.consent_open_account'] = tick;
  app.checks['poa.wording.names_who_may_act'] = tick;
  return app;
}

export function sampleContext(): AssessmentContext {
  return {
    today: '2026-11-23',
    referenceEntities: [
      { entityNumber: 'E0001', type: 'association', names: { zh: '澳門示例協會' }, registrationNumbers: ['A123'], taxpayerNumber: '80999999', adminCount: 2 },
    ],
    pendingApplications: [],
    staffLogins: [
      { loginId: 'staff.hk', entityNumber: 'E0001', idType: 'hk_id', idNumber: 'A123456(3)', activated: true, faceRecognition: 'disabled' },
      { loginId: 'staff.mo', entityNumber: 'E0001', idType: 'mo_bir_permanent', idNumber: '1234567(8)', activated: true, faceRecognition: 'locked' },
      { loginId: 'staff.new', entityNumber: 'E0001', idType: 'passport', idNumber: 'P1234567', activated: false, faceRecognition: 'disabled' },
      // FAQ 18: Macau-ID logins in each face recognition state.
      { loginId: 'staff.mo.off', entityNumber: 'E0001', idType: 'mo_bir_permanent', idNumber: '5215299(8)', activated: true, faceRecognition: 'disabled' },
      { loginId: 'staff.mo.on', entityNumber: 'E0001', idType: 'mo_bir_permanent', idNumber: '7123456(1)', activated: true, faceRecognition: 'enabled' },
      { loginId: 'staff.mo.new', entityNumber: 'E0001', idType: 'mo_bir_non_permanent', idNumber: '1523456(0)', activated: false, faceRecognition: 'disabled' },
    ],
  };
}
