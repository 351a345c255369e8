// One term per thing, in every language, on screens, receipts and reports (issue 13, item 14).
// The catalogue test (catalogs.test.ts) fails on a forbidden variant in any text. Terms follow
// the official FAQ (the domain digest's "Words" table, shared/domain/README.md); Portuguese follows the 1990 spelling
// agreement as used in Portugal and Macau (ação, correção, ativada; contacto and facto stay).

type Lang = 'zh-Hant' | 'pt' | 'en';

export interface GlossaryTerm {
  /** What the term names. */
  thing: string;
  /** The one word to use. */
  use: Record<Lang, string>;
  /** Variants that must not appear (another word for the same thing). */
  forbidden: Partial<Record<Lang, readonly RegExp[]>>;
}

export const GLOSSARY: readonly GlossaryTerm[] = [
  {
    thing: 'legal representative (FAQ 5)',
    use: { 'zh-Hant': '合法代表', pt: 'representante legal', en: 'legal representative' },
    forbidden: { 'zh-Hant': [/法定代表/], pt: [/representante jurídico/i], en: [/legal rep\b/i] },
  },
  {
    thing: 'the entity account agreement (ps-2112a)',
    use: { 'zh-Hant': '實體帳戶協議', pt: 'acordo da conta de entidade', en: 'entity account agreement' },
    forbidden: { 'zh-Hant': [/協議書/], pt: [/\bacordo\b(?! da conta de entidade)/i], en: [/(?<!account )\bagreement\b/i] },
  },
  {
    thing: 'the supervisor does not approve an application',
    use: { 'zh-Hant': '不批准', pt: 'não aprovar / não aprovado', en: 'do not approve / not approved' },
    // 拒絕 stays for refusing a file, a key or a request (拒絕匯入, 中央系統拒絕), never for the decision.
    forbidden: { 'zh-Hant': [/拒絕此申請|拒絕原因|申請已拒絕|已拒絕$|^拒絕$|\+ 拒絕/], pt: [/rejei|rejeição|indeferi/i], en: [/\breject/i] },
  },
  {
    thing: 'the day-end report',
    use: { 'zh-Hant': '日終對帳報告', pt: 'relatório do fim do dia', en: 'day-end report' },
    forbidden: {
      'zh-Hant': [/日結報告/, /日結對帳/],
      pt: [/fecho do dia/i, /reconciliação do fim do dia/i],
      en: [/day-end reconciliation report/i, /end-of-day report/i],
    },
  },
  {
    thing: 'the camera',
    use: { 'zh-Hant': '相機', pt: 'câmara', en: 'camera' },
    forbidden: { 'zh-Hant': [/鏡頭/, /攝影機/], pt: [/câmera/i], en: [/\blens\b/i, /webcam/i] },
  },
  {
    thing: 'staff login ID (FAQ 18, 19)',
    use: { 'zh-Hant': '工作人員登入號', pt: 'conta de acesso de trabalhador', en: 'staff login ID' },
    forbidden: { 'zh-Hant': [/員工登入帳號/, /員工帳號/, /(?<!工作人員)登入帳號/] },
  },
];

/** Spellings the 1990 agreement changed (Portugal and Macau usage): the old form is forbidden in pt. */
export const PT_PRE_1990: readonly RegExp[] = [
  /(?<![\p{L}])(?:re)?activ(?:a|ad|aç|ar|o)/iu,
  /(?<![\p{L}])ac[çt](?:ão|ões|o|os|ua|uai|uali)/iu,
  /(?<![\p{L}])(?:in)?correc(?:ç|t)/iu,
  /(?<![\p{L}])electr/iu,
  /(?<![\p{L}])direc[çt]/iu,
  /(?<![\p{L}])exact/iu,
  /(?<![\p{L}])(?:selec|recep|excep|protec|inspec|colec)ç/iu,
  /(?<![\p{L}])efectu/iu,
  /(?<![\p{L}])objectiv/iu,
  /(?<![\p{L}])óptim/iu,
  /carácter/iu,
];

/**
 * A number that can be 1 followed by a plural noun ("1 pages") must be an ICU plural:
 * these placeholders hold counts.
 */
export const COUNTED = ['count', 'pages', 'remaining', 'minutes', 'files', 'approved', 'refused'] as const;
