// Names of document slots and eye-check ticks. The UI, the store and the rules share them,
// so they are built here rather than spelled out in several places.
export const PAPERS = ['application_form', 'agreement', 'admin_form'] as const;
export type Paper = (typeof PAPERS)[number];

export const POA_WORDING = ['consent_open_account', 'names_who_may_act'] as const;
export type PoaWording = (typeof POA_WORDING)[number];

export const slots = {
  lrId: (personId: string) => `lr.${personId}.id`,
  /** FAQ 5: a copy of another ID of the same person that bears a signature. */
  lrSignedId: (personId: string) => `lr.${personId}.signed-id`,
  adminId: (personId: string) => `admin.${personId}.id`,
  attorneyId: 'attorney.id',
  poa: 'poa',
  paper: (paper: Paper) => `paper.${paper}`,
  securityCodeId: 'security_code.id',
  faceRecognitionId: 'face_recognition.id',
};

export const checks = {
  paperSigned: (paper: Paper) => `paper.${paper}.signed`,
  paperSealed: (paper: Paper) => `paper.${paper}.sealed`,
  lrSignatureMatches: (personId: string) => `lr.${personId}.signature-matches`,
  adminConsent: (personId: string) => `admin.${personId}.lr-consent`,
  poaWording: (item: PoaWording) => `poa.wording.${item}`,
  idShownMatches: 'security_code.id-shown',
};
