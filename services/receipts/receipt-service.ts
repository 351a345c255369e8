import type { PaperSize } from '../../domain/receipt/receipt-input';
import { RECEIPT_SAMPLES } from '../../domain/receipt/receipt-samples';
import type { Role } from '../../domain/workflow';
import type { ApplicationAccess } from '../approval/application-access';
import type { SignedInUser } from '../auth';
import type { Clock } from '../core/clock';
import { Refusal } from '../core/refusal';
import { isPlaceholderServicePoint } from '../workstation/workstation-settings';
import type { WorkstationConfig } from '../core/workstation-config';
import type { ApplicationRecord, Store } from '../store';
import { normaliseNumber } from '../store/search-terms';
import { createScanPages } from '../attachments/scan-pages';
import { createApplicationRepository } from '../intake/application-repository';
import { receiptInputFromApplication } from './receipt-from-application';
import { renderReceiptHtml } from './receipt-print-html';
import { PrintError, type ReceiptPrinter } from './receipt-printing';
import { createReceiptStore, type ReceiptPaper, type ReceiptSettings } from './receipt-store';
import { defaultReceiptFontDirectory } from './receipt-fonts';
import { parseReceiptInput, ReceiptInputError, renderReceipt } from './render-receipt-pdf';
import { receiptTokenMatchesRecord, verifyReceiptToken } from './receipt-token';
import { SAMPLE_WORKSTATION_KEY } from './sample-signing-key';

/** Why a receipt call was refused; services/handlers/receipt-handlers.ts says it to the clerk. */
export type ReceiptRefusalCode =
  | 'not_found'
  | 'number_not_found'
  | 'not_yours'
  | 'not_submitted'
  | 'busy'
  | 'already_issued'
  | 'not_issued'
  | 'incomplete'
  | 'no_printer'
  | 'print_failed'
  | 'no_sample'
  | 'placeholder_service_point';

export interface ReceiptServiceDeps {
  store: Store;
  config: WorkstationConfig;
  /** The signed-in user (optionally of these roles), or the auth service's refusal. */
  user(roles?: readonly Role[]): SignedInUser;
  clock: Clock;
  /** Who may read an application (services/approval/application-access.ts). */
  access: ApplicationAccess;
  /** Electron's silent printing; absent in the harness (the renderer downloads the PDF). */
  printer?: ReceiptPrinter;
  fontDirectory?: string;
}

export interface ReceiptFile {
  fileName: string;
  pdfBase64: string;
  copy: number;
}

const PDF_PAPER: Record<ReceiptPaper, PaperSize> = { a4: 'a4', roll80: 'thermal80' };
const STAFF_ACTOR = /^staff:(.+)$/;
const refuse = (code: ReceiptRefusalCode, message: string, params?: Record<string, string | number>) => new Refusal(code, message, params);

/**
 * Receipts of this workstation's applications: issue, reprint, print, look up, verify. The
 * audit log is the receipt ledger: a `print` entry holds what reprints repeat (issue time,
 * clerk), each `reprint` entry is counted by the day-end report.
 */
export function createReceiptService(deps: ReceiptServiceDeps) {
  const { store, config } = deps;
  // Created here, at the workstation's first start: its set-up (issue 6).
  const receipts = createReceiptStore(store, config.workstationId, () => deps.clock().toISOString(), config.servicePoint.code);
  const fontDirectory = deps.fontDirectory ?? defaultReceiptFontDirectory();
  const inFlight = new Set<string>();
  const servicePoint = () => ({ code: config.servicePoint.code, nameZh: config.servicePoint.nameZh, namePt: config.servicePoint.namePt });

  /** What the audit log says about an application's receipts: the first issue and the reprints. */
  function historyOf(applicationId: string) {
    const entries = store.audit.forSubject(applicationId);
    const first = entries.find((e) => e.action === 'print');
    const details = first?.details as { issuedAt?: unknown; clerkStaffNumber?: unknown } | undefined;
    return {
      issued: first
        ? { issuedAt: String(details?.issuedAt ?? first.at), clerkStaffNumber: typeof details?.clerkStaffNumber === 'string' ? details.clerkStaffNumber : null }
        : null,
      reprints: entries.filter((e) => e.action === 'reprint').length,
    };
  }

  const load = (applicationId: string): ApplicationRecord => {
    const rec = store.applications.get(applicationId);
    if (!rec) throw refuse('not_found', 'No such application');
    return rec;
  };

  /**
   * The clerk who took it in and a supervisor of the service point (mayRead); any other clerk of
   * this service point once it was submitted (the public enquiry's rule, mayEnquire: the person
   * may come back to any of its counters), never another clerk's draft; another service point's
   * application, taken in elsewhere, is not found here.
   */
  const visibleTo = (rec: ApplicationRecord, me: SignedInUser) => rec.createdBy === me.actor || deps.access.mayRead(rec, me) || deps.access.mayEnquire(rec, me);

  /** The clerk who took it in, or a supervisor; only once it has been submitted and numbered. */
  const mayIssue = (me: SignedInUser, rec: ApplicationRecord): { ok: true; number: string } | { ok: false; refusal: Refusal } => {
    if (!deps.access.mayRead(rec, me)) return { ok: false, refusal: refuse('not_yours', 'Not your application') };
    if (rec.status === 'draft' || rec.applicationNumber === null) return { ok: false, refusal: refuse('not_submitted', 'Not submitted yet') };
    return { ok: true, number: rec.applicationNumber };
  };

  const applications = createApplicationRepository(store);
  /** The stored document, parsed once by the one repository; null when it does not parse. */
  const applicationOf = (rec: ApplicationRecord) => applications.readableApplicationOf(rec);

  const scanPages = createScanPages(store);
  const pagesBySlotOf = (applicationId: string) => {
    const pages = new Map<string, number>();
    // Real pages: a 3-page PDF scan is 3 pages on the receipt, counted here (issue 13 item 10).
    for (const a of store.attachments.list(applicationId)) pages.set(a.slot, (pages.get(a.slot) ?? 0) + scanPages.total(a));
    return pages;
  };

  /** Builds the receipt; nothing is recorded here (the caller audits in the same step). */
  async function build(rec: ApplicationRecord, number: string, issuedAt: string, clerkStaffNumber: string, copy: number) {
    const application = applicationOf(rec);
    if (!application) throw refuse('incomplete', 'stored application does not parse');
    const mapped = receiptInputFromApplication({
      applicationNumber: number,
      application,
      issuedAt,
      servicePoint: servicePoint(),
      workstationId: config.workstationId,
      clerkStaffNumber,
      pagesBySlot: pagesBySlotOf(rec.id),
      reprintCount: copy,
    });
    if (!mapped.ok) throw refuse('incomplete', mapped.reason);
    const settings = receipts.settings();
    try {
      const input = parseReceiptInput(mapped.input);
      const paper = PDF_PAPER[settings.paperSize];
      const locales = { english: settings.english };
      const rendered = await renderReceipt(input, { signingKey: receipts.signingKey(), paper, locales, fontDirectory });
      return {
        file: { fileName: `receipt-${number}${copy > 0 ? `-copy${copy}` : ''}.pdf`, pdfBase64: rendered.pdf.toString('base64'), copy } satisfies ReceiptFile,
        html: () => renderReceiptHtml(input, rendered.token, { paper, locales }),
        token: rendered.token,
      };
    } catch (e) {
      if (e instanceof ReceiptInputError) throw refuse('incomplete', e.message);
      throw e;
    }
  }

  /**
   * First receipt or a reprint, recorded in the audit log (by `commit`) once the receipt
   * exists; `done` releases the application for the next request whatever happened.
   */
  async function produce(applicationId: string, mode: 'issue' | 'reprint') {
    const me = deps.user();
    // Rendering awaits: a double click must not issue two originals or skip a copy number.
    if (inFlight.has(applicationId)) throw refuse('busy', 'Receipt being produced');
    const rec = load(applicationId);
    const may = mayIssue(me, rec);
    if (!may.ok) throw may.refusal;
    // Issue 13: a receipt never prints the development placeholder as the service point.
    if (isPlaceholderServicePoint(config)) throw refuse('placeholder_service_point', 'Service point not set');
    const history = historyOf(rec.id);
    if (mode === 'issue' && history.issued) throw refuse('already_issued', 'Receipt already issued');
    if (mode === 'reprint' && !history.issued) throw refuse('not_issued', 'No receipt issued yet');
    const clerk = history.issued?.clerkStaffNumber ?? STAFF_ACTOR.exec(rec.createdBy)?.[1] ?? rec.createdBy;
    const issuedAt =
      history.issued?.issuedAt ??
      deps
        .clock()
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
      store.audit.append({
        actor: me.actor,
        action: mode === 'issue' ? 'print' : 'reprint',
        subjectId: rec.id,
        details: { applicationNumber: may.number, issuedAt, clerkStaffNumber: clerk, copy, token: built.token },
      });
    return { built, commit, done };
  }

  /** A receipt file recorded as issued (or reprinted) at once: the renderer downloads it. */
  async function file(applicationId: string, mode: 'issue' | 'reprint'): Promise<ReceiptFile> {
    const { built, commit, done } = await produce(applicationId, mode);
    try {
      commit();
    } finally {
      done();
    }
    return built.file;
  }

  /**
   * Exactly this number, however it was typed (lower case, spaces, no dashes: read off a
   * crumpled receipt or over the phone). The search index also matches prefixes and names,
   * so its hits are only candidates.
   */
  function findByNumber(applicationNumber: string): ApplicationRecord | undefined {
    const wanted = normaliseNumber(applicationNumber);
    if (wanted === '') return undefined;
    const hit = store.applications.search(applicationNumber, 50).find((s) => s.applicationNumber !== null && normaliseNumber(s.applicationNumber) === wanted);
    return hit ? store.applications.get(hit.id) : undefined;
  }

  const printFailed = (e: PrintError) => refuse('print_failed', e.message, { detail: e.reason });

  return {
    find(applicationNumber: string): { applicationId: string } {
      const me = deps.user();
      const rec = findByNumber(applicationNumber);
      if (!rec || !visibleTo(rec, me)) throw refuse('number_not_found', 'No application with that number');
      return { applicationId: rec.id };
    },

    status(applicationId: string) {
      const me = deps.user();
      const rec = load(applicationId);
      if (!visibleTo(rec, me)) throw refuse('not_found', 'No such application');
      const history = historyOf(rec.id);
      return {
        applicationNumber: rec.applicationNumber,
        allowed: mayIssue(me, rec).ok,
        issued: history.issued !== null,
        reprints: history.reprints,
        canPrint: deps.printer !== undefined,
      };
    },

    issue: (applicationId: string) => file(applicationId, 'issue'),
    reprint: (applicationId: string) => file(applicationId, 'reprint'),

    async print(applicationId: string, mode: 'issue' | 'reprint'): Promise<{ copy: number; printer: string }> {
      const printer = deps.printer;
      if (!printer) throw refuse('no_printer', 'No printer on this workstation');
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
        if (e instanceof PrintError) throw printFailed(e);
        throw e;
      } finally {
        done();
      }
    },

    verify(token: string) {
      deps.user();
      const v = verifyReceiptToken(token, receipts.knownKeys());
      if (v.status === 'malformed') return { result: 'malformed' as const };
      const out = { result: v.status, applicationNumber: v.details.applicationNumber, issuedAt: v.details.issuedAt, workstationId: v.details.workstationId };
      if (v.status !== 'valid') return out;
      // Taken in here: do the names and documents still match what the receipt says?
      const rec = findByNumber(v.details.applicationNumber);
      // Signed here, yet not held here: genuine signature, but the clerk should ask why.
      if (!rec) return v.details.workstationId === config.workstationId ? { ...out, notOnFile: true } : out;
      const application = applicationOf(rec);
      if (!application) return out;
      const mapped = receiptInputFromApplication({
        applicationNumber: v.details.applicationNumber,
        application,
        issuedAt: v.details.issuedAt,
        servicePoint: servicePoint(),
        workstationId: v.details.workstationId,
        clerkStaffNumber: 'x',
        pagesBySlot: pagesBySlotOf(rec.id),
        reprintCount: 0,
      });
      if (!mapped.ok) return out;
      const m = receiptTokenMatchesRecord(v.details, parseReceiptInput(mapped.input));
      return { ...out, matchesRecord: m.entityNames && m.checklist };
    },

    settings(): ReceiptSettings {
      deps.user();
      return receipts.settings();
    },

    setSettings(input: ReceiptSettings): ReceiptSettings {
      const me = deps.user(['workstation_admin']);
      return receipts.setSettings(input, me.actor);
    },

    async printers() {
      deps.user();
      if (!deps.printer) return { available: false, printers: [] };
      return { available: true, printers: await deps.printer.listPrinters() };
    },

    /**
     * A layout check in the administrator's settings. The invented sample is signed with the
     * public sample key, never this workstation's: a printed preview must not verify as a
     * genuine receipt of an application that does not exist.
     */
    async preview(): Promise<{ shown: true } | { shown: false; file: ReceiptFile }> {
      deps.user(['workstation_admin']);
      const sample = RECEIPT_SAMPLES[0];
      if (!sample) throw refuse('no_sample', 'No sample receipt');
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
          if (e instanceof PrintError) throw printFailed(e);
          throw e;
        }
        return { shown: true };
      }
      return { shown: false, file: { fileName: `receipt-sample-${settings.paperSize}.pdf`, pdfBase64: rendered.pdf.toString('base64'), copy: 0 } };
    },

    workstationKey() {
      deps.user();
      return receipts.publicKey();
    },
  };
}

export type ReceiptService = ReturnType<typeof createReceiptService>;
