// The employer survey, barriers and participation in a real Chromium: an employer answers the
// town's survey on a phone without an account; the employment lead sees the answer in the
// results, in the work list and in the directory, and places the employer on the map; barriers
// and participation pages are edited; axe on every new page in both languages.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { newPage, reloadIn, seriousViolations, serverAndBrowser, signIn } from './harness.mjs';

const env = serverAndBrowser();

test('an employer answers on a phone without an account and the employment lead sees it', async () => {
  const lead = await newPage(env.browser);
  await signIn(lead, env.server.url, 'lead.kiryat-gat');
  await lead.getByRole('link', { name: 'שאלון מעסיקים' }).first().click();
  await lead.getByRole('heading', { level: 1, name: /^שאלון מעסיקים —/ }).waitFor();
  const link = (await lead.getByTestId('survey-link').textContent()).trim();
  assert.match(link, /\/survey\/[A-Za-z0-9_-]{20,}$/);
  await lead.getByTestId('survey-answers').locator('tbody tr').first().waitFor();
  const before = await lead.getByTestId('survey-answers').locator('tbody tr').count();

  const employer = await newPage(env.browser, { width: 390, height: 844 });
  await employer.goto(link);
  await employer.getByRole('heading', { level: 1, name: /קריית גת/ }).waitFor();
  assert.deepEqual(await seriousViolations(employer), [], 'public form, he, 390px');
  // A phone shows the languages' short names.
  await employer.getByText('EN', { exact: true }).click();
  await employer.getByRole('heading', { level: 1, name: /Kiryat Gat/ }).waitFor();
  assert.deepEqual(await seriousViolations(employer), [], 'public form, en, 390px');
  await employer.getByText('عر', { exact: true }).click();
  await employer.getByRole('heading', { level: 1, name: /كريات جات/ }).waitFor();
  assert.deepEqual(await seriousViolations(employer), [], 'public form, ar, 390px');
  await employer.getByText('עב', { exact: true }).click();
  await employer.getByRole('heading', { level: 1, name: /קריית גת/ }).waitFor();
  await employer.getByLabel('1. שם החברה').fill('מאפיית הדגמה לבדיקה');
  await employer.getByRole('textbox', { name: '3. באיזה ענף פועל העסק?' }).click();
  await employer.getByRole('option', { name: 'תעשייה' }).click();
  await employer.getByRole('radiogroup', { name: '6. האם קיימות בעסק משרות פנויות?' }).getByLabel('כן').check();
  await employer.getByLabel('שם מקצוע').fill('אופה');
  await employer.getByLabel('מספר משרות').fill('4');
  await employer.getByLabel('כן, בתוך 1–2 חודשים').check();
  await employer.getByLabel(/^14\. /).check();
  await employer.getByLabel('16. שם מלא').fill('רונית בודקת');
  await employer.getByLabel('נייד או טלפון').fill('050-7654321');
  await employer.getByRole('button', { name: 'שליחה' }).click();
  await employer.getByText('תודה! התשובות התקבלו.').waitFor();
  assert.deepEqual(employer.errors, []);
  // A bad link says so, without a stack trace or any data.
  await employer.goto(`${env.server.url}/survey/not-a-real-link-at-all-xyz`);
  await employer.getByRole('alert').filter({ hasText: 'הקישור לשאלון אינו תקין' }).waitFor();
  await employer.context().close();

  await lead.reload();
  const answers = lead.getByTestId('survey-answers');
  await answers.locator('tbody tr').filter({ hasText: 'מאפיית הדגמה לבדיקה' }).waitFor();
  assert.equal(await answers.locator('tbody tr').count(), before + 1);
  const work = lead.getByTestId('survey-worklist').locator('tr').filter({ hasText: 'מאפיית הדגמה לבדיקה' });
  await work.filter({ hasText: '050-7654321' }).waitFor();
  await lead.getByTestId('survey-results').getByText('אופה').waitFor();
  // The answers sort by open positions, most first on the second click.
  const positions = async () => (await answers.locator('tbody tr td:nth-child(2)').allTextContents()).map(Number);
  await answers.getByRole('button', { name: 'משרות פנויות' }).click();
  await answers.locator('th[aria-sort="ascending"]').filter({ hasText: 'משרות פנויות' }).waitFor();
  await answers.getByRole('button', { name: 'משרות פנויות' }).click();
  await answers.locator('th[aria-sort="descending"]').filter({ hasText: 'משרות פנויות' }).waitFor();
  const most = await positions();
  assert.ok(most.length > 2 && most.every((n) => Number.isFinite(n)), `positions are numbers: ${most}`);
  assert.deepEqual(most, [...most].sort((x, y) => y - x));
  await work.getByRole('button', { name: /^הוספה למפת בעלי העניין/ }).click();
  await work.getByText('במפה').waitFor();
  await lead.goto(`${env.server.url}${new URL(lead.url()).pathname.replace('/employers', '/directory')}`);
  await lead.getByText('מאפיית הדגמה לבדיקה').first().waitFor();
  assert.deepEqual(lead.errors, []);
});

test('the new pages pass axe in both languages, and a barrier is rated from the matrix', async () => {
  const page = await newPage(env.browser);
  await signIn(page, env.server.url, 'referent.kiryat-gat');
  const townPath = new URL(page.url()).pathname;
  await page.goto(`${env.server.url}${townPath}/barriers`);
  await page.getByTestId('barrier-matrix').waitFor();
  const cell = page.getByRole('button', { name: 'נשים, שפה: לא דורג' });
  if (await cell.count()) {
    await cell.click();
    await page.getByRole('dialog').getByRole('textbox', { name: 'חומרה' }).click();
    await page.getByRole('option', { name: 'גבוהה' }).click();
    await page.getByRole('dialog').getByLabel('פרקטיקות לשחרור החסם').fill('אולפן עברית תעסוקתי');
    await page.getByRole('dialog').getByRole('button', { name: 'שמירה' }).click();
    await page.getByRole('button', { name: 'נשים, שפה: גבוהה' }).waitFor();
  }
  await page.goto(`${env.server.url}${townPath}/participation`);
  await page.locator('[data-process]').first().waitFor();
  const channels = page.getByRole('button', { name: /^עריכה 4\. / }).first();
  await channels.click();
  await page.getByRole('dialog').getByRole('note').filter({ hasText: 'אוריינות דיגיטלית' }).waitFor();
  // The dialog's close button is "close the dialog", not a second "cancel".
  assert.equal(await page.getByRole('dialog').getByRole('button', { name: 'ביטול' }).count(), 1);
  await page.getByRole('dialog').getByRole('button', { name: 'סגירת החלון' }).click();
  for (const [language, width] of [['he', 1280], ['en', 1280], ['en', 390]]) {
    await page.setViewportSize({ width, height: 900 });
    for (const path of ['employers', 'barriers', 'participation']) {
      await page.goto(`${env.server.url}${townPath}/${path}`);
      await reloadIn(page, language);
      await page.locator('h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      assert.deepEqual(await seriousViolations(page), [], `${path}, ${language}, ${width}px`);
    }
  }
  await reloadIn(page, 'he');
  assert.deepEqual(page.errors, []);
});

test('a coordinator reads the region\'s employers with small counts withheld', async () => {
  const page = await newPage(env.browser);
  await signIn(page, env.server.url, 'coordinator.south');
  await page.getByRole('link', { name: 'השוואת יישובים' }).click();
  await page.getByRole('link', { name: 'שאלון מעסיקים' }).click();
  await page.getByRole('heading', { level: 1, name: /^שאלון מעסיקים באזור/ }).waitFor();
  await page.getByTestId('survey-results').waitFor();
  await page.getByText(/מוסתרים/).first().waitFor();
  assert.deepEqual(await seriousViolations(page), [], 'region, he');
  await reloadIn(page, 'en');
  await page.getByTestId('survey-results').waitFor();
  assert.deepEqual(await seriousViolations(page), [], 'region, en');
  await reloadIn(page, 'he');
  assert.deepEqual(page.errors, []);
});
