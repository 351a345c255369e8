import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { scanFixtures } from '../services/store/attachments/fixtures';
import { newDataDir, startApp, type AppProcess } from './support/app-process';
import { expectAccessible, launchBrowser, watchPageErrors } from './support/browser';
import { configureWorkstation } from './support/pending-applications';
import { CLERK, enrolUsers, signIn } from './support/users';
import { newApplication, saved } from './support/intake-ui';
import { t } from './support/ui-text';

// Issue 5, item 4 through the real UI: a clerk attaches scans to checklist items by file
// picker, scanner folder and document camera, arranges their pages, and is told in Chinese
// when a file is refused. Chromium's fake camera stands in for the document camera.

/** The scans group of one checklist slot, named after the document. */
const scans = (page: Page, document: string): Locator => page.getByRole('group', { name: `${document}的掃描檔` });

describe('scans through the real UI', () => {
  let browser: Browser;
  let app: AppProcess | undefined;
  const dataDir = newDataDir();
  const scannerDir = join(dataDir, 'scanner-in');

  beforeAll(async () => {
    mkdirSync(scannerDir, { recursive: true });
    configureWorkstation(dataDir);
    await enrolUsers(dataDir);
    app = await startApp(dataDir, { COUNTERDESK_SCANNER_DIR: scannerDir });
    browser = await launchBrowser(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']);
  });
  afterAll(async () => {
    await app?.stop();
    await browser?.close();
  });

  it('attaches by picker, scanner folder and camera; arranges pages; refuses a corrupt file in Chinese', async () => {
    const page = await browser.newPage();
    const problems = watchPageErrors(page);
    await page.goto(app!.url);
    await signIn(page, CLERK);
    await newApplication(page);

    // Something typed first: attaching bumps the application's revision in the core, and
    // the typing must survive it (autosave re-reads instead of hitting a conflict).
    const entity = page.getByRole('group', { name: t('intake.section.entity') });
    await entity.getByLabel(t('intake.entity.nameZh')).fill('澳門掃描測試有限公司');

    // File picker: a PNG of the agreement.
    const agreement = scans(page, t('receipt.doc.agreement'));
    await agreement.getByText(t('scans.none')).waitFor();
    await expectAccessible(page, 'checklist with empty scan panels');
    await agreement.getByLabel(t('scans.attach')).setInputFiles({ name: 'agreement.png', mimeType: 'image/png', buffer: scanFixtures.png });
    const preview = agreement.getByRole('img', { name: t('scans.preview', { n: 1 }) });
    await preview.waitFor({ timeout: 15_000 });
    expect(await agreement.getByText(t('scans.scan', { n: 1, pages: 1 })).count()).toBe(1);
    expect(await agreement.getByRole('status').textContent()).toBe(t('scans.attached', { name: 'agreement.png' }));
    // The image really decoded (a data URL the CSP allows).
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await expectAccessible(page, 'a scan attached');

    // Rotate it: shown turned, and the next press offers the next quarter turn.
    await agreement.getByRole('button', { name: t('scans.rotate', { n: 1, rotation: 90 }) }).click();
    await expect.poll(() => preview.getAttribute('class')).toBe('rot-90');
    await agreement.getByRole('button', { name: t('scans.rotate', { n: 1, rotation: 180 }) }).waitFor();
    // Keyboard stays on the button pressed.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(t('scans.rotate', { n: 1, rotation: 180 }));

    // A second page for the same scan, then move it to the front.
    const chooser = page.waitForEvent('filechooser');
    await agreement.getByRole('button', { name: t('scans.addPages', { n: 1 }) }).click();
    await (await chooser).setFiles({ name: 'agreement-2.jpg', mimeType: 'image/jpeg', buffer: scanFixtures.jpeg });
    await agreement.getByText(t('scans.scan', { n: 1, pages: 2 })).waitFor({ timeout: 15_000 });
    const mimeOrder = () => agreement.locator('.scan-page img').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).src.slice(5, 15)));
    await expect.poll(mimeOrder).toEqual(['image/png;', 'image/jpeg']);
    await agreement.getByRole('button', { name: t('scans.moveUp', { n: 2 }) }).click();
    await expect.poll(mimeOrder).toEqual(['image/jpeg', 'image/png;']);
    // The rotation went with its page.
    expect(await agreement.locator('.scan-page img').nth(1).getAttribute('class')).toBe('rot-90');
    await expectAccessible(page, 'a scan of two pages');

    // A scan cut short by the scanner: refused, in Chinese, nothing attached.
    const form = scans(page, t('receipt.doc.application_form'));
    const truncated = scanFixtures.png.subarray(0, Math.floor(scanFixtures.png.length / 2));
    await form.getByLabel(t('scans.attach')).setInputFiles({ name: 'half.png', mimeType: 'image/png', buffer: truncated });
    await expect.poll(() => form.getByRole('alert').textContent(), { timeout: 15_000 }).toBe(t('attachments.error.corrupt'));
    expect(await form.getByText(t('scans.none')).count()).toBe(1);
    await expectAccessible(page, 'a corrupt file refused');

    // The scanner folder: a PDF arrives, the clerk assigns it to the application form.
    writeFileSync(join(scannerDir, 'form-0001.pdf'), scanFixtures.pdf);
    const tray = page.getByRole('region', { name: t('scans.tray.title') });
    // Found by its name as the only text naming it (as the intake E2E finds it).
    await page.locator('.intake-side').getByText('form-0001.pdf').waitFor({ timeout: 15_000 });
    const row = tray.getByRole('listitem').filter({ hasText: 'form-0001.pdf' });
    await expectAccessible(page, 'scanner tray with a new file');
    await row.getByLabel(t('scans.tray.assignTo', { name: 'form-0001.pdf' })).selectOption({ label: t('receipt.doc.application_form') });
    await row.getByRole('button', { name: `${t('scans.tray.assign')} form-0001.pdf` }).click();
    await form.getByText(/PDF 文件/).waitFor({ timeout: 15_000 });
    await expect.poll(() => tray.getByText('form-0001.pdf').count()).toBe(0);
    expect(await tray.getByRole('status').textContent()).toBe(t('scans.tray.assigned', { slot: '實體帳戶申請表' }));
    // Moved out of the way in the folder (stamped, never deleted), so the next clerk does not see it.
    // Stored encrypted; the plain file is gone from the scanner folder.
    expect(readdirSync(scannerDir).filter((f) => f.includes('form-0001'))).toEqual([]);
    expect(readdirSync(scannerDir)).not.toContain('form-0001.pdf');

    // The document camera (Chromium's fake device): a JPEG still becomes a scan.
    const adminForm = scans(page, t('receipt.doc.admin_form'));
    await adminForm.getByRole('button', { name: t('scans.camera') }).click();
    const camera = adminForm.getByRole('group', { name: t('camera.title') });
    const shoot = camera.getByRole('button', { name: t('camera.capture') });
    await expect.poll(() => shoot.isEnabled(), { timeout: 15_000 }).toBe(true);
    await expectAccessible(page, 'camera open');
    // Keyboard first: the shutter has focus once the picture is live; Enter shoots.
    await expect.poll(() => shoot.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    const still = adminForm.getByRole('img', { name: t('scans.preview', { n: 1 }) });
    await still.waitFor({ timeout: 15_000 });
    expect(await still.getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);
    expect(await camera.count()).toBe(0);
    // Escape closes the camera, not the application behind it.
    const cameraButton = adminForm.getByRole('button', { name: t('scans.camera') });
    await expect.poll(() => cameraButton.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => shoot.isEnabled(), { timeout: 15_000 }).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => camera.count()).toBe(0);
    expect(await page.getByRole('heading', { name: t('kind.first_application'), level: 1 }).count()).toBe(1);

    // The typing survived every revision bump, and the form saves cleanly.
    await saved(page);
    expect(await entity.getByLabel(t('intake.entity.nameZh')).inputValue()).toBe('澳門掃描測試有限公司');
    await expectAccessible(page, 'scans attached three ways');

    // Reopened from the work list: the scans are there, in their order and rotation.
    await page.keyboard.press('Escape');
    await page.getByRole('row').filter({ hasText: '澳門掃描測試有限公司' }).getByRole('button').first().click();
    await scans(page, t('receipt.doc.agreement'))
      .getByText(t('scans.scan', { n: 1, pages: 2 }))
      .waitFor({ timeout: 15_000 });
    await expect.poll(mimeOrder).toEqual(['image/jpeg', 'image/png;']);
    expect(
      await page
        .getByRole('group', { name: t('intake.section.entity') })
        .getByLabel(t('intake.entity.nameZh'))
        .inputValue(),
    ).toBe('澳門掃描測試有限公司');
    expect(problems).toEqual([]);
  });
});
