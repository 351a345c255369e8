import { REJECTION_REASONS } from '../../domain/workflow';
import { isMessageKey, type MessageKey } from '../../i18n';
import type { ApplicationAccess } from '../approval/application-access';
import type { PulledApplications } from '../approval/pulled-applications';
import { pulledHistoryOf } from '../approval/pulled-history';
import type { SignedInUser } from '../auth';
import { Refusal } from '../core/refusal';
import type { AuditEntry, Store } from '../store';

// An application's history (issue 4 item 5) from its audit entries. Each entry's details are
// reduced to a translatable message built only from codes, counts and the application number:
// never free text (a return note or rejection text may name people), ID numbers or hashes.

type Summary = { key: string; params?: Record<string, string | number> };

/** One line of an application's history as the clerk or supervisor reads it. */
export interface HistoryEntry {
  at: string;
  action: string;
  actor: string;
  actorName: string;
  workstationId: string;
  count: number;
  summary?: { key: MessageKey; params?: Record<string, string | number> };
}

const PER_PERSON_SLOT = /^(lr|admin)\.[A-Za-z0-9_-]{1,40}\.(id|signed-id)$/;

/** The document a slot holds, named as the receipt names it, without the person's name. */
function docKeyOf(slot: unknown): string {
  if (typeof slot !== 'string') return 'receipt.doc.other';
  const m = PER_PERSON_SLOT.exec(slot);
  if (m) return m[1] === 'lr' ? 'receipt.doc.legal_rep_id' : 'receipt.doc.admin_id';
  switch (slot) {
    case 'paper.application_form':
      return 'receipt.doc.application_form';
    case 'paper.agreement':
      return 'receipt.doc.agreement';
    case 'paper.admin_form':
      return 'receipt.doc.admin_form';
    case 'poa':
      return 'receipt.doc.power_of_attorney';
    case 'attorney.id':
      return 'receipt.doc.attorney_id';
    case 'security_code.id':
    case 'face_recognition.id':
      return 'receipts.doc.idShown';
    default:
      return 'receipt.doc.other';
  }
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const KINDS = ['first_application', 'change_of_data', 'security_code', 'face_recognition'];
const STATUSES = ['draft', 'pending_approval', 'returned', 'approved', 'rejected'];

function summaryOf(e: AuditEntry, nameOf: (actor: string) => string): Summary | undefined {
  const d = e.details;
  switch (e.action) {
    case 'create': {
      const kind = str(d['kind']);
      return kind && KINDS.includes(kind) ? { key: `kind.${kind}` } : undefined;
    }
    case 'attach': {
      const page = num(d['page']);
      return { key: 'history.summary.attach', params: { doc: docKeyOf(d['slot']), page: page ?? 1 } };
    }
    case 'attachment_change':
      return d['change'] === 'rotate' ? { key: 'history.summary.rotate' } : d['change'] === 'reorder' ? { key: 'history.summary.reorder' } : undefined;
    case 'detach':
      return d['pageId'] !== undefined ? { key: 'history.summary.detachPage' } : { key: 'history.summary.detachDoc', params: { doc: docKeyOf(d['slot']) } };
    case 'submit': {
      const number = str(d['applicationNumber']);
      if (d['from'] === 'returned') return { key: 'history.summary.resubmitted' };
      return number ? { key: 'history.summary.number', params: { number } } : undefined;
    }
    case 'reject': {
      // The stored reason is "[code] free text": only the code is shown (FAQ-based reason list).
      const code = /^\[([a-z_]+)\]/.exec(str(d['reason']) ?? '')?.[1];
      return code && (REJECTION_REASONS as readonly string[]).includes(code) ? { key: `approval.reason.${code}` } : undefined;
    }
    case 'status_change': {
      const to = str(d['to']);
      return to && STATUSES.includes(to) ? { key: `status.app.${to}` } : undefined;
    }
    case 'reprint': {
      const copy = num(d['copy']);
      return copy !== undefined ? { key: 'history.summary.copy', params: { copy } } : undefined;
    }
    case 'purge': {
      const files = Array.isArray(d['sha256']) ? d['sha256'].length : undefined;
      return files !== undefined ? { key: 'history.summary.purge', params: { files } } : undefined;
    }
    case 'review': // a supervisor opened it (under elevation: on whose session)
    case 'elevation': {
      const on = str(d['onSessionOf']);
      return on ? { key: 'history.summary.onSessionOf', params: { name: nameOf(on) } } : undefined;
    }
    default:
      return undefined;
  }
}

/** Entries in order; an autosave writes an `edit` per save, so a run of them is one entry. */
export function historyOf(entries: readonly AuditEntry[], nameOf: (actor: string) => string): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  for (const e of entries) {
    const last = out[out.length - 1];
    if (e.action === 'edit' && last?.action === 'edit' && last.actor === e.actor && last.workstationId === e.workstationId) {
      last.count += 1;
      last.at = e.at;
      continue;
    }
    const { key, params } = summaryOf(e, nameOf) ?? {};
    // Keys are built from stored codes: one the catalog lacks is left out rather than shown raw.
    const summary = key !== undefined && isMessageKey(key) ? { key, ...(params ? { params } : {}) } : undefined;
    out.push({
      at: e.at,
      action: e.action,
      actor: e.actor,
      actorName: nameOf(e.actor),
      workstationId: e.workstationId,
      count: 1,
      ...(summary ? { summary } : {}),
    });
  }
  return out;
}

export interface ApplicationHistoryDeps {
  store: Store;
  /** The signed-in user, or the auth service's refusal. */
  user(): SignedInUser;
  /** Who decides right now: a supervisor signed in on top of a clerk's session reads as a supervisor. */
  decider(): { user: SignedInUser };
  /** Who may read an application (services/approval/application-access.ts). */
  access: Pick<ApplicationAccess, 'mayRead'>;
  displayNameOf(actor: string): string;
  /** Applications of this service point taken in at other workstations, as pulled (issue 15). */
  pulled?: Pick<PulledApplications, 'get'>;
}

/** What this workstation did about a pulled application that the server's steps do not show yet. */
const LOCAL_STEPS_OF_PULLED = new Set(['review', 'approve', 'reject', 'return']);

export function createApplicationHistory(deps: ApplicationHistoryDeps) {
  /**
   * Taken in at another workstation of this service point: the server's steps (submitted,
   * decided, by whom, where), then what was done about it here and not yet in them — a
   * supervisor's review, a decision on its way. Read by a supervisor of the service point (as
   * for the review) or by the clerk who took it in; anyone else learns nothing.
   */
  function pulledHistory(id: string, me: SignedInUser, nameOf: (actor: string) => string): HistoryEntry[] {
    const a = deps.pulled?.get(id);
    const mayRead = a && (`staff:${a.createdBy}` === me.actor || deps.decider().user.roles.includes('supervisor'));
    if (!a || !mayRead) throw new Refusal('not_found', 'No such application');
    const here = deps.store.audit
      .forSubject(id)
      // A decision taken here is in the server's steps once applied (the version moved on).
      .filter((e) => LOCAL_STEPS_OF_PULLED.has(e.action) && (e.action === 'review' || e.details['version'] === a.version));
    return [...pulledHistoryOf(a, nameOf), ...historyOf(here, nameOf)].sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
  }

  return {
    /**
     * The clerk who took it in, or a supervisor of the service point it was taken in at (also
     * one signed in on top of a clerk's session, as for the review). Anyone else learns nothing, not even that it exists.
     */
    of(id: string): HistoryEntry[] {
      const me = deps.user();
      const names = new Map<string, string>();
      const nameOf = (actor: string) => {
        let n = names.get(actor);
        if (n === undefined) names.set(actor, (n = deps.displayNameOf(actor)));
        return n;
      };
      const rec = deps.store.applications.get(id);
      if (!rec) return pulledHistory(id, me, nameOf);
      const mayRead = rec.createdBy === me.actor || deps.access.mayRead(rec, deps.decider().user);
      if (!mayRead) throw new Refusal('not_found', 'No such application');
      return historyOf(deps.store.audit.forSubject(id), nameOf);
    },
  };
}

export type ApplicationHistory = ReturnType<typeof createApplicationHistory>;
