import type { Role } from '../../domain/workflow';

export interface SignedInUser {
  userId: string;
  staffNumber: string;
  displayName: string;
  roles: Role[];
  servicePoints: string[];
  /** How this user appears in the audit log and in `createdBy`/`actor` columns. */
  actor: string;
}

export interface ActiveSession {
  sessionId: string;
  user: SignedInUser;
  signedInAt: string;
  lastActivityMs: number;
  locked: boolean;
}

export interface Elevation {
  user: SignedInUser;
  untilMs: number;
  /** null: any number of decisions until `untilMs`. */
  decisionsLeft: number | null;
  /**
   * The applications the supervisor opened under this elevation: the only ones it may decide
   * (issue 12 item 1). An elevation is not a blank cheque for whatever the clerk's screen sends.
   */
  reviewed: Set<string>;
}

/**
 * The one signed-in session of this workstation (never shared: a new sign-in ends the
 * previous user's session). Lives in the core process, not in the renderer, so a compromised
 * renderer cannot claim to be someone else. Created once per core and shared by the handlers.
 */
export interface SessionState {
  current: ActiveSession | null;
  elevation: Elevation | null;
  /** Test hooks: a controllable clock and cheap argon2id parameters. */
  readonly options: SessionOptions;
}

export interface SessionOptions {
  clock?: () => Date;
  passwordParams?: { memorySize: number; iterations: number; parallelism: number; hashLength: number };
}

export function createSessionState(options: SessionOptions = {}): SessionState {
  return { current: null, elevation: null, options };
}

export const actorOf = (staffNumber: string) => `staff:${staffNumber}`;

/** Intake is clerks' and supervisors' work; a workstation administrator manages users, not forms. */
export const INTAKE_ROLES = ['clerk', 'supervisor'] as const satisfies readonly Role[];
