import { describe, expect, it } from 'vitest';
import { sampleContext, sampleFirstApplication } from './rules/sample-applications';
import { assess } from './rules/assess';
import { entityIdentity, searchTerms } from './search-terms';

describe('search terms and entity identity', () => {
  it('indexes names, numbers and normalised ID numbers', () => {
    const app = sampleFirstApplication();
    app.persons[1]!.idDocument.number = 'a 123456 3';
    expect(searchTerms(app)).toEqual({
      entityNames: ['澳門示例貿易有限公司', 'Exemplo Comércio, Limitada'],
      registrationNumbers: ['12345SO', '80123456'],
      idNumbers: ['1234567(8)', 'A123456(3)'],
    });
  });

  it('a pending application found by its identity blocks a second one for the same entity (FAQ 8)', () => {
    const first = sampleFirstApplication();
    const second = sampleFirstApplication();
    second.entity.taxpayerNumber = undefined;
    second.entity.commercialRegistrationNumber = undefined;
    second.entity.names = { pt: 'EXEMPLO COMÉRCIO LDA' };
    const ctx = { ...sampleContext(), pendingApplications: [{ id: 'APP-1', identity: entityIdentity(first) }] };
    const r = assess(second, ctx).requirements.find((x) => x.id === 'entity.same-name.application.APP-1');
    expect(r?.status).toBe('missing');
    expect(r?.message.key).toBe('rules.duplicate.pending.name');
  });
});
