import type { EnablementOpPayload, EnablementRecord, FaceRecognitionVerdict, SecurityCodeVerdict, SightedId } from '../../api/contracts/security-code-contract';
import { macauDayStart } from '../../domain/macau-day';
import { maskIdNumber } from '../../domain/receipt/id-masking';
import type { ReferenceStaffLogin } from '../../domain/rules/requirement';
import type { EidTool } from '../../domain/security-code/checks-vocabulary';
import { createEs256Verifier, type SignatureVerifier } from '../../domain/security-code/es256-verifier';
import { faceRecognitionVerdict } from '../../domain/security-code/face-recognition-checks';
import { enablementReceiptLine } from '../../domain/security-code/receipt-lines';
import { DEFAULT_SKEW_SECONDS, MAX_LIFETIME_SECONDS } from '../../domain/security-code/security-code-checks';
import { findStaffLogin } from '../../domain/security-code/staff-login-lookup';
import { judgeScan, type ScanJudgement } from '../../domain/security-code/verify-scan';
import type { Clock, IdGenerator } from '../core/clock';
import type { WorkstationConfig } from '../core/workstation-config';
import { createReceiptStore } from '../receipts/receipt-store';
import { visitReference, type VisitReceiptData } from '../../domain/security-code/visit-receipt-content';
import { renderVisitReceipt } from './visit-receipt-pdf';
import type { Store } from '../store';
import { recordEnablementAnswer, refusalParams, type ServerAnswer } from './enablement-answers';
import { createEnablementRepo, type EnablementRow } from './enablement-repo';

// Issue 16: the counter's enablement service. Verify judges a scan and stores nothing; enable
// judges it again, then in one transaction records the enablement, marks the nonce used,
// audits and queues an outbox row for the central server, which re-checks everything and
// consumes the nonce. Until the server answers (recordServerAnswer, called by sync) the
// enablement is `queued` — offline that is all the counter can promise, and the person's
// receipt line says so. Each entity is its own enablement (FAQ 19), grouped by visit.

/** The outbox topic the sync engineer drains; payload: see `OutboxEnablement`. */
export const ENABLEMENT_TOPIC = 'eid.enablement';

/** What the server needs to re-check an enablement: api/contracts/security-code-contract.ts EnablementOpPayloadSchema. */
export type OutboxEnablement = EnablementOpPayload;

export type { ServerAnswer } from './enablement-answers';

export interface SecurityCodeRequest {
  entityNumber: string;
  qrText: string;
  sightedId: SightedId;
  originalSighted: boolean;
}

export interface FaceRecognitionRequest {
  entityNumber: string;
  staffLoginId: string;
  sightedId: SightedId;
  originalSighted: boolean;
}

export interface EnablementDeps {
  store: Store;
  /** Reference data (FAQ 18/19 staff logins), as the intake's reference repo gives it. */
  reference: { snapshot(): { staffLogins: readonly ReferenceStaffLogin[] } };
  /** The signed-in clerk (or supervisor), or an `unauthorised` error. */
  user(): { actor: string };
  clock: Clock;
  newId: IdGenerator;
  /** Default: WebCrypto's ES256. */
  verifier?: SignatureVerifier;
  /** Clock skew tolerated on the QR's times; default the workstation setting `securityCode.skewSeconds` (30 s). */
  skewSeconds?: () => number;
  /** For the person's visit receipt: who issues it (service point, workstation) and where the receipt fonts are. */
  receipt?: { config: WorkstationConfig; fontDirectory?: string };
}

/** The visit receipt as a file for the renderer to print or save. */
export interface VisitReceiptFile {
  reference: string;
  fileName: string;
  pdfBase64: string;
}

export function createEnablementService(deps: EnablementDeps) {
  const { store, clock } = deps;
  const repo = createEnablementRepo(store.db);
  const verifier = deps.verifier ?? createEs256Verifier(globalThis.crypto.subtle);
  const skew = () => {
    const s = deps.skewSeconds ? deps.skewSeconds() : store.settings.get('securityCode.skewSeconds');
    // A hand-edited setting out of range falls back to the default rather than accepting any age.
    return Number.isInteger(s) && s >= 0 && s <= MAX_LIFETIME_SECONDS ? s : DEFAULT_SKEW_SECONDS;
  };

  /**
   * The login as the central server last published it (pull, kind staff_login), over the
   * reference file's: once another counter's enablement is confirmed, this one knows it is on.
   */
  const withPulled = (l: ReferenceStaffLogin): ReferenceStaffLogin => {
    const pulled = repo.pulledLogin(l.loginId);
    return pulled && pulled.entityNumber === l.entityNumber ? { ...l, ...pulled } : l;
  };

  const refusalOf = (r: EnablementRow) => {
    if (!r.refusalKey) return {};
    const params = refusalParams(store, r.id);
    return { refusal: { messageKey: r.refusalKey, ...(params ? { params } : {}) } };
  };

  const toRecord = (r: EnablementRow): EnablementRecord => ({
    id: r.id,
    tool: r.tool,
    visitId: r.visitId,
    entityNumber: r.entityNumber,
    staffLoginId: r.staffLoginId,
    idType: r.idType,
    idNumberMasked: r.idNumberMasked,
    state: r.state,
    createdAt: r.createdAt,
    createdBy: r.createdBy,
    ...(r.decidedAt ? { decidedAt: r.decidedAt } : {}),
    ...refusalOf(r),
    receiptLine: enablementReceiptLine(r),
  });

  const judge = (req: SecurityCodeRequest): Promise<ScanJudgement> =>
    judgeScan(
      req,
      {
        staffLogins: deps.reference.snapshot().staffLogins,
        securityCodeOn: (l) => withPulled(l).securityCode === 'enabled' || repo.activeFor('security_code', l.entityNumber, l.loginId),
        nonceSeen: (n) => repo.nonceSeen(n),
        now: clock(),
        skewSeconds: skew(),
      },
      verifier,
    );

  /** Records, audits and queues one enablement; all or nothing. */
  const record = store.db.transaction(
    (
      tool: EidTool,
      login: ReferenceStaffLogin,
      req: { visitId: string; sightedId: SightedId; originalSighted: boolean; qrText?: string },
      actor: string,
      nonceHex?: string,
    ) => {
      const at = clock().toISOString();
      const row = {
        id: deps.newId(),
        tool,
        visitId: req.visitId,
        entityNumber: login.entityNumber,
        staffLoginId: login.loginId,
        idType: req.sightedId.type,
        idNumberMasked: maskIdNumber(req.sightedId.number),
        createdAt: at,
        createdBy: actor,
      };
      repo.insert(row);
      if (nonceHex) repo.addNonce(nonceHex, row.id, at);
      store.audit.append({
        actor,
        action: 'eid_enable',
        subjectId: row.id,
        // No whole ID number in the audit log: the masked one, as on the receipt.
        details: {
          tool,
          visitId: req.visitId,
          entityNumber: login.entityNumber,
          staffLoginId: login.loginId,
          idType: row.idType,
          ...(nonceHex ? { nonce: nonceHex } : {}),
        },
      });
      const payload: OutboxEnablement = {
        tool,
        visitId: req.visitId,
        entityNumber: login.entityNumber,
        staffLoginId: login.loginId,
        ...(req.qrText !== undefined ? { qrText: req.qrText.trim() } : {}),
        sightedId: req.sightedId,
        originalSighted: req.originalSighted,
        clerk: actor,
        at,
      };
      store.outbox.enqueue(ENABLEMENT_TOPIC, row.id, { ...payload });
      const saved = repo.get(row.id);
      if (!saved) throw new Error('enablement vanished inside its own transaction');
      return saved;
    },
  );

  /** Still true inside the write transaction? (Two enables of the same QR can overlap at the signature's await.) */
  const stillFree = (nonceHex: string, login: ReferenceStaffLogin) =>
    !repo.nonceSeen(nonceHex) && !repo.activeFor('security_code', login.entityNumber, login.loginId);

  return {
    async verify(req: SecurityCodeRequest): Promise<SecurityCodeVerdict> {
      deps.user();
      return (await judge(req)).verdict;
    },

    async enable(req: SecurityCodeRequest & { visitId: string }): Promise<{ verdict: SecurityCodeVerdict; record?: EnablementRecord }> {
      const { actor } = deps.user();
      const j = await judge(req);
      if (!j.verdict.ok || !j.login || !j.nonceHex) return { verdict: j.verdict };
      const { login, nonceHex } = j;
      const saved = store.db.transaction(() => (stillFree(nonceHex, login) ? record('security_code', login, req, actor, nonceHex) : undefined)).immediate();
      // Lost the race: judged again, the replay or already-on check now says why.
      if (!saved) return { verdict: (await judge(req)).verdict };
      return { verdict: j.verdict, record: toRecord(saved) };
    },

    findFaceRecognition(req: FaceRecognitionRequest): { verdict: FaceRecognitionVerdict; login?: FaceRecognitionLogin } {
      deps.user();
      return judgeFace(req);
    },

    reenableFaceRecognition(req: FaceRecognitionRequest & { visitId: string }): { verdict: FaceRecognitionVerdict; record?: EnablementRecord } {
      const { actor } = deps.user();
      const { verdict, login } = judgeFace(req);
      const ref = login && findStaffLogin(deps.reference.snapshot().staffLogins, req.entityNumber, req.staffLoginId);
      if (!verdict.ok || !ref) return { verdict };
      return { verdict, record: toRecord(record.immediate('face_recognition', ref, req, actor)) };
    },

    /** Today's (Macau day) enablements at this workstation, newest first. */
    today(): EnablementRecord[] {
      deps.user();
      return repo.since(macauDayStart(clock())).map(toRecord);
    },

    visit(visitId: string): EnablementRecord[] {
      deps.user();
      return repo.byVisit(visitId).map(toRecord);
    },

    /**
     * The central server's answer, reported by sync. Idempotent: a second answer for the same
     * enablement changes nothing and returns false. Audited as the sync's act, not a clerk's.
     */
    recordServerAnswer(enablementId: string, answer: ServerAnswer): boolean {
      return recordEnablementAnswer(store, clock().toISOString(), enablementId, answer);
    },

    /**
     * Issue 16 item 3: the person's receipt for the visit, one line per enablement in the state
     * it is in now (queued ones say they complete at sync), signed by this workstation's
     * receipt key, on the paper the receipt settings choose. undefined: no such visit here.
     */
    async visitReceipt(visitId: string): Promise<VisitReceiptFile | undefined> {
      const { actor } = deps.user();
      const rows = repo.byVisit(visitId);
      const first = rows[0];
      if (!first || !deps.receipt) return undefined;
      const { config, fontDirectory } = deps.receipt;
      const receipts = createReceiptStore(store, config.workstationId, () => clock().toISOString());
      const settings = receipts.settings();
      const at = clock();
      const data: VisitReceiptData = {
        reference: visitReference(config.workstationId, visitId, at),
        issuedAt: at.toISOString(),
        servicePoint: config.servicePoint,
        workstationId: config.workstationId,
        clerkStaffNumber: actor.replace(/^staff:/, ''),
        idShown: { type: first.idType, numberMasked: first.idNumberMasked },
        records: rows.map((r) => ({ tool: r.tool, state: r.state, entityNumber: r.entityNumber, staffLoginId: r.staffLoginId, ...refusalOf(r) })),
      };
      const { pdf } = await renderVisitReceipt(data, {
        signingKey: receipts.signingKey(),
        paper: settings.paperSize === 'roll80' ? 'thermal80' : 'a4',
        english: settings.english,
        ...(fontDirectory ? { fontDirectory } : {}),
      });
      return { reference: data.reference, fileName: `${data.reference}.pdf`, pdfBase64: pdf.toString('base64') };
    },

    get(enablementId: string): EnablementRecord | undefined {
      const r = repo.get(enablementId);
      return r ? toRecord(r) : undefined;
    },
  };

  function judgeFace(req: FaceRecognitionRequest): { verdict: FaceRecognitionVerdict; login?: FaceRecognitionLogin } {
    const found = findStaffLogin(deps.reference.snapshot().staffLogins, req.entityNumber, req.staffLoginId);
    const login = found && withPulled(found);
    const verdict = faceRecognitionVerdict({
      entityNumber: req.entityNumber,
      staffLoginId: req.staffLoginId,
      ...(login ? { login } : {}),
      reenabledHere: login ? repo.activeFor('face_recognition', login.entityNumber, login.loginId) : false,
      sighted: req.sightedId,
      originalSighted: req.originalSighted,
    });
    return {
      verdict,
      ...(login
        ? {
            login: {
              staffLoginId: login.loginId,
              entityNumber: login.entityNumber,
              idType: login.idType,
              activated: login.activated,
              faceRecognition: login.faceRecognition,
            },
          }
        : {}),
    };
  }
}

interface FaceRecognitionLogin {
  staffLoginId: string;
  entityNumber: string;
  idType: ReferenceStaffLogin['idType'];
  activated: boolean;
  faceRecognition: ReferenceStaffLogin['faceRecognition'];
}

export type EnablementService = ReturnType<typeof createEnablementService>;
