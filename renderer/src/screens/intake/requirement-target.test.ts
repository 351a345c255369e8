import { describe, expect, it } from 'vitest';
import { ApplicationSchema, emptyApplication, type Application } from '../../../../domain/model/application';
import { assess, emptyContext } from '../../../../domain/rules';
import { sampleContext, sampleFirstApplication, sampleFirstApplicationWithAttorney } from '../../../../domain/rules/sample-applications';
import { liveAssessment } from './live-assessment';
import { targetOf } from './requirement-target';

const TODAY = '2026-11-23';

function blankPeople(): Application {
  const app = sampleFirstApplicationWithAttorney();
  for (const p of app.persons) p.idDocument = { number: '', bearsSignatureSpecimen: false, expiry: '2020-01-01' };
  for (const p of app.persons) p.mobile = 'x';
  app.documents = {};
  app.checks = {};
  return app;
}

const changeOfData = () =>
  ApplicationSchema.parse({ kind: 'change_of_data', change: { changes: ['add_admin', 'remove_admin', 'legal_representatives', 'contact'] }, admins: [] });

describe('clicking a checklist item goes to the control that fixes it', () => {
  it.each([
    ['an empty first application', () => emptyApplication('first_application')],
    ['a first application with blank people and no papers', blankPeople],
    ['a change of data with every change ticked', changeOfData],
  ])('every missing item of %s has a target', (_name, make) => {
    const app = make();
    const missing = assess(app, emptyContext(TODAY)).requirements.filter((r) => r.status === 'missing');
    expect(missing.length).toBeGreaterThan(0);
    const untargeted = missing.filter((r) => targetOf(r, app.powerOfAttorney.attorneyPersonId) === null).map((r) => r.id);
    expect(untargeted).toEqual([]);
  });

  it.each([
    ['entity.type', undefined, '[data-field="entity.type"]'],
    ['lr.p1.id-number', 'p1', '[data-field="person.p1.id-number"]'],
    ['admin.p2.mobile', 'p2', '[data-field="person.p2.mobile"]'],
    ['lr.p2.signature-specimen', 'p2', '[data-field="lr.p2.in-person"]'],
    ['lr.p2.specimen-stated', 'p2', '[data-field="person.p2.specimen"]'],
    ['poa.attorney.id-number', undefined, '[data-field="person.p3.id-number"]'],
    ['poa.notarised', undefined, '[data-field="poa.notarised"]'],
    ['admins.count', undefined, '[data-field="admin.add"]'],
  ])('%s (person %s) goes to %s', (id, personId, selector) => {
    expect(
      targetOf({ id, status: 'missing', blocking: true, source: 'FAQ 5', message: { key: 'rules.person.name' }, ...(personId ? { personId } : {}) }, 'p3'),
    ).toBe(selector);
  });

  it('sends eye checks to their tick and documents to their sighting', () => {
    const reqs = assess(blankPeople(), emptyContext(TODAY)).requirements;
    const wording = reqs.find((r) => r.id === 'poa.wording.consent_open_account');
    expect(wording && targetOf(wording)).toBe('[data-check="poa.wording.consent_open_account"]');
    const paper = reqs.find((r) => r.id === 'paper.agreement.original');
    expect(paper && targetOf(paper)).toBe('[data-sighting="paper.agreement"]');
  });
});

describe('live checklist', () => {
  it('follows the working copy at once but keeps the core’s FAQ 8 verdict', () => {
    const app = sampleFirstApplication();
    app.entity.taxpayerNumber = '80999999';
    const core = assess(app, sampleContext());
    expect(core.requirements.find((r) => r.id === 'entity.no-existing-account')?.status).toBe('missing');
    delete app.checks['paper.agreement.signed'];
    const live = liveAssessment(app, core, TODAY);
    expect(live.requirements.find((r) => r.id === 'entity.no-existing-account')?.status).toBe('missing');
    expect(live.requirements.find((r) => r.id === 'paper.agreement.signed')?.status).toBe('missing');
    expect(live.blockingCount).toBe(2);
  });

  it('is submittable exactly when the core would say so for a complete sample', () => {
    const app = sampleFirstApplication();
    expect(liveAssessment(app, assess(app, sampleContext()), TODAY).blockingCount).toBe(0);
  });
});
