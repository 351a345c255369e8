import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import QRCode from 'qrcode';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, newDataDir, type AppProcess } from './support/app-process';
import { callFromPage, expectAccessible, launchBrowser, watchPageErrors } from './support/browser';
import { phoneQr as phone } from '../domain/security-code/test-support';
import { t } from './support/ui-text';
import { CLERK, enrolUsers, signIn } from './support/users';

// Issue 16 at the counter (FAQ 18, 19): a staff member registered with a non-Macau ID enables
// the security code by showing the QR on their phone, read by a keyboard-wedge scanner typing
// under a Chinese IME and by the (fake) camera; a second entity for the same person keeps the
// verified ID; each refusal is shown with its reason; bad content stores nothing.

const ROOT = resolve(import.meta.dirname, '..');

/** The QR text the person's phone shows (the harness runs on the real clock). */
const phoneQr = async (o: { entityNumber: string; staffLoginId: string; issuedAt?: Date; lifetime?: number }) =>
  (await phone({ ...o, issuedAt: o.issuedAt ?? new Date() })).text;
const PERMIT = 'C12345678'; // a Mainland travel permit: not a Macau ID (FAQ 19)
const REFERENCE = {
  entities: [
    { entityNumber: '100001', names: { zh: '海景貿易有限公司' } },
    { entityNumber: '100002', names: { zh: '山邊物業管理委員會' } },
    { entityNumber: '100003', names: { zh: '河岸協會' } },
  ],
  staffLogins: [
    // One person, staff logins in two entities (FAQ 19: once per entity).
    {
      loginId: 'wong.staff',
      entityNumber: '100001',
      idType: 'cn_travel_permit',
      idNumber: PERMIT,
      activated: true,
      faceRecognition: 'disabled',
      securityCode: 'disabled',
    },
    {
      loginId: 'wong.staff',
      entityNumber: '100002',
      idType: 'cn_travel_permit',
      idNumber: PERMIT,
      activated: true,
      faceRecognition: 'disabled',
      securityCode: 'disabled',
    },
    {
      loginId: 'ng.staff',
      entityNumber: '100003',
      idType: 'cn_travel_permit',
      idNumber: 'W87654321',
      activated: true,
      faceRecognition: 'disabled',
      securityCode: 'disabled',
    },
    // Registered with a Macau ID: face recognition, not the security code (FAQ 18).
    { loginId: 'chan.staff', entityNumber: '100001', idType: 'mo_bir_permanent', idNumber: '1234567(8)', activated: true, faceRecognition: 'disabled' },
  ],
};

/**
 * The keys of one wedge scan, as a USB scanner types them through a Chinese IME: a third plain,
 * a third "Process"/229, a third keyup only. Returns how many of the events the page let through
 * (not defaultPrevented): a key let through is a key the focused field would have typed.
 */
async function wedgeScan(page: Page, text: string): Promise<number> {
  return page.evaluate((digits) => {
    const target = document.activeElement ?? document.body;
    let through = 0;
    const fire = (type: string, code: string, key: string, keyCode: number) => {
      const e = new KeyboardEvent(type, { code, key, keyCode, bubbles: true, cancelable: true, composed: true });
      target.dispatchEvent(e);
      if (!e.defaultPrevented) through++;
    };
    [...digits].forEach((d, i) => {
      const code = `Digit${d}`;
      if (i % 3 === 0) fire('keydown', code, d, 48 + Number(d));
      if (i % 3 === 1) fire('keydown', code, 'Process', 229);
      fire('keyup', code, d, 48 + Number(d));
    });
    fire('keydown', 'Enter', 'Enter', 13);
    fire('keyup', 'Enter', 'Enter', 13);
    return through;
  }, text);
}

async function openSecurityCode(page: Page): Promise<void> {
  await page.keyboard.press('Alt+6');
  await page.getByRole('heading', { name: t('scui.sc.title'), level: 1 }).waitFor();
}

async function fillPerson(page: Page, idType: string, idNumber: string, entityNumber: string): Promise<void> {
  await page.getByLabel(t('scui.id.type')).selectOption(idType);
  await page.getByLabel(t('scui.id.number')).fill(idNumber);
  await page.getByLabel(t('scui.id.original')).check();
  await page.getByLabel(t('scui.entity')).fill(entityNumber);
  await page.getByLabel(t('scui.entity')).focus();
}

const checkStatus = (page: Page, id: string) => page.locator(`.sc-check[data-check="${id}"]`).getAttribute('data-status');
const verdictText = (page: Page) => page.locator('.sc-verdict').textContent();

async function verdict(page: Page): Promise<void> {
  await page
    .locator('.sc-verdict')
    .waitFor({ timeout: 20_000 })
    .catch(async (e: unknown) => {
      const field = await page.getByLabel(t('scui.entity')).inputValue();
      throw new Error(`no verdict: ${String(e)}\nentity field: ${field.slice(0, 40)}\nscreen: ${await page.locator('main').textContent()}`);
    });
}

async function recordsToday(page: Page): Promise<number> {
  const r = await callFromPage(page, 'enablements.today', {});
  expect(r.ok).toBe(true);
  return (r.value as { records: unknown[] }).records.length;
}

/** A fake camera showing `text` as a QR at several sizes, as a hand brings the phone closer. */
async function cameraWith(work: string, name: string, text: string | Buffer): Promise<Browser> {
  const sizes = [240, 280, 320, 360, 400, 440];
  for (const [i, width] of sizes.entries()) {
    const png = join(work, `${name}-raw-${i}.png`);
    const content = typeof text === 'string' ? text : [{ data: text, mode: 'byte' as const }];
    await QRCode.toFile(png, content as string, { errorCorrectionLevel: 'M', margin: 4, width });
    execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-i', png, '-vf', 'pad=640:480:(ow-iw)/2:(oh-ih)/2:white', join(work, `${name}-${i}.png`)]);
  }
  const y4m = join(work, `${name}.y4m`);
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-framerate', '4', '-i', join(work, `${name}-%d.png`), '-r', '4', '-pix_fmt', 'yuv420p', y4m]);
  return launchBrowser(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${y4m}`]);
}

describe('security code and face recognition at the counter', () => {
  let app: AppProcess | undefined;
  const browsers: Browser[] = [];
  const dataDir = newDataDir();
  const work = mkdtempSync(join(tmpdir(), 'counterdesk-sc-e2e-'));

  beforeAll(async () => {
    await enrolUsers(dataDir, [CLERK]);
    const file = join(work, 'reference.json');
    writeFileSync(file, JSON.stringify(REFERENCE));
    // Reference data through the app's own import, as an administrator would load it.
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/store-cli.ts', 'import-reference', file], {
      cwd: ROOT,
      env: { ...process.env, COUNTERDESK_DATA_DIR: dataDir },
    });
    app = await startApp(dataDir);
  });
  // One app for the file: a test that fails half-way must not leave the next one signed in.
  afterEach(async () => {
    await app?.call('auth.signOut');
  });
  afterAll(async () => {
    for (const b of browsers) await b.close();
    await app?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  /** A signed-in clerk's page in `browser` (a plain one unless a fake camera is wanted), watched for page and CSP errors. */
  async function clerkPage(browser?: Browser): Promise<{ page: Page; problems: string[] }> {
    const b = browser ?? (await launchBrowser());
    browsers.push(b);
    const page = await b.newPage();
    const problems = watchPageErrors(page);
    await page.goto(app!.url);
    await signIn(page, CLERK);
    return { page, problems };
  }

  it('enables the security code by a wedge scan under an IME, then a second entity for the same person by camera', { retry: 1 }, async () => {
    const second = await phoneQr({ entityNumber: '100002', staffLoginId: 'wong.staff', lifetime: 300 });
    const { page, problems } = await clerkPage(await cameraWith(work, 'second', second));
    // Attached before the camera opens, which is when the decoder's WebAssembly loads.
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await openSecurityCode(page);
    await expectAccessible(page, 'security code, empty');
    await fillPerson(page, 'cn_travel_permit', PERMIT, '100001');

    // Typed into the focused entity field through an IME: not one key reaches the field.
    const first = await phoneQr({ entityNumber: '100001', staffLoginId: 'wong.staff' });
    expect(await wedgeScan(page, first)).toBe(0);
    await verdict(page);
    expect(await page.getByLabel(t('scui.entity')).inputValue()).toBe('100001');
    expect(await page.locator('.sc-check').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual(Array(13).fill('pass'));
    expect(await page.locator('.sc-ok').textContent()).toBe(t('scui.verdict.ok') + ' ');
    await expectAccessible(page, 'security code, all checks passed');
    // Keyboard first: the focus is on "enable"; Enter enables.
    await page.keyboard.press('Enter');
    await page.locator('.sc-done').waitFor();
    expect(await page.locator('.sc-done h2').textContent()).toContain('100001');
    // No central server here: queued until sync (issue 16 item 4).
    expect(await page.locator('.sc-done [role="status"]').textContent()).toBe(t('scui.done.queued'));
    await expectAccessible(page, 'security code, enabled');

    // Next entity for the same person: the verified ID is kept, only entity and QR are asked.
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByLabel(t('scui.entity')).evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.locator('.sc-kept').textContent()).toContain(PERMIT);
    expect(await page.getByLabel(t('scui.id.number')).count()).toBe(0);
    await page.getByLabel(t('scui.entity')).fill('100002');
    await page.getByRole('button', { name: t('scui.scan.camera') }).click();
    const outcome = page.locator('.sc-verdict, .sc-camera [role="alert"]').first();
    await outcome.waitFor({ timeout: 25_000 }).catch(async (e: unknown) => {
      throw new Error(`no scan result: ${String(e)}\nscreen: ${await page.locator('.sc-screen').textContent()}\npage errors: ${problems.join(' | ')}`);
    });
    expect(await page.locator('.sc-ok').textContent()).toBe(t('scui.verdict.ok') + ' ');
    await page.getByRole('button', { name: t('scui.sc.enable') }).press('Enter');
    await page.locator('.sc-done').waitFor();
    expect(await page.locator('.sc-done h2').textContent()).toContain('100002');
    // One visit, two lines (one per entity).
    expect(
      await page
        .getByRole('region', { name: t('scui.done.list') })
        .getByRole('listitem')
        .count(),
    ).toBe(2);
    expect(await recordsToday(page)).toBe(2);
    // No central server: each line says it is queued and completes at sync (issue 16 item 2).
    expect(await page.locator('.sc-line').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))).toEqual(['queued', 'queued']);
    expect(await page.locator('.sc-line').first().textContent()).toContain(t('scui.state.queued'));
    await expectAccessible(page, 'security code, two entities queued');

    // The person's receipt for the visit (issue 16 item 3): one line per entity, each queued.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: t('scui.receipt.pdf') }).click()]);
    expect(download.suggestedFilename()).toMatch(/^EID-[A-Z0-9-]+\.pdf$/);
    const pdf = join(work, 'visit-receipt.pdf');
    await download.saveAs(pdf);
    const receipt = execFileSync('pdftotext', [pdf, '-']).toString('utf8').replace(/\s+/g, '');
    expect(receipt).toContain('實體100001');
    expect(receipt).toContain('實體100002');
    expect(receipt.split('待與中央系統同步後完成').length - 1).toBeGreaterThanOrEqual(2);
    expect(receipt).not.toContain(PERMIT);
    await page.getByText(t('scui.receipt.ready', { reference: download.suggestedFilename().replace(/\.pdf$/, '') })).waitFor();
    await expectAccessible(page, 'security code, receipt made');

    // The work list shows today's enablements with their state.
    await page.keyboard.press('Escape');
    const today = page.getByRole('region', { name: t('scui.today.title') });
    await today.waitFor();
    expect(await today.locator('.sc-line[data-state="queued"]').count()).toBe(2);
    await expectAccessible(page, 'work list with queued enablements');
    await openSecurityCode(page);

    // The camera decoded with the bundled ZXing-C++ WebAssembly, from the app itself (no CDN at a counter; CSP held).
    const origin = new URL(app!.url).origin;
    expect(requests.filter((u) => /zxing_reader-[\w-]+\.wasm$/.test(u)).map((u) => new URL(u).origin)).toEqual([origin]);
    expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);

    // Replay: the first QR again, for the same entity, is refused (a new code is needed).
    await fillPerson(page, 'cn_travel_permit', PERMIT, '100001');
    await wedgeScan(page, first);
    await verdict(page);
    expect(await checkStatus(page, 'replay')).toBe('fail');
    expect(await verdictText(page)).toContain(t('sc.check.replay'));
    expect(await page.getByRole('alert').first().textContent()).toContain(t('scui.advice.new_code'));
    expect(problems).toEqual([]);
  });

  it('refuses an expired QR, a QR of another entity, a forged signature, another ID document and a Macau-ID login, each with its reason; nothing is stored', async () => {
    const { page, problems } = await clerkPage();
    const before = await recordsToday(page);
    await openSecurityCode(page);

    await fillPerson(page, 'cn_travel_permit', 'W87654321', '100003');
    await wedgeScan(page, await phoneQr({ entityNumber: '100003', staffLoginId: 'ng.staff', issuedAt: new Date(Date.now() - 10 * 60_000) }));
    await verdict(page);
    expect(await checkStatus(page, 'expiry')).toBe('fail');
    expect(await verdictText(page)).toContain('QR 碼已過期');
    expect(await page.getByRole('button', { name: t('scui.sc.enable') }).count()).toBe(0);
    await expectAccessible(page, 'security code, expired');

    // The person gave 100003 but is logged in to 100001 on the phone.
    await wedgeScan(page, await phoneQr({ entityNumber: '100001', staffLoginId: 'wong.staff' }));
    await verdict(page);
    expect(await checkStatus(page, 'entity_number')).toBe('fail');
    expect(await verdictText(page)).toContain(t('sc.check.entity_mismatch', { given: '100003', qr: '100001' }));

    // Signed by another key than the one in the QR: forged, never "scan again".
    await page.getByLabel(t('scui.entity')).fill('100003');
    await page.getByLabel(t('scui.entity')).focus();
    await wedgeScan(page, (await phone({ entityNumber: '100003', staffLoginId: 'ng.staff', issuedAt: new Date(), forge: 'other_key' })).text);
    await verdict(page);
    expect(await checkStatus(page, 'signature')).toBe('fail');
    expect(await verdictText(page)).toContain(t('sc.check.signature'));
    expect(await page.locator('.sc-refused').textContent()).toContain(t('scui.advice.refuse'));

    // Another ID document than the one the login was registered with (FAQ 19).
    await page.getByLabel(t('scui.id.number')).fill('W00000000');
    await page.getByLabel(t('scui.entity')).focus();
    await wedgeScan(page, await phoneQr({ entityNumber: '100003', staffLoginId: 'ng.staff' }));
    await verdict(page);
    expect(await checkStatus(page, 'id_matches')).toBe('fail');
    expect(await verdictText(page)).toContain(t('sc.check.id_mismatch'));

    // A Macau ID: face recognition is explained instead (FAQ 18).
    await page.getByLabel(t('scui.id.type')).selectOption('mo_bir_permanent');
    await page.getByLabel(t('scui.id.number')).fill('1234567(8)');
    await page.getByLabel(t('scui.entity')).fill('100001');
    await page.getByLabel(t('scui.entity')).focus();
    await wedgeScan(page, await phoneQr({ entityNumber: '100001', staffLoginId: 'chan.staff' }));
    await verdict(page);
    expect(await checkStatus(page, 'non_macau_id')).toBe('fail');
    expect(await verdictText(page)).toContain(t('sc.check.macau_id'));
    expect(await page.locator('.sc-refused').textContent()).toContain(t('scui.advice.face_recognition'));
    await expectAccessible(page, 'security code, Macau ID');

    expect(await recordsToday(page)).toBe(before);
    expect(problems).toEqual([]);
  });

  it('refuses malformed and oversized scans with a message and stores nothing', async () => {
    const { page, problems } = await clerkPage();
    const before = await recordsToday(page);
    await openSecurityCode(page);
    await fillPerson(page, 'cn_travel_permit', PERMIT, '100001');

    // A misread digit: "scan again", never "forged".
    const good = await phoneQr({ entityNumber: '100001', staffLoginId: 'wong.staff' });
    const misread = good.slice(0, 100) + ((Number(good[100]) + 1) % 10) + good.slice(101);
    await wedgeScan(page, misread);
    await verdict(page);
    expect(await checkStatus(page, 'check_digit')).toBe('fail');
    expect(await page.locator('.sc-refused').textContent()).toContain(t('scui.advice.scan_again'));

    // A scanner that types a whole page of digits.
    expect(await wedgeScan(page, '8530' + '9'.repeat(900))).toBe(0);
    await verdict(page);
    expect(await verdictText(page)).toContain(t('sc.qr.oversized'));
    expect(await page.getByLabel(t('scui.entity')).inputValue()).toBe('100001');
    await expectAccessible(page, 'security code, oversized');

    expect(await recordsToday(page)).toBe(before);
    expect(problems).toEqual([]);
  });

  it('refuses a camera QR holding non-UTF-8 bytes with a message and stores nothing', { retry: 1 }, async () => {
    const { page, problems } = await clerkPage(
      await cameraWith(work, 'binary', Buffer.from([0xff, 0xfe, 0x80, 0x81, 0xc3, 0x28, 0x00, 0x9f, 0x38, 0x35, 0x33, 0x30])),
    );
    const before = await recordsToday(page);
    await openSecurityCode(page);
    await fillPerson(page, 'cn_travel_permit', PERMIT, '100001');
    await page.getByRole('button', { name: t('scui.scan.camera') }).click();
    await verdict(page);
    expect(await checkStatus(page, 'format')).toBe('fail');
    expect(await verdictText(page)).toContain(t('sc.qr.not_security_code'));
    expect(await recordsToday(page)).toBe(before);
    await expectAccessible(page, 'security code, not a security code');
    expect(problems).toEqual([]);
  });

  it('re-enables face recognition for a Macau-ID login (FAQ 18), from the intake start', async () => {
    const { page, problems } = await clerkPage();
    await page.keyboard.press('Alt+N');
    await page.getByRole('button', { name: t('scui.fr.title') }).click();
    await page.getByRole('heading', { name: t('scui.fr.title'), level: 1 }).waitFor();
    await page.getByLabel(t('scui.id.number')).fill('1234567(8)');
    await page.getByLabel(t('scui.id.original')).check();
    await page.getByLabel(t('scui.entity')).fill('100001');
    await page.getByLabel(t('scui.loginId')).fill('chan.staff');
    await page.getByLabel(t('scui.loginId')).press('Enter');
    await page.locator('.sc-verdict').waitFor();
    expect(await page.locator('.sc-ok').textContent()).toBe(t('scui.verdict.ok') + ' ');
    await expectAccessible(page, 'face recognition, checked');
    await page.keyboard.press('Enter');
    await page.locator('.sc-done').waitFor();
    expect(await page.locator('.sc-done [role="status"]').textContent()).toBe(t('scui.done.queued'));
    expect(await page.locator('.sc-line').getAttribute('data-state')).toBe('queued');
    await expectAccessible(page, 'face recognition, re-enabled');
    expect(problems).toEqual([]);
  });
});
