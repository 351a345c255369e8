import { receiptContract } from '../../api/contracts/receipt-contract';
import { ApiError } from '../../api/result';
import type { ApplicationRecord } from '../store';
import { normaliseNumber } from '../store/search-terms';
import type { PaperSize } from '../../domain/receipt/receipt-input';
import { RECEIPT_SAMPLES } from '../../domain/receipt/receipt-samples';
import type { SessionState, SignedInUser } from '../auth';
import type { CoreDeps } from '../core/app-core';
import { defaultReceiptFontDirectory, parseReceiptInput, ReceiptInputError, receiptTokenMatchesRecord, renderReceipt, verifyReceiptToken } from '../receipts';
import { receiptInputFromApplication } from '../receipts/receipt-from-application';
import { SAMPLE_WORKSTATION_KEY } from '../receipts/sample-signing-key';
import { renderReceiptHtml } from '../receipts/receipt-print-html';
import { PrintError, type ReceiptPrinter } from '../receipts/receipt-printing';
import { createReceiptStore, type ReceiptPaper } from '../receipts/receipt-store';
import type { AreaHandlers } from './area-handlers';
import { sessionServices } from './session-services';

export interface ReceiptDeps extends CoreDeps {
  /** Electron's silent printing; absent in the harness (the renderer downloads the PDF). */
  printer?: ReceiptPrinter;
  clock?: () => Date;
}

const PDF_PAPER: Record<ReceiptPaper, PaperSize> = { a4: 'a4', roll80: 'thermal80' };
const STAFF_ACTOR = /^staff:(.+)$/;

/** What the audit log says about an application's receipts: the first issue and the reprints. */
function receiptHistory(deps: CoreDeps, applicationId: string) {
  const entries = deps.store.audit.forSubject(applicationId);
  const first = entries.find((e) => e.action === 'print');
  const details = first?.details as { issuedAt?: unknown; clerkStaffNumber?: unknown } | undefined;
  return {
    issued: first
      ? { issuedAt: String(details?.issuedAt ?? first.at), clerkStaffNumber: typeof details?.clerkStaffNumber === 'string' ? details.clerkStaffNumber : null }
      : null,
    reprints: entries.filter((e) => e.action === 'reprint').length,
  };
}

export function createReceiptHandlers(deps: ReceiptDeps, session: SessionState): AreaHandlers<typeof receiptContract> {
  // Created here, at the workstation's first start: its set-up (issue 6).
  const receipts = createReceiptStore(deps.store, deps.config.workstationId);
  const clock = deps.clock ?? (() => new Date());
  const fontDirectory = deps.fontDirectory ?? defaultReceiptFontDirectory();
  const auth = () => sessionServices(deps, session).auth;
  const inFlight = new Set<string>();

  const load = (applicationId: string): ApplicationRecord => {
    const rec = deps.store.applications.get(applicationId);
    if (!rec) throw new ApiError('not_found', 'No such application', 'api.error.notFound');
    return rec;
  };

  /** The clerk who took it in, or a supervisor; only once it has been submitted and numbered. */
  const mayIssue = (me: SignedInUser, rec: ApplicationRecord): { ok: true; number: string } | { ok: false; error: ApiError } => {
    if (rec.createdBy !== me.actor && !me.roles.includes('supervisor')) {
      return { ok: false, error: new ApiError('forbidden', 'Not your application', 'receipts.error.notYours') };
    }
    if (rec.status === 'draft' || rec.applicationNumber === null) {
      return { ok: false, error: new ApiError('conflict', 'Not submitted yet', 'receipts.error.notSubmitted') };
    }
    return { ok: true, number: rec.applicationNumber };
  };

  const servicePoint = () => ({ code: deps.config.servicePoint.code, nameZh: deps.config.servicePoint.nameZh, namePt: deps.config.servicePoint.namePt });

  /** Builds the receipt; nothing is recorded here (the caller audits in the same step). */
  const build = async (rec: ApplicationRecord, number: string, issuedAt: string, clerkStaffNumber: string, copy: number) => {
    const pagesBySlot = new Map<string, number>();
    for (const a of deps.store.attachments.list(rec.id)) pagesBySlot.set(a.slot, (pagesBySlot.get(a.slot) ?? 0) + a.pages.length);
    const mapped = receiptInputFromApplication({
      applicationNumber: number,
      data: rec.data,
      issuedAt,
      servicePoint: servicePoint(),
      workstationId: deps.config.workstationId,
      clerkStaffNumber,
      pagesBySlot,
      reprintCount: copy,
    });
    if (!mapped.ok) throw new ApiError('refused', mapped.reason, 'receipts.error.incomplete');
    const settings = receipts.settings();
    try {
      const input = parseReceiptInput(mapped.input);
      const paper = PDF_PAPER[settings.paperSize];
      const locales = { english: settings.english };
      const rendered = await renderReceipt(input, { signingKey: receipts.signingKey(), paper, locales, fontDirectory });
      return {
        file: { fileName: `receipt-${number}${copy > 0 ? `-copy${copy}` : ''}.pdf`, pdfBase64: rendered.pdf.toString('base64'), copy },
        html: () => renderReceiptHtml(input, rendered.token, { paper, locales }),
        token: rendered.token,
      };
    } catch (e) {
      if (e instanceof ReceiptInputError) throw new ApiError('refused', e.message, 'receipts.error.incomplete');
      throw e;
    }
  };

  /**
   * First receipt or a reprint, recorded in the audit log once the receipt exists: a
   * `print` entry holds what the reprints must repeat (issue time, clerk); each `reprint`
   * entry is counted by the day-end report (services/reports/day-end-data.ts).
   */
  const produce = async (applicationId: string, mode: 'issue' | 'reprint') => {
    const me = auth().requireUser();
    // Rendering awaits: a double click must not issue two originals or skip a copy number.
    if (inFlight.has(applicationId)) throw new ApiError('conflict', 'Receipt being produced', 'receipts.error.busy');
    const rec = load(applicationId);
    const may = mayIssue(me, rec);
    if (!may.ok) throw may.error;
    const history = receiptHistory(deps, rec.id);
    if (mode === 'issue' && history.issued) throw new ApiError('conflict', 'Receipt already issued', 'receipts.error.alreadyIssued');
    if (mode === 'reprint' && !history.issued) throw new ApiError('conflict', 'No receipt issued yet', 'receipts.error.notIssued');
    const clerk = history.issued?.clerkStaffNumber ?? STAFF_ACTOR.exec(rec.createdBy)?.[1] ?? rec.createdBy;
    const issuedAt =
      history.issued?.issuedAt ??
      clock()
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z');
    const copy = mode === 'issue' ? 0 : history.reprints + 1;
    inFlight.add(applicationId);
    let built;
    try {
      built = await build(rec, may.number, issuedAt, clerk, copy);
    } catch (e) {
      inFlight.delete(applicationId);
      throw e;
    }
    const done = () => inFlight.delete(applicationId);
    const commit = () =>
      deps.store.audit.append({
        actor: me.actor,
        action: mode === 'issue' ? 'print' : 'reprint',
        subjectId: rec.id,
        details: { applicationNumber: may.number, issuedAt, clerkStaffNumber: clerk, copy, token: built.token },
      });
    return { built, commit, done };
  };

  /**
   * Exactly this number, however it was typed (lower case, spaces, no dashes: read off a
   * crumpled receipt or over the phone). The search index also matches prefixes and names,
   * so its hits are only candidates.
   */
  const findByNumber = (applicationNumber: string): ApplicationRecord | undefined => {
    const wanted = normaliseNumber(applicationNumber);
    if (wanted === '') return undefined;
    const hit = deps.store.applications
      .search(applicationNumber, 50)
      .find((s) => s.applicationNumber !== null && normaliseNumber(s.applicationNumber) === wanted);
    return hit ? deps.store.applications.get(hit.id) : undefined;
  };

  return {
    'receipts.find': ({ applicationNumber }) => {
      auth().requireUser();
      const rec = findByNumber(applicationNumber);
      if (!rec) throw new ApiError('not_found', 'No application with that number', 'receipts.error.notFound');
      return { applicationId: rec.id };
    },
    'receipts.status': ({ applicationId }) => {
      const me = auth().requireUser();
      const rec = load(applicationId);
      const history = receiptHistory(deps, rec.id);
      return {
        applicationNumber: rec.applicationNumber,
        allowed: mayIssue(me, rec).ok,
        issued: history.issued !== null,
        reprints: history.reprints,
        canPrint: deps.printer !== undefined,
      };
    },
    'receipts.issue': async ({ applicationId }) => {
      const { built, commit, done } = await produce(applicationId, 'issue');
      try {
        commit();
      } finally {
        done();
      }
      return built.file;
    },
    'receipts.reprint': async ({ applicationId }) => {
      const { built, commit, done } = await produce(applicationId, 'reprint');
      try {
        commit();
      } finally {
        done();
      }
      return built.file;
    },
    'receipts.print': async ({ applicationId, mode }) => {
      const printer = deps.printer;
      if (!printer) throw new ApiError('unavailable', 'No printer on this workstation', 'receipts.error.noPrinter');
      const { built, commit, done } = await produce(applicationId, mode);
      const settings = receipts.settings();
      try {
        const job = await printer.print({
          html: built.html(),
          paper: settings.paperSize,
          fontDirectory,
          ...(settings.printer ? { printer: settings.printer } : {}),
        });
        // Audited only once the printer took it: a jammed print leaves nothing to count.
        commit();
        return { copy: built.file.copy, printer: job.printer };
      } catch (e) {
        if (e instanceof PrintError) throw new ApiError('unavailable', e.message, 'receipts.error.printFailed', { detail: e.reason });
        throw e;
      } finally {
        done();
      }
    },
    'receipts.verify': ({ token }) => {
      auth().requireUser();
      const v = verifyReceiptToken(token, receipts.knownKeys());
      if (v.status === 'malformed') return { result: 'malformed' };
      const out = { result: v.status, applicationNumber: v.details.applicationNumber, issuedAt: v.details.issuedAt, workstationId: v.details.workstationId };
      if (v.status !== 'valid') return out;
      // Taken in here: do the names and documents still match what the receipt says?
      const rec = findByNumber(v.details.applicationNumber);
      // Signed here, yet not held here: genuine signature, but the clerk should ask why.
      if (!rec) return v.details.workstationId === deps.config.workstationId ? { ...out, notOnFile: true } : out;
      const pagesBySlot = new Map<string, number>();
      for (const a of deps.store.attachments.list(rec.id)) pagesBySlot.set(a.slot, (pagesBySlot.get(a.slot) ?? 0) + a.pages.length);
      const mapped = receiptInputFromApplication({
        applicationNumber: v.details.applicationNumber,
        data: rec.data,
        issuedAt: v.details.issuedAt,
        servicePoint: servicePoint(),
        workstationId: v.details.workstationId,
        clerkStaffNumber: 'x',
        pagesBySlot,
        reprintCount: 0,
      });
      if (!mapped.ok) return out;
      const m = receiptTokenMatchesRecord(v.details, parseReceiptInput(mapped.input));
      return { ...out, matchesRecord: m.entityNames && m.checklist };
    },
    'receipts.settings': () => {
      auth().requireUser();
      return receipts.settings();
    },
    'receipts.setSettings': (input) => {
      const me = auth().requireUser(['workstation_admin']);
      return receipts.setSettings(input, me.actor);
    },
    'receipts.printers': async () => {
      auth().requireUser();
      if (!deps.printer) return { available: false, printers: [] };
      return { available: true, printers: await deps.printer.listPrinters() };
    },
    'receipts.preview': async () => {
      // A layout check in the administrator's settings. The invented sample is signed with
      // the public sample key, never this workstation's: a printed preview must not verify
      // as a genuine receipt of an application that does not exist.
      auth().requireUser(['workstation_admin']);
      const sample = RECEIPT_SAMPLES[0];
      if (!sample) throw new ApiError('internal', 'No sample receipt');
      const settings = receipts.settings();
      const paper = PDF_PAPER[settings.paperSize];
      // This service point's names and paper; the sample workstation's id, as its key says.
      const input = parseReceiptInput({ ...sample.input, workstationId: SAMPLE_WORKSTATION_KEY.workstationId, servicePoint: servicePoint() });
      const locales = { english: settings.english };
      const rendered = await renderReceipt(input, { signingKey: SAMPLE_WORKSTATION_KEY, paper, locales, fontDirectory });
      if (deps.printer) {
        try {
          await deps.printer.preview({
            html: renderReceiptHtml(input, rendered.token, { paper, locales }),
            paper: settings.paperSize,
            fontDirectory,
            ...(settings.printer ? { printer: settings.printer } : {}),
          });
        } catch (e) {
          if (e instanceof PrintError) throw new ApiError('unavailable', e.message, 'receipts.error.printFailed', { detail: e.reason });
          throw e;
        }
        return { shown: true };
      }
      return { shown: false, file: { fileName: `receipt-sample-${settings.paperSize}.pdf`, pdfBase64: rendered.pdf.toString('base64'), copy: 0 } };
    },
    'receipts.workstationKey': () => {
      auth().requireUser();
      return receipts.publicKey();
    },
  };
}
