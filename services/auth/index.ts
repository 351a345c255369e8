export {
  createAuthService,
  AUTH_SETTING_DEFAULTS,
  type AuthRefusalCode,
  type SessionRefusalCode,
  type AuthService,
  type AuthServiceDeps,
  type AuthStatus,
  type ElevationMode,
} from './auth-service';
export {
  createSessionState,
  actorOf,
  INTAKE_ROLES,
  type SessionState,
  type SignedInUser,
  type ActiveSession,
  type Elevation,
  type SessionOptions,
} from './session-state';
export { hashPassword, verifyPassword, PASSWORD_PARAMS, MIN_PASSWORD_LENGTH, type PasswordParams } from './password-verifier';
export {
  verifyEnrolmentFile,
  signEnrolmentFile,
  rawPublicKeyBase64,
  parseEnrolmentPublicKey,
  EnrolmentError,
  ENROLMENT_FORMAT,
  type EnrolmentPayload,
  type EnrolledUser,
} from './enrolment-file';
export { createUsersRepo, type UserRecord, type UsersRepo } from './users-repo';
