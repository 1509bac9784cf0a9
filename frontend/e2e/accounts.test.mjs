// Accounts in a real Chromium: an administrator invites someone, who sets a password from the
// one-time link and signs in; the page is checked by axe in Hebrew and English and on a phone.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { newPage, seriousViolations, serverAndBrowser, signIn } from './harness.mjs';

const env = serverAndBrowser();

test('an administrator invites a referent, who chooses a password from the link and signs in', async () => {
  const admin = await newPage(env.browser);
  await signIn(admin, env.server.url, 'admin');
  await admin.getByRole('link', { name: 'חשבונות משתמשים' }).click();
  await admin.getByRole('heading', { level: 1, name: 'חשבונות משתמשים' }).waitFor();
  await admin.getByRole('cell', { name: 'referent.kiryat-gat@demo.workit.example' }).waitFor();
  assert.deepEqual(await seriousViolations(admin), []);

  await admin.getByRole('button', { name: 'הזמנת משתמש/ת' }).click();
  const dialog = admin.getByRole('dialog', { name: 'הזמנת משתמש/ת' });
  await dialog.getByRole('button', { name: 'שליחת הזמנה' }).click();
  await dialog.getByText('כתובת דוא"ל לא תקינה.').waitFor();
  await dialog.getByLabel('דוא"ל').fill('tamar@town.example');
  await dialog.getByLabel('שם מלא').fill('תמר לוי');
  await dialog.getByRole('textbox', { name: 'רשות' }).click();
  await admin.getByRole('option', { name: 'קריית גת' }).click();
  await dialog.getByRole('button', { name: 'שליחת הזמנה' }).click();
  const link = await admin.getByTestId('issued-link').inputValue();
  assert.match(link, /\/set-password\/[A-Za-z0-9_-]{40,}$/);
  await dialog.getByRole('button', { name: 'סגירה' }).last().click();
  await admin.getByRole('row', { name: /tamar@town\.example/ }).getByText('הוזמן/ה').waitFor();

  // The invited person, in a browser of their own.
  const invited = await newPage(env.browser, { width: 390, height: 844 });
  await invited.goto(link);
  await invited.getByText('תמר לוי').waitFor();
  assert.deepEqual(await seriousViolations(invited), []);
  await invited.getByLabel('סיסמה חדשה').fill('password12');
  await invited.getByLabel('הקלדת הסיסמה שוב').fill('password12');
  await invited.getByRole('button', { name: 'שמירת הסיסמה' }).click();
  await invited.getByText(/הסיסמה קלה מדי לניחוש/).waitFor();
  await invited.getByLabel('סיסמה חדשה').fill('שבע כבשים על גג הבית');
  await invited.getByLabel('הקלדת הסיסמה שוב').fill('שבע כבשים על גג הבית');
  await invited.getByRole('button', { name: 'שמירת הסיסמה' }).click();
  await invited.getByRole('link', { name: 'כניסה' }).click();
  await invited.locator('input[type=email]').fill('tamar@town.example');
  await invited.locator('input[type=password]').fill('שבע כבשים על גג הבית');
  await invited.locator('button[type=submit]').click();
  await invited.waitForURL((url) => /\/towns\/\d+$/.test(url.pathname));
  await invited.getByRole('heading', { level: 1, name: 'קריית גת' }).waitFor();
  assert.deepEqual(invited.errors, []);

  // The link works once.
  await invited.goto(link);
  await invited.getByText('הקישור כבר נוצל, פג תוקפו או שאינו תקין. יש לבקש קישור חדש.').waitFor();

  // Disabling takes effect at once; the page in English passes axe too.
  await admin.reload();
  const row = admin.getByRole('row', { name: /tamar@town\.example/ });
  await row.getByText('פעיל').waitFor();
  await row.getByRole('button', { name: /^השבתה:/ }).click();
  await row.getByText('מושבת').waitFor();
  assert.deepEqual(admin.errors, []);
  await invited.context().close();
  await admin.context().close();
});

test('the accounts page in English passes axe, and a coordinator sees only their region', async () => {
  const page = await newPage(env.browser);
  await page.goto(`${env.server.url}/sign-in`);
  await page.getByText('English').click();
  await page.waitForFunction(() => document.documentElement.dir === 'ltr');
  await page.locator('input[type=email]').fill('coordinator.north@demo.workit.example');
  await page.locator('input[type=password]').fill('workit-demo');
  await page.locator('button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  await page.getByRole('link', { name: 'User accounts' }).click();
  await page.getByRole('heading', { level: 1, name: 'User accounts' }).waitFor();
  await page.getByRole('cell', { name: 'chair.kiryat-shmona@demo.workit.example' }).waitFor();
  assert.equal(await page.getByRole('cell', { name: 'chair.kiryat-gat@demo.workit.example' }).count(), 0);
  // The e-mail column sorts both ways.
  const emails = () => page.locator('tbody tr td:nth-child(2)').allTextContents();
  await page.getByRole('button', { name: 'E-mail' }).click();
  await page.locator('th[aria-sort="ascending"]').filter({ hasText: 'E-mail' }).waitFor();
  const up = await emails();
  assert.deepEqual(up, [...up].sort((a, b) => a.localeCompare(b, 'en')));
  await page.getByRole('button', { name: 'E-mail' }).click();
  await page.locator('th[aria-sort="descending"]').filter({ hasText: 'E-mail' }).waitFor();
  assert.deepEqual(await emails(), [...up].reverse());
  assert.deepEqual(await seriousViolations(page), []);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
