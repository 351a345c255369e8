import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { scanFixtures } from '../services/store/attachments/fixtures';
import { newDataDir, startApp, type AppProcess } from './support/app-process';
import { expectAccessible, launchBrowser, watchPageErrors } from './support/browser';
import { configureWorkstation } from './support/pending-applications';
import { CLERK, enrolUsers, signIn } from './support/users';
import { newApplication, saved } from './support/intake-ui';
import { loadOrCreateWorkstationConfig } from '../services/core/workstation-config';
import { openStore } from '../services/store';
import { loadOrCreateKeyFile } from '../services/store/keys';
import { createReferenceRepo } from '../services/intake';
import { t } from './support/ui-text';
import { systemClock } from '../services/core/clock';

// Screenshots for the lead's before/after notes (issue 13): test output, not committed.
const SHOTS = join(process.cwd(), '.tmp', 'screens');
async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}

/** An entity that already has a One Account (reference data, FAQ 8), written before the app starts. */
function seedReferenceEntity(dataDir: string): void {
  const { workstationId } = loadOrCreateWorkstationConfig(dataDir);
  const store = openStore({ dir: dataDir, key: loadOrCreateKeyFile(join(dataDir, 'store.key')), workstationId, clock: systemClock });
  try {
    createReferenceRepo(store.db, () => new Date().toISOString()).importFile({
      entities: [
        { entityNumber: 'E0042', type: 'company', names: { zh: '澳門舊帳戶有限公司' }, registrationNumbers: ['42424 SO'], taxpayerNumber: '80424242' },
      ],
      staffLogins: [],
    });
  } finally {
    store.close();
  }
}

// Issue 5 through the real UI, clicking and typing as a clerk does, axe-clean at every step.

interface PersonInput {
  name?: string;
  idType?: string;
  idNumber?: string;
  specimen?: 'yes' | 'no';
  expiry?: string;
  country?: string;
  mobile?: string;
  email?: string;
}

async function fillPerson(group: Locator, p: PersonInput): Promise<void> {
  if (p.name !== undefined) await group.getByLabel(t('intake.person.name')).fill(p.name);
  if (p.idType) await group.getByLabel(t('intake.person.idType')).selectOption(p.idType);
  if (p.idNumber !== undefined) await group.getByLabel(t('intake.person.idNumber')).fill(p.idNumber);
  if (p.country !== undefined) await group.getByLabel(t('intake.person.issuingCountry')).fill(p.country);
  if (p.expiry) await group.getByLabel(t('intake.person.idExpiry')).fill(p.expiry);
  if (p.specimen) await group.getByLabel(t('intake.person.specimen')).selectOption(p.specimen);
  if (p.mobile !== undefined) await group.getByLabel(t('intake.person.mobile')).fill(p.mobile);
  if (p.email !== undefined) await group.getByLabel(t('intake.person.email')).fill(p.email);
}

const personIdOf = async (group: Locator): Promise<string> => (await group.getAttribute('data-person')) ?? '';

/** The checklist item of a document slot (the first requirement about it carries its controls). */
const slotItem = (page: Page, slot: string) => page.locator(`.checklist li:has([data-sighting="${slot}"])`);

async function sight(page: Page, slot: string, kind: 'original' | 'certified_copy' | 'copy'): Promise<void> {
  await page.locator(`[data-sighting="${slot}"]`).selectOption(kind);
}

/** A scan-sized PNG (1600 × 1000, grey with a dark band), as a flatbed scanner sends. */
function largeScanPng(): Buffer {
  const png = new PNG({ width: 1600, height: 1000 });
  for (let i = 0; i < png.data.length; i += 4) {
    const y = Math.floor(i / 4 / 1600);
    const v = y > 400 && y < 600 ? 40 : 230;
    png.data[i] = v;
    png.data[i + 1] = v;
    png.data[i + 2] = v;
    png.data[i + 3] = 255;
  }
  return PNG.sync.write(png);
}

async function attachByPicker(page: Page, slot: string, name: string, bytes: Buffer, mimeType: string): Promise<void> {
  await slotItem(page, slot).locator('input[type=file]').setInputFiles({ name, mimeType, buffer: bytes });
}

async function tickAll(page: Page): Promise<void> {
  const boxes = page.locator('.checklist input[type=checkbox][data-check]:not(:checked)');
  while ((await boxes.count()) > 0) await boxes.first().check();
}

async function fillCompany(page: Page, nameZh: string, taxpayer: string, registration = '12345 SO', namePt = 'Exemplo Comércio, Limitada'): Promise<void> {
  const entity = page.getByRole('group', { name: t('intake.section.entity') });
  await entity.getByLabel(t('intake.entity.type')).selectOption('company');
  await entity.getByLabel(t('intake.entity.nameZh')).fill(nameZh);
  await entity.getByLabel(t('intake.entity.namePt')).fill(namePt);
  await entity.getByLabel(t('intake.entity.commercialRegistration')).fill(registration);
  await entity.getByLabel(t('intake.entity.taxpayerNumber')).fill(taxpayer);
  await entity.getByLabel(t('intake.entity.addressZh')).fill('澳門新馬路 1 號');
  await page
    .getByRole('group', { name: t('intake.section.contact') })
    .getByLabel(t('intake.contact.phone'))
    .fill('28312345');
}

describe('clerk intake through the real UI', () => {
  let browser: Browser;
  let app: AppProcess | undefined;
  const dataDir = newDataDir();
  const scannerDir = join(dataDir, 'scanner-in');
  const env = { COUNTERDESK_SCANNER_DIR: scannerDir };

  beforeAll(async () => {
    mkdirSync(scannerDir, { recursive: true });
    configureWorkstation(dataDir);
    await enrolUsers(dataDir);
    seedReferenceEntity(dataDir);
    app = await startApp(dataDir, env);
    browser = await launchBrowser();
  });
  // One app for the file: a test that fails half-way must not leave the next one signed in.
  afterEach(async () => {
    await app?.call('auth.signOut');
  });
  afterAll(async () => {
    await app?.stop();
    await browser?.close();
  });

  it('takes in a company with two legal representatives (Macau BIR, Hong Kong ID) and two admins, and submits it', async () => {
    const page = await browser.newPage();
    const problems = watchPageErrors(page);
    await page.goto(app!.url);
    await signIn(page, CLERK);
    await newApplication(page);
    await expectAccessible(page, 'empty first application');
    await fillCompany(page, '澳門示例貿易有限公司', '８０１２３４５６');
    // The taxpayer number typed with full-width digits shows its normalised form.
    await page.getByText(t('intake.field.normalised', { value: 80123456 })).waitFor();

    // Legal representatives, in the paper's order; Alt+P adds one in the section in focus.
    const lrs = page.getByRole('group', { name: t('intake.section.lrs') });
    await lrs.getByRole('button', { name: t('intake.lr.add') }).focus();
    await page.keyboard.press('Alt+P');
    const lr1 = page.getByRole('group', { name: t('intake.lr.n', { n: 1 }) });
    await expect.poll(() => lr1.getByLabel(t('intake.person.name')).evaluate((el) => el === document.activeElement)).toBe(true);
    await fillPerson(lr1, { name: '陳大文', idType: 'mo_bir_permanent', idNumber: '１２３４５６７８', specimen: 'yes', expiry: '2030-01-01' });
    await lr1.getByText(t('intake.field.normalised', { value: '1234567(8)' })).waitFor();
    await lrs.getByRole('button', { name: t('intake.lr.add') }).click();
    const lr2 = page.getByRole('group', { name: t('intake.lr.n', { n: 2 }) });
    await fillPerson(lr2, { name: '李小明', idType: 'hk_id', idNumber: 'a123456(3)', specimen: 'no' });
    await lr2.getByText(t('intake.field.normalised', { value: 'A123456(3)' })).waitFor();
    // FAQ 5: an ID without a signature specimen: the person signs at the counter.
    await lr2.getByLabel(/本人親臨櫃檯簽署/).check();
    const lr1Id = await personIdOf(lr1);
    const lr2Id = await personIdOf(lr2);

    // Admins: the first legal representative, and someone new.
    const admins = page.getByRole('group', { name: t('intake.section.admins') });
    await admins.getByRole('button', { name: t('intake.admin.addLr', { name: '陳大文' }) }).click();
    await fillPerson(page.getByRole('group', { name: t('intake.admin.n', { n: 1 }) }), { mobile: '66123456', email: 'chan@exemplo.mo' });
    await admins.getByRole('button', { name: t('intake.admin.add') }).click();
    const admin2 = page.getByRole('group', { name: t('intake.admin.n', { n: 2 }) });
    await fillPerson(admin2, {
      name: 'Maria Santos',
      idType: 'passport',
      idNumber: 'P1234567',
      country: 'PRT',
      mobile: '+852 91234567',
      email: 'maria@exemplo.mo',
    });
    const admin2Id = await personIdOf(admin2);
    await saved(page);
    await expectAccessible(page, 'form filled, checklist open');

    // The submit button says why it cannot submit yet.
    await expect.poll(() => page.getByTestId('submit').getAttribute('aria-disabled')).toBe('true');
    expect(await page.locator('#submit-why').textContent()).toMatch(/尚有 \d+ 項未完成/);

    // The checklist: what was sighted, the scans, the eye checks.
    await sight(page, `lr.${lr1Id}.id`, 'original');
    await sight(page, `lr.${lr2Id}.id`, 'original');
    await sight(page, `admin.${lr1Id}.id`, 'copy');
    await sight(page, `admin.${admin2Id}.id`, 'copy');
    for (const paper of ['application_form', 'agreement', 'admin_form']) await sight(page, `paper.${paper}`, 'original');
    // FAQ 5: the Hong Kong ID is not a Macau BIR, so its copy is attached (file picker).
    await attachByPicker(page, `lr.${lr2Id}.id`, 'hkid.png', largeScanPng(), 'image/png');
    await expect.poll(() => page.locator(`[data-req="lr.${lr2Id}.id-copy"]`).getAttribute('class'), { timeout: 15_000 }).toContain('req-met');
    // Issue 13 item 10: a 1600 × 1000 scan's thumbnail is scaled down (it was the full image).
    const thumb = slotItem(page, `lr.${lr2Id}.id`).locator('.scan-thumb img').first();
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await thumb.evaluate((img: HTMLImageElement) => Math.max(img.naturalWidth, img.naturalHeight))).toBeLessThanOrEqual(240);
    await screenshot(page, 'item10-after-thumbnail');
    // The admins' ID copies the counter keeps are scanned too (ps-2112a).
    await attachByPicker(page, `admin.${lr1Id}.id`, 'admin1-id.jpg', scanFixtures.jpeg, 'image/jpeg');
    await attachByPicker(page, `admin.${admin2Id}.id`, 'admin2-passport.png', scanFixtures.png, 'image/png');
    for (const id of [lr1Id, admin2Id]) {
      await expect.poll(() => page.locator(`[data-req="admin.${id}.id-copy"]`).getAttribute('class'), { timeout: 15_000 }).toContain('req-met');
    }
    // The application form comes through the counter scanner's watched folder.
    writeFileSync(join(scannerDir, 'form-0001.pdf'), scanFixtures.pdf);
    const tray = page.locator('.intake-side').getByText('form-0001.pdf', { exact: true });
    await tray.waitFor({ timeout: 15_000 });
    await expectAccessible(page, 'scanner tray with a new file');
    const trayItem = page.locator('.intake-side li, .intake-side tr').filter({ hasText: 'form-0001.pdf' }).first();
    await trayItem.locator('select').selectOption('paper.application_form');
    await trayItem.getByRole('button').first().click();
    await expect.poll(() => page.locator('.intake-side').getByText('form-0001.pdf', { exact: true }).count(), { timeout: 15_000 }).toBe(0);
    // Issue 13 item 10: the scanner's 2-page PDF is 2 pages, counted by the core (it said 1).
    await expect
      .poll(() => slotItem(page, 'paper.application_form').locator('.scan-title').first().textContent(), { timeout: 15_000 })
      .toBe(t('scans.scan', { n: 1, pages: 2 }));

    await tickAll(page);
    await expect.poll(() => page.getByTestId('blocking-count').textContent()).toBe(t('intake.check.ready'));
    // Who ticked: the signed-in clerk, by name.
    expect(await page.locator('[data-req="paper.agreement.signed"]').textContent()).toContain(t('intake.check.tickedBy', { name: '陳文職 (C0101)' }));
    await saved(page);
    await expectAccessible(page, 'all ticked, ready to submit');

    // Issue 13 item 13: with nothing left to do, Ctrl+Enter shows what is about to be sent and
    // waits for its own confirmation; pressing Ctrl+Enter again does not submit.
    await page.keyboard.press('Control+Enter');
    const summary = page.getByRole('dialog', { name: t('intake.confirm.title') });
    await summary.waitFor();
    expect(await summary.textContent()).toContain(t('intake.confirm.irreversible'));
    expect(await summary.textContent()).toContain('澳門示例貿易有限公司');
    await expectAccessible(page, 'summary before submitting');
    await screenshot(page, 'item13-after-submit-summary');
    await page.keyboard.press('Control+Enter');
    await page.keyboard.press('Control+Enter');
    expect(await page.getByTestId('intake-status').textContent()).toBe(t('status.app.draft'));
    await summary.getByRole('button', { name: t('intake.confirm.submit') }).click();
    const number = page.getByTestId('application-number');
    await number.waitFor();
    expect(await number.textContent()).toMatch(/^SP01-W07-\d{8}-\d{4}-[0-9A-Z]$/);
    expect(await page.getByTestId('intake-status').textContent()).toBe(t('status.app.pending_approval'));
    expect(
      await page
        .getByRole('group', { name: t('intake.section.entity') })
        .getByLabel(t('intake.entity.nameZh'))
        .getAttribute('readonly'),
    ).not.toBeNull();
    await expectAccessible(page, 'submitted, read only');
    const applicationNumber = (await number.textContent()) ?? '';

    // In the work list as pending approval, and found by its number.
    await page.keyboard.press('Escape');
    const row = page.getByRole('row').filter({ hasText: '澳門示例貿易有限公司' });
    await row.waitFor();
    expect(await row.textContent()).toContain(t('status.app.pending_approval'));
    expect(await row.textContent()).toContain(applicationNumber);
    await page.getByLabel(t('intake.list.search'), { exact: true }).fill(applicationNumber);
    await expect.poll(() => page.getByRole('row').count()).toBe(2);
    await page.getByLabel(t('intake.list.search'), { exact: true }).fill('不存在的實體');
    await page.getByText(t('intake.list.noMatch')).waitFor();
    await page.getByLabel(t('intake.list.search'), { exact: true }).fill('');
    await expectAccessible(page, 'work list with a pending application');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('blocks a first application for an entity that already has an account (FAQ 8)', async () => {
    const page = await browser.newPage();
    await page.goto(app!.url);
    await signIn(page, CLERK);
    await newApplication(page);
    // Typed as on the paper form; the reference data knows it by its taxpayer number.
    await fillCompany(page, '澳門舊帳戶有限公司', '80424242', '42424 SO', 'Conta Antiga, Limitada');
    await saved(page);
    const notice = page.getByTestId('duplicate-notice');
    await notice.waitFor({ timeout: 10_000 });
    expect(await notice.textContent()).toContain('每個實體只可有一個帳戶');
    expect(await page.getByTestId('submit').getAttribute('aria-disabled')).toBe('true');
    expect(await page.locator('#submit-why').textContent()).toContain('實體重複');
    await expectAccessible(page, 'duplicate entity');

    // Issue 5, no dead ends: the draft sits in the work list until the clerk discards it.
    await page.keyboard.press('Escape');
    const row = page.getByRole('row').filter({ hasText: '澳門舊帳戶有限公司' });
    await row.waitFor();
    expect(await row.textContent()).toContain(t('status.app.draft'));
    await row.getByRole('button').click();
    await notice.waitFor({ timeout: 10_000 });
    // Keyboard only: the first press asks, the confirmation takes the focus, Enter discards.
    await notice.getByRole('button', { name: t('intake.discard') }).focus();
    await page.keyboard.press('Enter');
    const confirm = notice.getByRole('button', { name: t('intake.discard.yes') });
    await confirm.waitFor();
    expect(await confirm.evaluate((el) => el === document.activeElement)).toBe(true);
    await expectAccessible(page, 'discard confirmation');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /新增申請/ }).waitFor();
    // Gone from the work list, and no search finds it either.
    await page.getByLabel(t('intake.list.search'), { exact: true }).fill('舊帳戶');
    await page.getByText(t('intake.list.noMatch')).waitFor();
    expect(await row.count()).toBe(0);
    await page.getByLabel(t('intake.list.search'), { exact: true }).fill('');
    await expectAccessible(page, 'work list after discarding a draft');
    await page.close();
  });

  it('keeps a power-of-attorney case blocked until the wording is ticked and the attorney ID copy attached (FAQ 6)', async () => {
    const page = await browser.newPage();
    await page.goto(app!.url);
    await signIn(page, CLERK);
    await newApplication(page);
    // Nothing in common with the first test's company, which FAQ 8 would match (name, numbers).
    await fillCompany(page, '授權測試有限公司', '80765432', '76543 SO', 'Procuração Teste, Limitada');
    await page
      .getByRole('group', { name: t('intake.section.lrs') })
      .getByRole('button', { name: t('intake.lr.add') })
      .click();
    const lr = page.getByRole('group', { name: t('intake.lr.n', { n: 1 }) });
    await fillPerson(lr, { name: '黃志強', idType: 'mo_bir_permanent', idNumber: '5123456(7)', specimen: 'yes' });
    const lrId = await personIdOf(lr);
    const attorney = page.getByRole('group', { name: t('intake.section.attorney') });
    await attorney.getByLabel(t('intake.poa.used')).check();
    await fillPerson(attorney, { name: 'João Pereira', idType: 'passport', idNumber: 'P7654321', country: 'PRT' });
    await attorney.getByLabel(t('intake.poa.notarised')).check();
    await page
      .getByRole('group', { name: t('intake.section.admins') })
      .getByRole('button', { name: t('intake.admin.addLr', { name: '黃志強' }) })
      .click();
    await fillPerson(page.getByRole('group', { name: t('intake.admin.n', { n: 1 }) }), { mobile: '66999999', email: 'wong@poa.mo' });
    await sight(page, `lr.${lrId}.id`, 'original');
    await sight(page, `admin.${lrId}.id`, 'copy');
    await attachByPicker(page, `admin.${lrId}.id`, 'admin-id.png', scanFixtures.png, 'image/png');
    await expect.poll(() => page.locator(`[data-req="admin.${lrId}.id-copy"]`).getAttribute('class'), { timeout: 15_000 }).toContain('req-met');
    for (const paper of ['application_form', 'agreement', 'admin_form']) await sight(page, `paper.${paper}`, 'original');
    await sight(page, 'poa', 'certified_copy');
    // Everything ticked except the POA wording.
    const boxes = page.locator('.checklist input[type=checkbox][data-check]:not(:checked):not([data-check^="poa.wording"])');
    while ((await boxes.count()) > 0) await boxes.first().check();
    await saved(page);
    await expectAccessible(page, 'power of attorney, wording not ticked');

    const blocking = () => page.getByTestId('blocking-count').textContent();
    expect(await blocking()).toBe(t('intake.check.blocking', { count: 3 }));
    // Ctrl+Enter walks the blocking items one by one, never submitting (issue 13 item 13).
    await page.locator('h1').first().click();
    await page.keyboard.press('Control+Enter');
    const firstStop = await page.evaluate(() => document.activeElement?.outerHTML);
    await page.keyboard.press('Control+Enter');
    expect(await page.evaluate(() => document.activeElement?.outerHTML)).not.toBe(firstStop);
    expect(await page.getByRole('dialog').count()).toBe(0);
    // Pressing submit while blocked goes to the first missing item, it does not submit. (The
    // button is aria-disabled, which Playwright will not click: the clerk presses Enter on it.)
    await page.getByTestId('submit').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-check'))).toBe('poa.wording.consent_open_account');
    await page.getByRole('checkbox', { name: /同意開立澳門公共服務一戶通實體使用者帳戶/ }).check();
    await page.getByRole('checkbox', { name: /可開立帳戶、領取文件及作出相關行為的人/ }).check();
    await expect.poll(blocking).toBe(t('intake.check.blocking', { count: 1 }));
    await attachByPicker(page, 'attorney.id', 'passport.jpg', scanFixtures.jpeg, 'image/jpeg');
    await sight(page, 'attorney.id', 'copy');
    await expect.poll(blocking, { timeout: 15_000 }).toBe(t('intake.check.ready'));
    await saved(page);
    await page.getByTestId('submit').click();
    await page.getByTestId('confirm-submit').click();
    await page.getByTestId('application-number').waitFor();
    await expectAccessible(page, 'power of attorney submitted');
    await page.close();
  });

  it('starts a change of data for an entity found in the reference data by part of its name, pre-filled', async () => {
    const page = await browser.newPage();
    const problems = watchPageErrors(page);
    await page.goto(app!.url);
    await signIn(page, CLERK);
    await page.getByRole('heading', { name: t('worklist.title'), level: 1 }).waitFor();
    await page.keyboard.press('Alt+N');
    await page.getByRole('heading', { name: t('intake.start.title'), level: 1 }).waitFor();
    await page.getByRole('radio', { name: t('kind.change_of_data') }).check();
    // Starting without choosing the entity says what is missing.
    await page.getByRole('button', { name: t('intake.start.go') }).click();
    await page.getByText(t('intake.start.chooseEntity')).waitFor();
    await page.getByLabel(t('intake.start.lookup')).fill('舊帳戶');
    const found = page.getByRole('radio', { name: /E0042/ });
    await found.waitFor();
    await expectAccessible(page, 'change of data: entity found');
    await found.check();
    await page.getByRole('checkbox', { name: t('intake.change.contact') }).check();
    await page.getByRole('button', { name: t('intake.start.go') }).click();
    await page.getByRole('heading', { name: t('kind.change_of_data'), level: 1 }).waitFor();
    const entity = page.getByRole('group', { name: t('intake.section.entity') });
    await expect.poll(() => entity.getByLabel(t('intake.entity.nameZh')).inputValue()).toBe('澳門舊帳戶有限公司');
    await expectAccessible(page, 'change of data, pre-filled');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('recovers a form after the app process is killed mid-typing', async () => {
    const page = await browser.newPage();
    await page.goto(app!.url);
    await signIn(page, CLERK);
    await newApplication(page);
    const entity = page.getByRole('group', { name: t('intake.section.entity') });
    await entity.getByLabel(t('intake.entity.type')).selectOption('association');
    await entity.getByLabel(t('intake.entity.nameZh')).pressSequentially('澳門街坊互助會', { delay: 30 });
    await saved(page);
    await entity.getByLabel(t('intake.entity.namePt')).pressSequentially('Associação de Moradores', { delay: 30 });
    await saved(page);
    // Still typing when the power goes: this last field may lose its last second, no more.
    await entity.getByLabel(t('intake.entity.nameEn')).pressSequentially('Residents', { delay: 30 });
    await app!.crash();
    await page.close();

    app = await startApp(dataDir, env);
    const page2 = await browser.newPage();
    await page2.goto(app.url);
    await signIn(page2, CLERK);
    await page2.getByRole('button', { name: /澳門街坊互助會/ }).click();
    await page2.getByRole('heading', { name: t('kind.first_application'), level: 1 }).waitFor();
    const entity2 = page2.getByRole('group', { name: t('intake.section.entity') });
    await expect.poll(() => entity2.getByLabel(t('intake.entity.nameZh')).inputValue()).toBe('澳門街坊互助會');
    expect(await entity2.getByLabel(t('intake.entity.namePt')).inputValue()).toBe('Associação de Moradores');
    expect(await entity2.getByLabel(t('intake.entity.type')).inputValue()).toBe('association');
    expect('Residents'.startsWith(await entity2.getByLabel(t('intake.entity.nameEn')).inputValue())).toBe(true);
    await expectAccessible(page2, 'recovered draft');
    await page2.close();
  });
});
