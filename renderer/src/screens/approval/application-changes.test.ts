import { describe, expect, it } from 'vitest';
import { sampleFirstApplication } from '../../../../domain/rules/sample-applications';
import { translate, type Locale, type MessageKey, type MessageParams } from '../../../../i18n';
import { applicationChanges } from './application-changes';

const tIn = (locale: Locale) => (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
const t = tIn('zh-Hant');

describe('what changed since the form was returned (issue 13 item 11)', () => {
  it('nothing changed: no rows', () => {
    expect(applicationChanges(t, sampleFirstApplication(), sampleFirstApplication(), 'zh-Hant')).toEqual([]);
  });

  it('names each changed field as the data pane does, with its old and new value', () => {
    const before = sampleFirstApplication();
    const after = sampleFirstApplication();
    after.entity.names.zh = '澳門示例貿易（新）有限公司';
    after.entity.taxpayerNumber = undefined;
    after.persons[1]!.idDocument.number = 'A765432(1)';
    after.documents['paper.agreement'] = { sighting: 'certified_copy', attachments: after.documents['paper.agreement']!.attachments };
    const rows = applicationChanges(t, before, after, 'zh-Hant').map(({ label, before: was, after: now }) => [label, was, now]);
    expect(rows).toEqual([
      [`${t('intake.section.entity')} · 中文名稱`, '澳門示例貿易有限公司', '澳門示例貿易（新）有限公司'],
      [expect.stringContaining('納稅人編號'), '80123456', ''],
      ['實體管理員 2 · 李小明 · 證件號碼', 'A123456(3)', 'A765432(1)'],
      [translate('zh-Hant', 'receipt.doc.agreement'), translate('zh-Hant', 'intake.sighting.original'), translate('zh-Hant', 'intake.sighting.certified_copy')],
    ]);
  });

  it('a person added in between is new fields, the others unchanged; a person removed is listed with nothing after', () => {
    const before = sampleFirstApplication();
    const after = sampleFirstApplication();
    after.persons = after.persons.filter((p) => p.id !== 'p2');
    after.admins = after.admins.filter((a) => a.personId !== 'p2');
    const removed = applicationChanges(t, before, after, 'zh-Hant');
    expect(removed.length).toBeGreaterThan(0);
    expect(removed.every((c) => c.after === '' && c.label.includes('李小明'))).toBe(true);
    expect(removed.map((c) => c.before)).toContain('A123456(3)');
  });

  it('an ID expiry or a statutes date changed reads day first, old and new (issue 13 item 15)', () => {
    const before = sampleFirstApplication();
    const after = sampleFirstApplication();
    before.entity.statutesPublicationDate = '2001-02-03';
    after.entity.statutesPublicationDate = '2001-03-02';
    after.persons[0]!.idDocument.expiry = '2031-06-30';
    const rows = applicationChanges(tIn('pt'), before, after, 'pt').map((c) => [c.before, c.after]);
    expect(rows).toEqual([
      ['03/02/2001', '02/03/2001'],
      ['01/01/2030', '30/06/2031'],
    ]);
  });

  it('in Portuguese and English too', () => {
    const before = sampleFirstApplication();
    const after = sampleFirstApplication();
    after.entity.names.pt = 'Exemplo Comércio (Macau), Limitada';
    expect(applicationChanges(tIn('pt'), before, after, 'pt')[0]?.label).toBe(
      `${translate('pt', 'intake.section.entity')} · ${translate('pt', 'intake.entity.namePt')}`,
    );
    expect(applicationChanges(tIn('en'), before, after, 'en')[0]?.label).toBe(
      `${translate('en', 'intake.section.entity')} · ${translate('en', 'intake.entity.namePt')}`,
    );
  });
});
