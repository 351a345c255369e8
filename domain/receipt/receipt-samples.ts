import type { ReceiptInputData } from './receipt-input';

// Fixed, fictional sample data: one receipt per application kind, for layout review
// (npm run receipt:sample), the visual snapshot tests and the benchmark. The names,
// numbers and phones are invented; the fixed issue time keeps the output byte-stable.

export const SAMPLE_ISSUED_AT = '2026-11-23T03:15:00Z';

const servicePoint = {
  code: 'SAFP01',
  nameZh: '政府綜合服務大樓',
  namePt: 'Centro de Serviços da RAEM',
  nameEn: 'Government Services Centre',
};

export interface ReceiptSample {
  name: string;
  english: boolean;
  input: ReceiptInputData;
}

export const RECEIPT_SAMPLES: ReceiptSample[] = [
  {
    name: 'first-application',
    english: true,
    input: {
      applicationNumber: 'W1A2-20261123-0007',
      kind: 'first_application',
      entity: {
        type: 'association',
        nameZh: '氹仔海濱文化協會',
        namePt: 'Associação Cultural da Marginal da Taipa',
        nameEn: 'Taipa Waterfront Cultural Association',
      },
      issuedAt: SAMPLE_ISSUED_AT,
      servicePoint,
      workstationId: 'W1A2',
      clerkStaffNumber: '30517',
      documents: [
        { kind: 'application_form', sighting: 'original', copyKept: false, pagesScanned: 2 },
        { kind: 'agreement', sighting: 'original', copyKept: false, pagesScanned: 2 },
        { kind: 'admin_form', sighting: 'original', copyKept: false, pagesScanned: 1 },
        {
          kind: 'legal_rep_id',
          person: { name: '陳大文 CHAN TAI MAN', idType: 'mo_bir_permanent', idNumber: '1234567(8)' },
          sighting: 'original',
          copyKept: false,
          pagesScanned: 0,
        },
        {
          kind: 'admin_id',
          person: { name: '何美玲 HO MEI LENG', idType: 'hk_id', idNumber: 'A123456(3)' },
          sighting: 'original',
          copyKept: true,
          pagesScanned: 1,
        },
      ],
      pagesScanned: 6,
      adminMobiles: ['+853 6612 3456'],
    },
  },
  {
    name: 'change-of-data',
    english: false,
    input: {
      applicationNumber: 'W1A2-20261123-0008',
      kind: 'change_of_data',
      changes: ['add_admin', 'contact'],
      entity: { type: 'company', nameZh: '海灣貿易有限公司', namePt: 'Sociedade Comercial Baía, Limitada' },
      issuedAt: SAMPLE_ISSUED_AT,
      servicePoint,
      workstationId: 'W1A2',
      clerkStaffNumber: '30517',
      documents: [
        { kind: 'change_form', sighting: 'original', copyKept: false, pagesScanned: 2 },
        { kind: 'admin_form', sighting: 'original', copyKept: false, pagesScanned: 1 },
        {
          kind: 'admin_id',
          person: { name: 'JOÃO CONCEIÇÃO DA SILVA', idType: 'passport', idNumber: 'P1234567' },
          sighting: 'original',
          copyKept: true,
          pagesScanned: 1,
        },
        { kind: 'power_of_attorney', sighting: 'certified_copy', copyKept: true, pagesScanned: 3 },
        {
          kind: 'attorney_id',
          person: { name: '黃志強 WONG CHI KEONG', idType: 'cn_travel_permit', idNumber: 'C12345678' },
          sighting: 'copy',
          copyKept: true,
          pagesScanned: 1,
        },
      ],
      pagesScanned: 8,
      adminMobiles: ['+85368889999', '+351 912 345 678'],
    },
  },
  {
    name: 'security-code',
    english: false,
    input: {
      applicationNumber: 'W1A2-20261123-0009',
      kind: 'security_code',
      entity: { type: 'business_owner', nameZh: '李記茶餐廳', namePt: 'Casa de Chá Lei Kei' },
      issuedAt: SAMPLE_ISSUED_AT,
      servicePoint,
      workstationId: 'W1A2',
      clerkStaffNumber: '41102',
      documents: [
        {
          kind: 'other',
          label: { zh: '工作人員登入號持有人身份證明文件', pt: 'Documento de identificação do titular', en: 'ID document of the login holder' },
          person: { name: '林小紅 LAM SIU HONG', idType: 'cn_resident_id', idNumber: '44010619900307123X' },
          sighting: 'original',
          copyKept: false,
          pagesScanned: 0,
        },
      ],
      pagesScanned: 0,
    },
  },
  {
    name: 'face-recognition',
    english: true,
    input: {
      applicationNumber: 'W1A2-20261123-0010',
      kind: 'face_recognition',
      entity: { type: 'building_management_body', nameZh: '海景花園分層建築物管理機關', namePt: 'Órgão de Administração do Jardim Vista Mar' },
      issuedAt: SAMPLE_ISSUED_AT,
      servicePoint,
      workstationId: 'W1A2',
      clerkStaffNumber: '41102',
      documents: [
        {
          kind: 'other',
          label: { zh: '工作人員登入號持有人身份證明文件', pt: 'Documento de identificação do titular', en: 'ID document of the login holder' },
          person: { name: '梁國華 LEONG KUOK WA', idType: 'mo_bir_non_permanent', idNumber: '5123456(7)' },
          sighting: 'original',
          copyKept: false,
          pagesScanned: 0,
        },
      ],
      pagesScanned: 0,
      reprintCount: 1,
    },
  },
];

/**
 * The most people a submitted application's receipt can list: 8 legal representatives
 * (domain/model/application.ts MAX_LEGAL_REPRESENTATIVES), 3 admins (the rules' MAX_ADMINS,
 * ps-2112a; more is refused before submission) and the attorney (FAQ 6), 12 people each
 * with a different, uncommon Chinese name, both
 * of a legal representative's IDs (FAQ 5), a power of attorney (FAQ 6), the longest kind of
 * entity names and English on. Every distinct Chinese character is one more glyph in the
 * PDF's font subset, so this is the receipt the < 60 KB size target (issue 6) is held to.
 */
export const WORST_CASE_RECEIPT_SAMPLE: ReceiptSample = (() => {
  const names = ['歐陽鴻德', '司徒麗嬋', '諸葛瑋琛', '黃梓蕎', '鄺樂瑤', '譚蔚霆', '龐曉澄', '鍾翊麟', '葉靜嵐', '蘇綺霞', '駱卓謙', '闕凱鋒'];
  const person = (i: number) => ({ name: `${names[i] ?? ''} SURNAME GIVEN-NAME ${i + 1}`, idType: 'passport' as const, idNumber: `P${1000000 + i * 7919}` });
  const id = (kind: 'legal_rep_id' | 'admin_id' | 'attorney_id', i: number) => ({
    kind,
    person: person(i),
    sighting: 'original' as const,
    copyKept: true,
    pagesScanned: 2,
  });
  return {
    name: 'worst-case',
    english: true,
    input: {
      applicationNumber: 'W1A2-20261123-0099',
      kind: 'first_application',
      entity: {
        type: 'association',
        nameZh: '澳門氹仔路環離島區居民聯誼暨文化體育康樂促進總會',
        namePt: 'Associação de Promoção Cultural, Desportiva e Recreativa dos Residentes das Ilhas de Taipa e Coloane',
        nameEn: 'Association for the Cultural, Sports and Recreational Promotion of the Residents of the Islands of Taipa and Coloane',
      },
      issuedAt: SAMPLE_ISSUED_AT,
      servicePoint,
      workstationId: 'W1A2',
      clerkStaffNumber: '30517',
      documents: [
        { kind: 'application_form', sighting: 'original', copyKept: false, pagesScanned: 2 },
        { kind: 'agreement', sighting: 'original', copyKept: false, pagesScanned: 2 },
        { kind: 'admin_form', sighting: 'original', copyKept: false, pagesScanned: 3 },
        ...Array.from({ length: 8 }, (_, i) => [id('legal_rep_id', i), id('legal_rep_id', i)]).flat(),
        ...Array.from({ length: 3 }, (_, i) => id('admin_id', 8 + i)),
        id('attorney_id', 11),
        { kind: 'power_of_attorney', sighting: 'certified_copy', copyKept: true, pagesScanned: 4 },
        { kind: 'registration_certificate', sighting: 'certified_copy', copyKept: true, pagesScanned: 3 },
      ],
      pagesScanned: 60,
      adminMobiles: ['+853 6612 3456', '+853 6623 4567', '+852 9123 4567'],
    },
  };
})();
