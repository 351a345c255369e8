// The fixed vocabularies every layer shares (stored in the database, sent over the API,
// printed on receipts). Values are stable identifiers: never rename one, only add.

/** FAQ 2: who may hold an entity user account. */
export const ENTITY_TYPES = [
  'association', // 社團
  'foundation', // 財團
  'company', // 公司
  'business_owner', // 自然人商業企業主
  'building_management_body', // 樓宇管理機關 (organisation without legal personality)
  'unincorporated_organisation', // 其他無法律人格的組織
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/**
 * What the paper in front of the clerk asks for. A change of data (ps-2112b) can carry
 * several changes on one form, so its changes are a list (see CHANGE_TYPES).
 */
export const APPLICATION_KINDS = [
  'first_application', // 首次申請 ps-2112a
  'change_of_data', // 更改資料 ps-2112b
  'security_code', // 啟用安全驗證碼 FAQ 19
  'face_recognition', // 重啟面容識別 FAQ 18
] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];

export const CHANGE_TYPES = ['add_admin', 'remove_admin', 'legal_representatives', 'contact'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

/** FAQ 5, 18, 19: the kind of ID document decides copy rules and the e-ID tool. */
export const ID_DOCUMENT_TYPES = [
  'mo_bir_permanent', // 澳門永久居民身份證
  'mo_bir_non_permanent', // 澳門非永久居民身份證
  'hk_id', // 香港身份證
  'cn_resident_id', // 中華人民共和國居民身份證
  'cn_travel_permit', // 往來港澳通行證
  'passport',
  'other',
] as const;
export type IdDocumentType = (typeof ID_DOCUMENT_TYPES)[number];

/**
 * Workflow states of an application at the counter (OpenCRVS-style: each state has one
 * owner who may move it on). Sync is tracked apart from the state: an approved
 * application may or may not have reached the central API yet.
 */
// 'discarded': a draft the clerk threw away before it was ever submitted (a FAQ 8 duplicate,
// a form started by mistake). Terminal; it never reaches the approval queue nor the day-end count.
export const APPLICATION_STATUSES = ['draft', 'pending_approval', 'returned', 'approved', 'rejected', 'discarded'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** How the clerk saw a document (FAQ 5, FAQ 6, ps-2112a). */
export const SIGHTING_KINDS = ['original', 'certified_copy', 'copy', 'none'] as const;
export type SightingKind = (typeof SIGHTING_KINDS)[number];
