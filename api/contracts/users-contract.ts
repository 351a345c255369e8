import { z } from 'zod';
import { ROLES } from '../../domain/workflow/application-workflow';
import { empty, isoTime, method, text } from './schema-helpers';

// Issue 13, item 1: the workstation administrator's user management (standalone workstation).
const staffNumber = z.string().regex(/^[A-Za-z0-9-]{1,20}$/);
// Bounded like every password: argon2 of a megabyte would be a cheap denial of service.
const temporaryPassword = z.string().min(1).max(200);

export const UserListItemSchema = z
  .object({
    userId: z.string().max(64),
    staffNumber: z.string().max(20),
    displayName: z.string().max(100),
    roles: z.array(z.enum(ROLES)).max(3),
    active: z.boolean(),
    lockedUntil: isoTime.nullable(),
    mustChangePassword: z.boolean(),
  })
  .strict();

export const usersContract = {
  'users.list': method(empty, z.object({ users: z.array(UserListItemSchema), managedCentrally: z.boolean() }).strict()),
  'users.create': method(
    z
      .object({
        staffNumber,
        displayName: text(100).min(1),
        roles: z.array(z.enum(ROLES)).min(1).max(3),
        temporaryPassword,
      })
      .strict(),
    UserListItemSchema,
  ),
  'users.resetPassword': method(z.object({ staffNumber, temporaryPassword }).strict(), UserListItemSchema),
  'users.setActive': method(z.object({ staffNumber, active: z.boolean() }).strict(), UserListItemSchema),
  'users.unlock': method(z.object({ staffNumber }).strict(), UserListItemSchema),
  /** Whether the signed-in user must first replace a password an administrator typed. */
  'users.passwordChangeRequired': method(empty, z.object({ required: z.boolean() }).strict()),
};
