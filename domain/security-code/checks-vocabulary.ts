// The vocabulary of the counter's checks before enabling an e-ID tool (issue 16, FAQ 18, 19).
// Pure constants shared by the contract, the checks and the renderer. Values are stored in
// audit details and sent over the API: add, never rename.

/** The checks of a security-code verdict, in the order they run (FAQ 19). */
export const SECURITY_CODE_CHECKS = [
  'format', // the scanned text is a security-code QR at all (prefix, digits, length, structure)
  'version', // a payload version and purpose this workstation knows
  'check_digit', // ISO 7064 MOD 97-10 over the digits: a misread means "scan again", not "forged"
  'signature', // ES256 by the phone's key over the payload
  'expiry', // within its validity window, give or take the allowed clock skew
  'replay', // this nonce was never used on this workstation (the server consumes it too)
  'entity_number', // the entity number the person gave equals the QR's (FAQ 11, 19)
  'login_exists', // the QR's staff login exists in that entity (reference data)
  'activated', // FAQ 19: the login is activated
  'non_macau_id', // FAQ 19: registered with a non-Macau ID (a Macau ID uses face recognition, FAQ 18)
  'not_already_on', // the login's security code is not already on
  'id_matches', // FAQ 19: the ID sighted equals the one the login was registered with
  'original_sighted', // FAQ 19: the clerk saw the original document
] as const;
export type SecurityCodeCheckId = (typeof SECURITY_CODE_CHECKS)[number];

/** The checks of a face-recognition re-enable (FAQ 18). */
export const FACE_RECOGNITION_CHECKS = ['login_exists', 'macau_id', 'activated', 'switched_off', 'id_matches', 'original_sighted'] as const;
export type FaceRecognitionCheckId = (typeof FACE_RECOGNITION_CHECKS)[number];

export const CHECK_STATUSES = ['pass', 'fail', 'not_checked'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

/**
 * What the clerk should do next when a verdict fails: show a fresh scan of the same code,
 * ask the person for a new code (expired, replayed), send them to face recognition (FAQ 18),
 * or refuse (the rest). `none` when everything passed.
 */
export const VERDICT_ADVICE = ['none', 'scan_again', 'new_code', 'face_recognition', 'refuse'] as const;
export type VerdictAdvice = (typeof VERDICT_ADVICE)[number];

export const EID_TOOLS = ['security_code', 'face_recognition'] as const;
export type EidTool = (typeof EID_TOOLS)[number];

/** An enablement is queued at the counter until the central server re-checks and answers (issue 16 item 4). */
export const ENABLEMENT_STATES = ['queued', 'confirmed', 'refused'] as const;
export type EnablementState = (typeof ENABLEMENT_STATES)[number];
