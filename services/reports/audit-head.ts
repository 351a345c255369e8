import { translate, type Locale } from '../../i18n';
import type { Store } from '../store';

/** The audit chain's head as the day-end report prints it (issue 12 item 12). */
export interface SignedAuditHead {
  workstationId: string;
  seq: number;
  /** HMAC chain head: only this workstation's audit key produces it (services/store/audit-log.ts). */
  hash: string;
  /** Ed25519 over auditHeadStatement by the workstation's sync signing key; null while not enrolled. */
  signature: string | null;
}

/** What the signature covers; the central server knows the public key from enrolment. */
export const auditHeadStatement = (h: Pick<SignedAuditHead, 'workstationId' | 'seq' | 'hash'>): string =>
  `counterdesk-audit-head/v1\n${h.workstationId}\n${h.seq}\n${h.hash}`;

/** The committed head, signed when the workstation has a signing key (enrolled). */
export function signedAuditHead(store: Pick<Store, 'audit'>, workstationId: string, sign: ((text: string) => string) | null): SignedAuditHead {
  const { seq, hash } = store.audit.head();
  const head = { workstationId, seq, hash };
  return { ...head, signature: sign ? sign(auditHeadStatement(head)) : null };
}

/** The lines under the report: head, then the signature or why there is none. */
export function auditHeadLines(locale: Locale, h: SignedAuditHead): string[] {
  return [
    translate(locale, 'hardening.report.auditHead', { seq: h.seq, hash: h.hash }),
    h.signature ? translate(locale, 'hardening.report.auditSigned', { signature: h.signature }) : translate(locale, 'hardening.report.auditUnsigned'),
  ];
}
