// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApplicationSchema, type Application, type ApplicationInput } from '../../../../domain/model/application';
import { sampleFirstApplication, sampleFirstApplicationWithAttorney } from '../../../../domain/rules/sample-applications';
import { useLocaleStore } from '../../i18n/locale-store';
import { ReviewData } from './ReviewData';

// What the supervisor reads beside the scans: every kind of application as labelled sections in
// the paper's order, in the user's language, never the stored JSON.

afterEach(() => {
  cleanup();
  useLocaleStore.getState().setLocale('zh-Hant');
});

const scan = (n: number) => n.toString(16).padStart(64, '0');

function show(app: Application | Record<string, unknown>) {
  render(<ReviewData data={app as Record<string, unknown>} />);
  return screen.getByRole('region', { name: '申請資料' });
}

/** The section under a heading, as its label → value pairs. */
function fieldsUnder(heading: string, level = 3): Record<string, string> {
  const h = screen.getByRole('heading', { name: heading, level });
  const box = h.closest(level === 3 ? 'section' : '.review-person') as HTMLElement;
  const out: Record<string, string> = {};
  for (const dt of within(box).queryAllByRole('term')) out[dt.textContent ?? ''] = dt.nextElementSibling?.textContent ?? '';
  return out;
}

const sectionHeadings = () => screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);

function changeOfData(): Application {
  const input: ApplicationInput = {
    kind: 'change_of_data',
    entity: {
      entityNumber: 'E0042',
      type: 'association',
      names: { zh: '澳門舊帳戶協會' },
      associationRegistrationNumber: '1234',
      contact: { phone: '28000000', contactPerson: '黃小姐' },
    },
    change: { changes: ['remove_admin', 'contact'], removedAdmins: ['張三', 'lei.si'] },
    documents: { 'paper.application_form': { sighting: 'original', attachments: [scan(1)] } },
  };
  return ApplicationSchema.parse(input);
}

function securityCode(): Application {
  return ApplicationSchema.parse({
    kind: 'security_code',
    entity: { entityNumber: 'E0042', names: { zh: '澳門舊帳戶有限公司' } },
    securityCode: {
      staffLoginId: 'chan.taiman',
      entityNumber: 'E0042',
      idDocumentShown: { type: 'mo_bir_permanent', number: '1234567(8)' },
      loginActivated: true,
      qrPayload: 'MOA:SC:1234',
    },
    documents: { 'security_code.id': { sighting: 'original', attachments: [] } },
  } satisfies ApplicationInput);
}

function faceRecognition(): Application {
  return ApplicationSchema.parse({
    kind: 'face_recognition',
    entity: { entityNumber: 'E0042', names: { zh: '澳門舊帳戶有限公司' } },
    faceRecognition: { staffLoginId: 'chan.taiman', idDocumentShown: { type: 'mo_bir_non_permanent', number: '7654321(0)', expiry: '2029-05-01' } },
  } satisfies ApplicationInput);
}

describe('ReviewData', () => {
  it.each([
    ['first application', sampleFirstApplication, ['一、實體資料', '二、合法代表', '四、實體管理員（1 至 3 名）', '五、聯絡資料', '文件']],
    [
      'first application by an attorney',
      sampleFirstApplicationWithAttorney,
      ['一、實體資料', '二、合法代表', '三、受權人（授權書）', '四、實體管理員（1 至 3 名）', '五、聯絡資料', '文件'],
    ],
    ['change of data (remove an admin, contact)', changeOfData, ['更改事項', '一、實體資料', '五、聯絡資料', '文件']],
    ['security code', securityCode, ['一、實體資料', '啟用安全驗證碼', '文件']],
    ['face recognition', faceRecognition, ['一、實體資料', '重啟面容識別', '文件']],
  ])('%s: the sections of its paper form, in order, and no stored JSON', (_name, make, headings) => {
    const region = show(make());
    expect(sectionHeadings()).toEqual(headings);
    expect(region.textContent).not.toMatch(/[{}"]/);
    // Internal codes are translated, not shown: no slot ids, no enum values.
    expect(region.textContent).not.toMatch(/paper\.|lr\.p\d|mo_bir|first_application|company|association/);
  });

  it('first application: entity, each person with their ID, an admin who is also a legal representative, documents by name', () => {
    const app = sampleFirstApplication();
    app.legalRepresentatives.push({ personId: 'p2', attendsInPerson: true });
    app.documents['lr.p2.id'] = { sighting: 'original', attachments: [scan(8)] };
    app.documents['lr.p2.signed-id'] = { sighting: 'copy', attachments: [scan(9)] };
    show(app);
    expect(fieldsUnder('一、實體資料')).toEqual({
      實體類別: '公司',
      中文名稱: '澳門示例貿易有限公司',
      葡文名稱: 'Exemplo Comércio, Limitada',
      商業登記編號: '12345 SO',
      納稅人編號: '80123456',
      中文地址: '澳門新馬路 1 號',
    });
    expect(fieldsUnder('合法代表 1', 4)).toEqual({
      姓名: '陳大文',
      身份證明文件類別: '澳門永久居民身份證',
      證件號碼: '1234567(8)',
      證件有效期至: '01/01/2030',
      證件有簽名式樣: '有',
      '手提電話（接收啟動碼短訊）': '66123456',
      電郵: 'chan@exemplo.mo',
    });
    // FAQ 5: the HK ID has no specimen, so the person signs at the counter: the supervisor sees both.
    expect(fieldsUnder('合法代表 2', 4)).toMatchObject({ 證件有簽名式樣: '沒有', 本人親臨櫃檯簽署: '是' });
    // Admin 1 is legal representative 1: the ID is not repeated, the admin's contact is.
    const admin1 = screen.getByRole('heading', { name: '實體管理員 1', level: 4 }).closest('.review-person') as HTMLElement;
    expect(admin1.textContent).toContain('與合法代表 陳大文 為同一人');
    expect(fieldsUnder('實體管理員 1', 4)).toEqual({ '手提電話（接收啟動碼短訊）': '66123456', 電郵: 'chan@exemplo.mo' });
    expect(fieldsUnder('五、聯絡資料')).toEqual({ 聯絡電話: '28312345', 電郵: 'info@exemplo.mo' });
    const docs = within(screen.getByRole('heading', { name: '文件' }).closest('section') as HTMLElement)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(docs).toEqual(
      expect.arrayContaining([
        '合法代表身份證明文件（陳大文）: 正本 · 1 份掃描',
        '實體管理員身份證明文件（李小明）: 影印本 · 1 份掃描',
        '實體帳戶申請表: 正本 · 1 份掃描',
        '工作人員登入號（實體管理員）申請表: 正本 · 1 份掃描',
        '合法代表身份證明文件（李小明）：另一份有簽名式樣的證件: 影印本 · 1 份掃描',
      ]),
    );
  });

  it('attorney: the power of attorney, whether notarised, and who the attorney is', () => {
    show(sampleFirstApplicationWithAttorney());
    expect(fieldsUnder('三、受權人（授權書）')).toMatchObject({ 申請表由受權人簽署: '是', 授權書上的簽名經公證認定: '是' });
    expect(fieldsUnder('受權人', 4)).toMatchObject({ 姓名: 'Maria Santos', 身份證明文件類別: '護照', 護照簽發國家: 'PRT' });
    expect(screen.getByText('授權書: 認證繕本 · 1 份掃描')).toBeTruthy();
  });

  it('change of data: what changes, which admins go, the account it is for, and the change form by its name', () => {
    show(changeOfData());
    const changes = screen.getByRole('heading', { name: '更改事項' }).closest('section') as HTMLElement;
    expect(
      within(changes)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['取消實體管理員', '更改聯絡資料']);
    expect(fieldsUnder('更改事項')).toEqual({ '要取消的實體管理員 1': '張三', '要取消的實體管理員 2': 'lei.si' });
    expect(fieldsUnder('一、實體資料')).toMatchObject({ 實體編號: 'E0042', 實體類別: '社團', '社團／財團登記編號': '1234' });
    expect(fieldsUnder('五、聯絡資料')).toEqual({ 聯絡電話: '28000000', 聯絡人: '黃小姐' });
    expect(screen.getByText('更改資料申請表: 正本 · 1 份掃描')).toBeTruthy();
  });

  it.each([
    [
      'security code',
      securityCode,
      '啟用安全驗證碼',
      { 工作人員登入號: 'chan.taiman', 實體編號: 'E0042', 已確認登入號已啟動: '是', 掃描所得二維碼內容: 'MOA:SC:1234' },
      { 身份證明文件類別: '澳門永久居民身份證', 證件號碼: '1234567(8)' },
    ],
    [
      'face recognition',
      faceRecognition,
      '重啟面容識別',
      { 工作人員登入號: 'chan.taiman' },
      { 身份證明文件類別: '澳門非永久居民身份證', 證件號碼: '7654321(0)', 證件有效期至: '01/05/2029' },
    ],
  ])('%s: the staff login and the ID shown at the counter', (_name, make, heading, login, id) => {
    show(make());
    const section = screen.getByRole('heading', { name: heading, level: 3 }).closest('section') as HTMLElement;
    const [loginList, idList] = section.querySelectorAll('dl');
    const pairs = (dl: Element | undefined) =>
      Object.fromEntries([...(dl?.querySelectorAll('dt') ?? [])].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]));
    expect(pairs(loginList)).toEqual(login);
    expect(within(section).getByRole('heading', { name: '出示的身份證明文件', level: 4 })).toBeTruthy();
    expect(pairs(idList)).toEqual(id);
  });

  it('a document neither sighted nor scanned is not listed; with none, it says so', () => {
    const app = faceRecognition();
    app.documents['face_recognition.id'] = { sighting: 'none', attachments: [] };
    show(app);
    expect(screen.getByText('沒有記錄任何文件。')).toBeTruthy();
  });

  it('in Portuguese when the user reads Portuguese', () => {
    useLocaleStore.getState().setLocale('pt');
    render(<ReviewData data={sampleFirstApplication() as unknown as Record<string, unknown>} />);
    expect(screen.getByRole('heading', { name: '1. Entidade', level: 3 })).toBeTruthy();
    expect(screen.getByText('Formulário de pedido da conta de entidade: Original · 1 digitalização', { exact: false })).toBeTruthy();
  });

  it('dates read day first in every language, as on every other screen (issue 13 item 15)', () => {
    for (const locale of ['pt', 'en', 'zh-Hant'] as const) {
      useLocaleStore.getState().setLocale(locale);
      const app = sampleFirstApplication();
      app.entity = { ...app.entity, type: 'association', associationRegistrationNumber: 'A9', statutesPublicationDate: '2001-02-03' };
      const { container } = render(<ReviewData data={app as unknown as Record<string, unknown>} />);
      const region = container.querySelector('.review-data') as HTMLElement;
      expect(region.textContent).toContain('03/02/2001');
      expect(region.textContent).toContain('01/01/2030');
      expect(region.textContent).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      cleanup();
    }
  });

  it('data that is not an application (an old draft) is shown as stored, with a note, not hidden', () => {
    const region = show({ kind: 'something_else', names: 'x' });
    expect(region.textContent).toContain('此申請的資料未能按申請表格式讀取');
    expect(region.textContent).toContain('"something_else"');
  });

  it('shows what the clerk recorded about a same-name entity (FAQ 8, issue 13 item 7): what, why, who and when', () => {
    const app = sampleFirstApplication();
    app.distinctEntities = {
      'entity.E0001': { reason: '登記編號及地址不同', subject: '實體 E0001（澳門示例協會）', by: 'S002', at: '2026-11-23T02:05:00.000Z' },
    };
    show(app);
    const h = screen.getByRole('heading', { name: '名稱相同，已記錄為另一實體（常見問題第 8 題）', level: 3 });
    const text = h.closest('section')?.textContent ?? '';
    expect(text).toContain('實體 E0001（澳門示例協會）：登記編號及地址不同（S002，');
    expect(text).toContain('10:05');
  });

  it('has no such section when nothing was recorded', () => {
    show(sampleFirstApplication());
    expect(screen.queryByRole('heading', { name: /已記錄為另一實體/ })).toBeNull();
  });
});
