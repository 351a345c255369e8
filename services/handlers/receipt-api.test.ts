import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApplicationSchema } from '../../domain/model/application';
import { sampleFirstApplication } from '../../domain/rules/sample-applications';
import { searchTerms } from '../../domain/search-terms';
import { RECEIPT_SAMPLES } from '../../domain/receipt/receipt-samples';
import { decodeQr, renderPage1 } from '../receipts/__fixtures__/pdf-tools';
import { createReceiptStore } from '../receipts/receipt-store';
import { TEST_PASSWORD_PARAMS } from '../auth/test-support';
import { createAppCore, type AppCore } from '../core/app-core';
import { seedUser } from '../core/test-support';
import { reconcile } from '../../domain/reconciliation';
import { collectDayEnd } from '../reports/day-end-data';
import { generateWorkstationKeyPair, renderReceipt } from '../receipts';
import { PrintError, type PrintJob, type ReceiptPrinter } from '../receipts/receipt-printing';
import { scanFixtures } from '../store/attachments/fixtures';
import type { Role } from '../../domain/workflow';

const pdfText = (base64: string) => execFileSync('pdftotext', ['-layout', '-', '-'], { input: Buffer.from(base64, 'base64') }).toString('utf8');
const pdfPageSize = (base64: string) =>
  /Page size:\s+([\d.]+) x/.exec(execFileSync('pdfinfo', ['-'], { input: Buffer.from(base64, 'base64') }).toString('utf8'))?.[1];

class FakePrinter implements ReceiptPrinter {
  jobs: PrintJob[] = [];
  fail = false;
  listPrinters = async () => [{ name: 'EPSON_TM', displayName: 'Epson TM-T88', isDefault: true }];
  print = async (job: PrintJob) => {
    if (this.fail) throw new PrintError('failed', 'paper out');
    this.jobs.push(job);
    return { printer: job.printer ?? 'EPSON_TM' };
  };
  preview = async (job: PrintJob) => {
    this.jobs.push(job);
  };
}

describe('receipts through the API', () => {
  let dir: string;
  let core: AppCore;
  let printer: FakePrinter | undefined;
  const call = async (method: string, input: unknown = {}) => core.dispatch(method, input, { transport: 'http' });
  const value = async <T = Record<string, unknown>>(method: string, input: unknown = {}): Promise<T> => {
    const r = await call(method, input);
    if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
    return r.value as T;
  };
  const as = async (staffNumber: string, roles: Role[]) => {
    await call('auth.signOut');
    const password = await seedUser(core, staffNumber, roles);
    await value('auth.signIn', { staffNumber, password });
  };
  /** A complete application taken in by `clerk` and submitted with its number. */
  const submitted = (clerk: string, number = 'SP01-W07-20261123-0001-X') => {
    const app = sampleFirstApplication();
    const actor = `staff:${clerk}`;
    const rec = core.store.applications.createDraft({ kind: app.kind, data: app, search: searchTerms(app), actor });
    core.store.attachments.put(scanFixtures.png, { applicationId: rec.id, slot: 'paper.application_form', actor });
    core.store.applications.setStatus(rec.id, { status: 'pending_approval', actor, applicationNumber: number });
    return rec.id;
  };
  const start = () => {
    core = createAppCore({
      dataDir: dir,
      key: Buffer.alloc(32, 7),
      version: 'test',
      session: { passwordParams: TEST_PASSWORD_PARAMS },
      ...(printer ? { receiptPrinter: printer } : {}),
    });
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'counterdesk-receipts-'));
    writeFileSync(
      join(dir, 'workstation.json'),
      JSON.stringify({ workstationId: 'W07', servicePoint: { code: 'SP01', nameZh: '測試服務點', namePt: 'Posto de teste' } }),
    );
    printer = undefined;
    start();
  });
  afterEach(() => {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the clerk who took it in gets the original receipt, audited as print, with the staff number and masked IDs', async () => {
    await as('C1', ['clerk']);
    const id = submitted('C1');
    const file = await value<{ fileName: string; pdfBase64: string; copy: number }>('receipts.issue', { applicationId: id });
    expect(file.copy).toBe(0);
    expect(file.fileName).toBe('receipt-SP01-W07-20261123-0001-X.pdf');
    const text = pdfText(file.pdfBase64);
    expect(text).toContain('SP01-W07-20261123-0001-X');
    expect(text).toContain('澳門示例貿易有限公司');
    expect(text).toContain('C1');
    expect(text).not.toContain('職員 C1'); // the clerk's name never goes on a receipt
    expect(text).not.toContain('1234567(8)'); // ID numbers masked to the last 4
    expect(text).not.toMatch(/副本|Segunda via/);
    const prints = core.store.audit.forSubject(id).filter((e) => e.action === 'print');
    expect(prints).toHaveLength(1);
    expect(prints[0]?.actor).toBe('staff:C1');
    expect(await value('receipts.status', { applicationId: id })).toEqual({
      applicationNumber: 'SP01-W07-20261123-0001-X',
      allowed: true,
      issued: true,
      reprints: 0,
      canPrint: false,
    });
    // A second original is refused: the clerk reprints instead.
    const again = await call('receipts.issue', { applicationId: id });
    expect(again.ok || again.error).toMatchObject({ code: 'conflict', messageKey: 'receipts.error.alreadyIssued' });
  });

  it('reprints are marked 副本 / Segunda via, counted, audited and reach the day-end report', async () => {
    await as('C1', ['clerk']);
    const id = submitted('C1');
    const refused = await call('receipts.reprint', { applicationId: id });
    expect(refused.ok || refused.error).toMatchObject({ code: 'conflict', messageKey: 'receipts.error.notIssued' });
    await value('receipts.issue', { applicationId: id });
    const first = await value<{ pdfBase64: string; copy: number }>('receipts.reprint', { applicationId: id });
    const second = await value<{ pdfBase64: string; copy: number }>('receipts.reprint', { applicationId: id });
    expect([first.copy, second.copy]).toEqual([1, 2]);
    const text = pdfText(second.pdfBase64);
    expect(text).toContain('副本');
    expect(text).toContain('Segunda via');
    expect(text).toContain('SP01-W07-20261123-0001-X');
    expect(core.store.audit.forSubject(id).filter((e) => e.action === 'reprint')).toHaveLength(2);
    expect(await value('receipts.status', { applicationId: id })).toMatchObject({ issued: true, reprints: 2 });
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(reconcile(collectDayEnd(core.store, today, () => 'SP01')).totals.reprints).toBe(2);
  });

  it('another clerk is refused; a supervisor may reprint; a draft has no receipt', async () => {
    await as('C1', ['clerk']);
    const id = submitted('C1');
    const draft = core.store.applications.createDraft({
      kind: 'first_application',
      data: sampleFirstApplication(),
      search: searchTerms(sampleFirstApplication()),
      actor: 'staff:C1',
    });
    const d = await call('receipts.issue', { applicationId: draft.id });
    expect(d.ok || d.error).toMatchObject({ code: 'conflict', messageKey: 'receipts.error.notSubmitted' });
    await value('receipts.issue', { applicationId: id });

    await as('C2', ['clerk']);
    const other = await call('receipts.reprint', { applicationId: id });
    expect(other.ok || other.error).toMatchObject({ code: 'forbidden', messageKey: 'receipts.error.notYours' });
    expect(await value('receipts.status', { applicationId: id })).toMatchObject({ allowed: false });

    await as('S1', ['supervisor']);
    const copy = await value<{ copy: number }>('receipts.reprint', { applicationId: id });
    expect(copy.copy).toBe(1);
    const reprint = core.store.audit.forSubject(id).find((e) => e.action === 'reprint');
    expect(reprint?.actor).toBe('staff:S1');

    await call('auth.signOut');
    const anonymous = await call('receipts.issue', { applicationId: id });
    expect(anonymous.ok).toBe(false);
  });

  it('finds an application by the number on a lost receipt, however it is typed, and only that number', async () => {
    await as('C1', ['clerk']);
    const id = submitted('C1');
    const other = submitted('C1', 'SP01-W07-20261123-0012-K');
    const found = async (applicationNumber: string) => {
      const r = await call('receipts.find', { applicationNumber });
      return r.ok ? (r.value as { applicationId: string }).applicationId : r.error;
    };
    // Table: what the person or the clerk types → which application (or the refusal).
    const cases: [string, string | Record<string, unknown>][] = [
      ['SP01-W07-20261123-0001-X', id],
      ['sp01-w07-20261123-0001-x', id],
      [' SP01 W07 20261123 0001 X ', id],
      ['SP01W07202611230001X', id],
      ['ＳＰ０１－Ｗ０７－２０２６１１２３－０００１－Ｘ', id], // full-width, from a CJK input method
      ['SP01-W07-20261123-0012-K', other],
      // A prefix matches both in the search index: neither is "the" application.
      ['SP01-W07-20261123-00', { code: 'not_found', messageKey: 'receipts.error.notFound' }],
      ['SP01-W07-20261123-0001', { code: 'not_found', messageKey: 'receipts.error.notFound' }],
      ['SP01-W07-20261123-0002-X', { code: 'not_found', messageKey: 'receipts.error.notFound' }],
      // An entity name is not a receipt number.
      ['澳門示例貿易有限公司', { code: 'not_found', messageKey: 'receipts.error.notFound' }],
      ['---', { code: 'not_found', messageKey: 'receipts.error.notFound' }],
      ['', { code: 'invalid_input' }],
      ['X'.repeat(41), { code: 'invalid_input' }],
    ];
    for (const [typed, expected] of cases) {
      if (typeof expected === 'string') expect(await found(typed), typed).toBe(expected);
      else expect(await found(typed), typed).toMatchObject(expected);
    }
    // A draft has no number yet, so nothing to find; its data never answers a number query.
    core.store.applications.createDraft({
      kind: 'first_application',
      data: sampleFirstApplication(),
      search: searchTerms(sampleFirstApplication()),
      actor: 'staff:C1',
    });
    expect(await found('SP01-W07-20261123-0001-X')).toBe(id);

    // Another clerk finds it (the person may come back to any counter) but may not reprint.
    await as('C2', ['clerk']);
    expect(await found('SP01-W07-20261123-0001-X')).toBe(id);
    expect(await value('receipts.status', { applicationId: id })).toMatchObject({ applicationNumber: 'SP01-W07-20261123-0001-X', allowed: false });

    await call('auth.signOut');
    const anonymous = await call('receipts.find', { applicationNumber: 'SP01-W07-20261123-0001-X' });
    expect(anonymous.ok).toBe(false);
  });

  it('a security-code application, which names its entity only by number, still gets its receipt', async () => {
    await as('C1', ['clerk']);
    const data = ApplicationSchema.parse({
      kind: 'security_code',
      securityCode: {
        staffLoginId: 'maria01',
        entityNumber: 'E0042',
        idDocumentShown: { type: 'passport', number: 'P1234567', issuingCountry: 'PRT' },
        loginActivated: true,
        qrPayload: 'x',
      },
      documents: { 'security_code.id': { sighting: 'original' } },
    });
    const rec = core.store.applications.createDraft({ kind: data.kind, data, search: searchTerms(data), actor: 'staff:C1' });
    core.store.applications.setStatus(rec.id, { status: 'pending_approval', actor: 'staff:C1', applicationNumber: 'SP01-W07-20261123-0003-Q' });
    const file = await value<{ pdfBase64: string }>('receipts.issue', { applicationId: rec.id });
    const text = pdfText(file.pdfBase64);
    expect(text).toContain('SP01-W07-20261123-0003-Q');
    expect(text).toContain('E0042');
    const token = String(core.store.audit.forSubject(rec.id).find((e) => e.action === 'print')?.details.token);
    expect(await value('receipts.verify', { token })).toMatchObject({ result: 'valid', matchesRecord: true });
  });

  it('verifies offline: valid, tampered (a changed character), unknown workstation, malformed', async () => {
    await as('C1', ['clerk']);
    const id = submitted('C1');
    await value('receipts.issue', { applicationId: id });
    const token = String(core.store.audit.forSubject(id).find((e) => e.action === 'print')?.details.token);
    expect(token).toMatch(/^CDR1:/);

    expect(await value('receipts.verify', { token })).toMatchObject({
      result: 'valid',
      applicationNumber: 'SP01-W07-20261123-0001-X',
      workstationId: 'W07',
      matchesRecord: true,
    });
    // One character of the signature changed.
    const at = token.length - 20;
    const flipped = token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
    expect(await value('receipts.verify', { token: flipped })).toMatchObject({ result: 'tampered', applicationNumber: 'SP01-W07-20261123-0001-X' });
    expect(await value('receipts.verify', { token: 'not a receipt' })).toEqual({ result: 'malformed' });
    expect((await call('receipts.verify', { token: 'x'.repeat(5000) })).ok).toBe(false);

    // A receipt from a workstation this one does not know, then known through reference data.
    const w99 = generateWorkstationKeyPair('W99');
    const sample = RECEIPT_SAMPLES[0]!.input;
    const foreign = await renderReceipt({ ...sample, workstationId: 'W99' }, { signingKey: w99, paper: 'a4' });
    expect(await value('receipts.verify', { token: foreign.token })).toMatchObject({ result: 'unknown_workstation', workstationId: 'W99' });
    core.store.db
      .prepare('INSERT INTO ref_workstation_keys (workstation_id, public_key, updated_at) VALUES (?, ?, ?)')
      .run('W99', w99.publicKey, new Date().toISOString());
    const known = await value<{ result: string; matchesRecord?: boolean }>('receipts.verify', { token: foreign.token });
    expect(known.result).toBe('valid');
    expect(known.matchesRecord).toBeUndefined(); // not taken in here

    // Signed with this workstation's own key, yet no such application here: genuine
    // signature, but the clerk is told the record is missing.
    const own = await renderReceipt(
      { ...sample, workstationId: 'W07', applicationNumber: 'SP01-W07-20261123-0999-Z' },
      { signingKey: createReceiptStore(core.store, 'W07', () => '2026-11-23T00:00:00.000Z').signingKey(), paper: 'a4' },
    );
    expect(await value('receipts.verify', { token: own.token })).toMatchObject({ result: 'valid', workstationId: 'W07', notOnFile: true });
    expect(await value('receipts.verify', { token })).not.toHaveProperty('notOnFile');
  });

  it('keeps one signing key across restarts, never sends it out, and publishes the public key', async () => {
    await as('A1', ['workstation_admin']);
    const pub = await value<{ workstationId: string; publicKey: string }>('receipts.workstationKey');
    expect(pub.workstationId).toBe('W07');
    const row = core.store.db.prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'internal.receiptSigningKey.W07'").get();
    const privateKey = (JSON.parse(row!.value) as { privateKey: string }).privateKey;
    expect(core.store.outbox.pending(100).some((o) => o.topic === 'workstation.receipt_key' && JSON.stringify(o.payload).includes(pub.publicKey))).toBe(true);
    const outputs = JSON.stringify([pub, await value('receipts.settings'), await value('receipts.printers')]);
    expect(outputs).not.toContain(privateKey);
    core.close();
    start();
    await as('A1', ['workstation_admin']);
    expect((await value<{ publicKey: string }>('receipts.workstationKey')).publicKey).toBe(pub.publicKey);
  });

  it('settings: only the workstation administrator changes them (audited); the roll prints 80 mm wide', async () => {
    await as('C1', ['clerk']);
    expect(await value('receipts.settings')).toEqual({ paperSize: 'a4', english: false });
    const refused = await call('receipts.setSettings', { paperSize: 'roll80', english: true });
    expect(refused.ok || refused.error).toMatchObject({ code: 'forbidden' });
    const bad = await call('receipts.setSettings', { paperSize: 'a5', english: true });
    expect(bad.ok || bad.error).toMatchObject({ code: 'invalid_input' });

    await as('A1', ['workstation_admin']);
    expect(await value('receipts.setSettings', { paperSize: 'roll80', english: true })).toEqual({ paperSize: 'roll80', english: true });
    const change = core.store.audit.recent(20).find((e) => e.action === 'settings_change');
    expect(change).toMatchObject({
      actor: 'staff:A1',
      details: { key: 'receipts.settings', from: { paperSize: 'a4', english: false }, to: { paperSize: 'roll80', english: true } },
    });

    await as('C1', ['clerk']);
    const id = submitted('C1');
    const file = await value<{ pdfBase64: string }>('receipts.issue', { applicationId: id });
    expect(Number(pdfPageSize(file.pdfBase64))).toBeCloseTo(226.77, 0); // 80 mm in points
    expect(pdfText(file.pdfBase64)).toContain('Free');
    // Harness: no printer, so preview hands back a PDF to download.
    // Only the administrator previews (settings), and a preview never verifies as genuine.
    expect(await call('receipts.preview')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await as('A1', ['workstation_admin']);
    const preview = await value<{ shown: boolean; file?: { pdfBase64: string } }>('receipts.preview');
    expect(preview.shown).toBe(false);
    expect(pdfText(preview.file!.pdfBase64)).toContain('Posto de teste');
    const [token] = decodeQr(renderPage1(Buffer.from(preview.file!.pdfBase64, 'base64'), 200));
    expect(token).toBeTruthy();
    expect((await value<{ result: string }>('receipts.verify', { token })).result).toBe('unknown_workstation');
  });

  it('prints through the injected printer; a failed print is reported and not counted', async () => {
    core.close();
    printer = new FakePrinter();
    start();
    await as('C1', ['clerk']);
    const id = submitted('C1');
    expect(await value('receipts.printers')).toEqual({ available: true, printers: [{ name: 'EPSON_TM', displayName: 'Epson TM-T88', isDefault: true }] });
    printer.fail = true;
    const failed = await call('receipts.print', { applicationId: id, mode: 'issue' });
    expect(failed.ok || failed.error).toMatchObject({ code: 'unavailable', messageKey: 'receipts.error.printFailed' });
    expect(core.store.audit.forSubject(id).some((e) => e.action === 'print')).toBe(false);

    printer.fail = false;
    expect(await value('receipts.print', { applicationId: id, mode: 'issue' })).toEqual({ copy: 0, printer: 'EPSON_TM' });
    expect(await value('receipts.print', { applicationId: id, mode: 'reprint' })).toEqual({ copy: 1, printer: 'EPSON_TM' });
    expect(printer.jobs).toHaveLength(2);
    expect(printer.jobs[0]?.html).toContain('SP01-W07-20261123-0001-X');
    expect(printer.jobs[0]?.html).not.toMatch(/<script/i);
    expect(printer.jobs[1]?.html).toContain('Segunda via');
    expect(await value('receipts.status', { applicationId: id })).toMatchObject({ issued: true, reprints: 1, canPrint: true });
  });
});
