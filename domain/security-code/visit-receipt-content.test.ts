import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n';
import type { ReceiptBlock } from '../receipt/receipt-content';
import { buildVisitReceiptContent, visitReceiptLines, visitReference, type VisitReceiptData } from './visit-receipt-content';

// Issue 16 item 3, FAQ 19: the person's receipt for a visit lists one line per entity, each in
// its state — a line queued at the counter says it completes at sync, and only then does the
// receipt explain what "queued" means; a refused line carries the server's reason.

const data = (records: VisitReceiptData['records']): VisitReceiptData => ({
  reference: 'EID-W07-20261123-0A1B2C3D',
  issuedAt: '2026-11-23T03:15:00.000Z',
  servicePoint: { code: 'SP01', nameZh: '測試服務點', namePt: 'Posto de teste', nameEn: 'Test point' },
  workstationId: 'W07',
  clerkStaffNumber: 'C1',
  idShown: { type: 'hk_id', numberMasked: '****56(3)' },
  records,
});
const sc = (entityNumber: string, state: 'queued' | 'confirmed' | 'refused', over = {}) => ({
  tool: 'security_code' as const,
  state,
  entityNumber,
  staffLoginId: `lee.${entityNumber}`,
  ...over,
});
const documents = (blocks: ReceiptBlock[]) => blocks.find((b): b is Extract<ReceiptBlock, { type: 'documents' }> => b.type === 'documents');
const allText = (blocks: ReceiptBlock[]) => JSON.stringify(blocks);

describe('the visit receipt’s lines', () => {
  it('one line per entity, each saying its state in Chinese and Portuguese (English when the workstation prints it)', () => {
    const records = [sc('500123', 'confirmed'), sc('500777', 'queued')];
    const { blocks, locales } = buildVisitReceiptContent(data(records), { english: true });
    expect(locales).toEqual(['zh-Hant', 'pt', 'en']);
    const items = documents(blocks)?.items ?? [];
    expect(items).toHaveLength(2);
    for (const [i, l] of (['zh-Hant', 'pt', 'en'] as const).entries()) {
      expect(items[0]?.title[i]?.text).toBe(translate(l, 'eid.receipt.security_code.confirmed', { entityNumber: '500123', loginId: 'lee.500123' }));
      expect(items[1]?.title[i]?.text).toBe(translate(l, 'eid.receipt.security_code.queued', { entityNumber: '500777', loginId: 'lee.500777' }));
    }
    expect(visitReceiptLines(records).map((l) => l.messageKey)).toEqual(['eid.receipt.security_code.confirmed', 'eid.receipt.security_code.queued']);
  });

  it('explains "completes at sync" only when a line is still queued', () => {
    const queued = buildVisitReceiptContent(data([sc('500123', 'queued')]), { english: false }).blocks;
    expect(allText(queued)).toContain(translate('zh-Hant', 'eid.receipt.queuedNote'));
    expect(allText(queued)).toContain(translate('pt', 'eid.receipt.queuedNote'));
    const done = buildVisitReceiptContent(data([sc('500123', 'confirmed')]), { english: false }).blocks;
    expect(allText(done)).not.toContain(translate('zh-Hant', 'eid.receipt.queuedNote'));
    expect(allText(done)).not.toContain(translate('en', 'eid.receipt.title'));
  });

  it('a refused line carries the central server’s reason under it', () => {
    const items = documents(
      buildVisitReceiptContent(data([sc('500123', 'refused', { refusal: { messageKey: 'sc.check.already_on' } })]), { english: false }).blocks,
    )?.items;
    expect(items?.[0]?.title[0]?.text).toBe(translate('zh-Hant', 'eid.receipt.security_code.refused', { entityNumber: '500123', loginId: 'lee.500123' }));
    expect(items?.[0]?.details.map((d) => d.text)).toEqual([translate('zh-Hant', 'sc.check.already_on'), translate('pt', 'sc.check.already_on')]);
  });

  it('prints the masked ID shown, never more, and the reference with its signed QR', () => {
    const { blocks } = buildVisitReceiptContent(data([sc('500123', 'queued')]), { english: false });
    expect(allText(blocks)).toContain('****56(3)');
    expect(blocks.find((b) => b.type === 'applicationNumber')).toMatchObject({ number: 'EID-W07-20261123-0A1B2C3D' });
    expect(blocks.at(-1)?.type).toBe('qr');
  });

  it('the reference is the Macau day and the visit, in characters a receipt token can carry', () => {
    // 23:30 UTC is the next morning in Macau.
    expect(visitReference('W07', '0a1b2c3d-4e5f-4000-8000-000000000000', new Date('2026-11-23T23:30:00Z'))).toBe('EID-W07-20261124-0A1B2C3D');
    expect(visitReference('W07', 'visit_1', new Date('2026-11-23T03:00:00Z'))).toMatch(/^[A-Z0-9][A-Z0-9\-/]{0,39}$/);
  });
});
