import { z } from 'zod';
import { ROLES } from '../../domain/workflow/application-workflow';
import { empty, isoTime, method, text } from './schema-helpers';

const staffNumber = z.string().regex(/^[A-Za-z0-9-]{1,20}$/);
// Bounded: argon2 of a megabyte "password" would be a cheap denial of service.
const password = z.string().min(1).max(200);

export const SignedInUserSchema = z
  .object({
    userId: z.string().max(64),
    staffNumber: z.string().max(20),
    displayName: z.string().max(100),
    roles: z.array(z.enum(ROLES)).max(3),
    servicePoints: z.array(z.string().max(8)).max(50),
    actor: z.string().max(40),
  })
  .strict();

export const AuthStatusSchema = z
  .object({
    setupNeeded: z.boolean(),
    user: SignedInUserSchema.nullable(),
    locked: z.boolean(),
    idleMinutes: z.number().int(),
    elevation: z.object({ user: SignedInUserSchema, until: isoTime, decisionsLeft: z.number().int().nullable() }).strict().nullable(),
    workstationId: z.string(),
    servicePoint: z.string(),
    /** Where the one-time first-run setup code is found (issue 12 item 2): the installer's machine configuration, the console that started the app, or nowhere. */
    setupCodeSource: z.enum(['machine_config', 'start_console', 'unavailable']),
    /** Set up here and not yet enrolled with the central server nor kept standalone: the administrator's next step (issue 15). */
    firstRunEnrolment: z.boolean(),
  })
  .strict();

export const AuthSettingsSchema = z
  .object({
    maxFailures: z.number().int(),
    lockoutMinutes: z.number().int(),
    idleMinutes: z.number(),
    elevationMinutes: z.number(),
    enrolmentKeyConfigured: z.boolean(),
    /** The enrolment authority's key, pinned by the machine configuration (public; shown so it can be compared). */
    enrolmentKey: z.string().max(64).nullable(),
    machineConfig: z.object({ path: z.string().max(500), state: z.enum(['ok', 'absent', 'invalid', 'writable']) }).strict(),
    /** Enrolled with the central server: users come by sync, read-only here. */
    managedCentrally: z.boolean(),
  })
  .strict();

const done = z.object({ done: z.literal(true) }).strict();

export const authContract = {
  'auth.status': method(empty, AuthStatusSchema),
  /** First run: the one-time setup code from the installer (machine configuration) or the start console (issue 12 item 2). */
  'auth.setup': method(z.object({ staffNumber, displayName: text(100).min(1), password, setupCode: text(60) }).strict(), SignedInUserSchema),
  'auth.signIn': method(z.object({ staffNumber, password }).strict(), SignedInUserSchema),
  'auth.signOut': method(empty, done),
  /** Why the screen locks is audited: the renderer's idle timer says 'idle' (issue 7 audit B5). */
  'auth.lock': method(z.object({ reason: z.enum(['idle', 'manual']).default('manual') }).strict(), AuthStatusSchema),
  'auth.unlock': method(z.object({ password }).strict(), SignedInUserSchema),
  /** Renderer activity that did not otherwise call the core (keeps the idle lock honest). */
  'auth.touch': method(empty, z.object({ locked: z.boolean() }).strict()),
  'auth.changePassword': method(z.object({ current: password, next: password }).strict(), done),
  'auth.elevate': method(z.object({ staffNumber, password, mode: z.enum(['one_decision', 'window']) }).strict(), SignedInUserSchema),
  'auth.endElevation': method(empty, done),
  'auth.settings': method(empty, AuthSettingsSchema),
  /** First run: the administrator keeps this workstation standalone (not enrolled with the central server). */
  'auth.stayStandalone': method(empty, AuthStatusSchema),
  'auth.setSetting': method(
    z
      .object({
        key: z.enum(['auth.maxFailures', 'auth.lockoutMinutes', 'auth.idleMinutes', 'auth.elevationMinutes']),
        value: z.number().int().min(1).max(240),
      })
      .strict()
      // More than 20 failures is no lockout at all: refused, not silently cut to 20 by the core.
      .refine((i) => i.key !== 'auth.maxFailures' || i.value <= 20, { path: ['value'], message: 'at most 20' }),
    AuthSettingsSchema,
  ),
  // No auth.setEnrolmentKey: the enrolment authority's key is pinned by the machine configuration
  // that only the OS administrator writes (issue 12 item 2; services/workstation/machine-config.ts).
  'auth.importEnrolment': method(
    z.object({ fileText: z.string().min(1).max(2_000_000) }).strict(),
    z.object({ created: z.number().int(), updated: z.number().int() }).strict(),
  ),
};
