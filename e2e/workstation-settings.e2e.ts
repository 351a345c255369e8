import { describe, expect, it } from 'vitest';
import { expectAccessible, callFromPage as call } from './support/browser';
import { counterPerDescribe } from './support/counter';
import { enrolUsers, signIn, type TestUser } from './support/users';
import { t } from './support/ui-text';

const ADMIN: TestUser = { staffNumber: 'A0701', displayName: '林管理', roles: ['workstation_admin'], password: 'admin-password-1' };

// Issue 13, items 2 and 3: a fresh workstation's administrator lands on Users and sets the
// service point on the Settings screen, without editing workstation.json.
describe('workstation settings through the real UI', () => {
  // No workstation.json written: the app starts on the development placeholder.
  const counter = counterPerDescribe((dataDir) => enrolUsers(dataDir, [ADMIN]), { timeout: 10_000 });

  it('the administrator lands on Users, opens Settings with Alt+7 and sets the service point', async () => {
    const { page, problems } = counter;
    await signIn(page, ADMIN);
    await page.getByRole('heading', { name: t('users.title'), level: 1 }).waitFor();
    await page.keyboard.press('Alt+7');
    await page.getByRole('heading', { name: t('nav.settings'), level: 1 }).waitFor();
    await page.getByText(t('workstation.placeholderNotice')).waitFor();
    await expectAccessible(page, 'workstation settings on the placeholder');

    await page.getByLabel(t('workstation.servicePointCode')).fill('SP07');
    await page.getByLabel(t('workstation.nameZh')).fill('氹仔服務點');
    await page.getByLabel(t('workstation.namePt')).fill('Posto da Taipa');
    await page.getByRole('button', { name: t('workstation.save') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: t('workstation.savedRestart') })
      .waitFor();
    expect(await page.getByText(t('workstation.placeholderNotice')).count()).toBe(0);
    expect(await call(page, 'app.info', {})).toMatchObject({
      ok: true,
      value: { servicePoint: { code: 'SP07', nameZh: '氹仔服務點', namePt: 'Posto da Taipa' } },
    });
    // The receipt settings live here too.
    await page.getByRole('heading', { name: t('receipts.settings.title') }).waitFor();
    expect(problems).toEqual([]);
  });

  it('the administrator imports the reference data file on the same screen', async () => {
    const { page, problems } = counter;
    const file = {
      entities: [{ entityNumber: 'E9001', names: { zh: '參考測試有限公司', pt: 'Referência Teste, Limitada' }, registrationNumbers: ['SO-9001'] }],
    };
    await page
      .getByLabel(t('workstation.reference.file'))
      .setInputFiles({ name: 'reference.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await page
      .getByRole('status')
      .filter({ hasText: t('workstation.reference.imported', { entities: 1, staffLogins: 0 }) })
      .waitFor();
    await page
      .getByLabel(t('workstation.reference.file'))
      .setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{ not json') });
    await page.getByRole('alert').waitFor();
    await expectAccessible(page, 'settings with a refused reference file');
    expect(problems).toEqual([]);
  });
});
