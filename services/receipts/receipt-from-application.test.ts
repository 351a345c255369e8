import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ApplicationSchema, type Application, type ApplicationInput } from '../../domain/model/application';
import { sampleFirstApplication } from '../../domain/rules/sample-applications';
import { generateWorkstationKeyPair, parseReceiptInput, receiptTokenMatchesRecord, renderReceipt, verifyReceiptToken } from '.';
import { receiptInputFromApplication } from './receipt-from-application';

// The application as the one repository loaded it (services/intake/application-repository.ts):
// typed, parsed once; this mapping never parses stored JSON itself (issue 11 item 3).
const facts = (application: Application) => ({
  applicationNumber: 'SP01-W07-20261123-0001-X',
  application,
  issuedAt: '2026-11-23T01:30:00Z',
  servicePoint: { code: 'SP01', nameZh: '測試服務點', namePt: 'Posto de teste' },
  workstationId: 'W07',
  clerkStaffNumber: 'C0101',
  pagesBySlot: new Map([['security_code.id', 1]]),
  reprintCount: 0,
});
const app = (input: ApplicationInput) => ApplicationSchema.parse(input);
const shownId = { type: 'passport', number: 'P1234567', issuingCountry: 'PRT' } as const;

// Which submitted applications get a receipt, and what names the entity on it. The later
// forms (change of data, security code, face recognition) may name the entity only by its
// entity number: the rules do not ask them for a type or a name, so neither may the receipt.
describe('receipt from a stored application', () => {
  const cases: [string, Application, { nameZh?: string; type?: string; entityNumber?: string } | string][] = [
    ['first application', app(sampleFirstApplication()), { nameZh: '澳門示例貿易有限公司', type: 'company' }],
    [
      'first application without a type',
      app({ ...sampleFirstApplication(), entity: { ...sampleFirstApplication().entity, type: undefined } }),
      'entity type missing',
    ],
    [
      'first application without a name',
      app({ ...sampleFirstApplication(), entity: { ...sampleFirstApplication().entity, names: {} } }),
      'entity name missing',
    ],
    [
      'first application: an entity number typed anyway is not printed (it has none yet)',
      app({ ...sampleFirstApplication(), entity: { ...sampleFirstApplication().entity, entityNumber: 'E0001' } }),
      { nameZh: '澳門示例貿易有限公司', type: 'company' },
    ],
    [
      'change of data by entity number only',
      app({ kind: 'change_of_data', entity: { entityNumber: ' E0042 ' }, change: { changes: ['contact'] } }),
      { entityNumber: 'E0042' },
    ],
    [
      'change of data with names and type',
      app({
        kind: 'change_of_data',
        entity: { entityNumber: 'E0042', type: 'association', names: { zh: '澳門示例協會' } },
        change: { changes: ['add_admin'] },
      }),
      { entityNumber: 'E0042', nameZh: '澳門示例協會', type: 'association' },
    ],
    [
      'security code: the number on the staff login part',
      app({ kind: 'security_code', securityCode: { staffLoginId: 'maria01', entityNumber: 'E0042', idDocumentShown: shownId } }),
      { entityNumber: 'E0042' },
    ],
    [
      'face recognition: the number on the staff login part',
      app({ kind: 'face_recognition', faceRecognition: { staffLoginId: 'maria01', entityNumber: 'E0077', idDocumentShown: shownId } }),
      { entityNumber: 'E0077' },
    ],
    [
      'security code naming no entity at all',
      app({ kind: 'security_code', securityCode: { staffLoginId: 'maria01', idDocumentShown: shownId } }),
      'entity name and number missing',
    ],
  ];
  it.each(cases)('%s', (_name, data, expected) => {
    const mapped = receiptInputFromApplication(facts(data));
    if (typeof expected === 'string') {
      expect(mapped).toEqual({ ok: false, reason: expected });
      return;
    }
    if (!mapped.ok) throw new Error(mapped.reason);
    const { nameZh, type, entityNumber } = mapped.input.entity;
    expect({ nameZh, type, entityNumber }).toEqual({ nameZh: expected.nameZh, type: expected.type, entityNumber: expected.entityNumber });
    expect(() => parseReceiptInput(mapped.input)).not.toThrow();
  });

  it('a security-code receipt prints the entity number, no empty type or name rows, and its token verifies against the record', async () => {
    const data = app({
      kind: 'security_code',
      securityCode: { staffLoginId: 'maria01', entityNumber: 'E0042', idDocumentShown: shownId },
      documents: { 'security_code.id': { sighting: 'original' } },
    });
    const mapped = receiptInputFromApplication(facts(data));
    if (!mapped.ok) throw new Error(mapped.reason);
    const input = parseReceiptInput(mapped.input);
    const key = generateWorkstationKeyPair('W07');
    const rendered = await renderReceipt(input, { signingKey: key, paper: 'a4' });
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: rendered.pdf }).toString('utf8');
    expect(text).toContain('實體編號');
    expect(text).toContain('Número da entidade');
    expect(text).toContain('E0042');
    expect(text).not.toContain('實體類別');
    expect(text).not.toContain('實體名稱');

    const v = verifyReceiptToken(rendered.token, [{ workstationId: 'W07', publicKey: key.publicKey }]);
    expect(v.status).toBe('valid');
    if (v.status !== 'valid') return;
    expect(receiptTokenMatchesRecord(v.details, input)).toEqual({ entityNames: true, checklist: true });
    // The same receipt for another entity number is not this record.
    const other = parseReceiptInput({ ...mapped.input, entity: { entityNumber: 'E0043' } });
    expect(receiptTokenMatchesRecord(v.details, other).entityNames).toBe(false);
  });

  it.each<[string, string, 'original' | 'copy', number, boolean]>([
    ['a Hong Kong ID shown in original, its copy scanned (FAQ 5)', 'lr.p2.id', 'original', 1, true],
    ['a Macau ID shown in original, nothing scanned', 'lr.p1.id', 'original', 0, false],
    ['an admin ID copy handed in (ps-2112a)', 'admin.p2.id', 'copy', 1, true],
    ['the application form, original', 'paper.application_form', 'original', 2, false],
  ])('copy kept on the receipt: %s', (_name, slot, sighting, pages, kept) => {
    const data = sampleFirstApplication();
    data.documents = { [slot]: { sighting, attachments: [] } };
    const r = receiptInputFromApplication({ ...facts(data), pagesBySlot: new Map([[slot, pages]]) });
    if (!r.ok) throw new Error(r.reason);
    expect(r.input.documents.map((d) => d.copyKept)).toEqual([kept]);
  });
});
