// Pure (no Node imports) so the renderer can import it to label an application's history.
/** What the audit log records. Add values, never rename: they are stored. */
export const AUDIT_ACTIONS = [
  'sign_in',
  'sign_in_failed',
  'sign_out',
  'create',
  'edit',
  'attach',
  'attachment_change', // pages reordered, rotated or removed
  'detach',
  'submit',
  'approve',
  'reject',
  'return',
  'status_change',
  'print',
  'reprint',
  'export',
  'settings_change',
  'key_rotated',
  'acknowledged', // the central API confirmed it holds the application
  'purge', // retention removed local scan files
  'purge_form', // issue 12 item 15: retention removed a durable application's personal data (names, ID numbers) from this workstation
  // issue 7: sign-in and four eyes
  'lock', // idle lock or the user locked the screen
  'unlock',
  'lockout', // too many failed sign-ins
  'elevation', // a supervisor signed in on top of a clerk's session
  'password_change',
  'user_create', // first-run administrator
  'user_import', // users from a signed enrolment file
  'user_change', // issue 13: an administrator reset a password, deactivated, reactivated or unlocked a user
  // issue 5: entities with accounts and their staff logins (FAQ 8, 18, 19), until sync delivers them
  'reference_import',
  'review', // a supervisor opened a pending application (bulk approval approves only reviewed ones)
  'discard', // issue 5: the clerk threw away a never-submitted draft (status 'discarded')
  'eid_enable', // issue 16: security code enabled (FAQ 19) or face recognition re-enabled (FAQ 18) at the counter, queued for the server
  'eid_answer', // issue 16: the central server confirmed or refused an enablement
  'distinct_entity', // issue 13: the clerk recorded that a same-name entity or application (FAQ 8) is another entity, and why
  'enquiry', // issue 15: a clerk or supervisor of the service point looked an application up (public enquiry; read-only)
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
