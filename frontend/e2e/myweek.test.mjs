// "My week" as a page with a stable address: a referent's meetings this week and next, overdue
// items, tasks, minutes to write and to comment on; checked by axe in both languages.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { newPage, reloadIn, seriousViolations, serverAndBrowser, signIn } from './harness.mjs';

const env = serverAndBrowser();

test('a referent opens my week from the navigation and at its address', async () => {
  const page = await newPage(env.browser);
  await signIn(page, env.server.url, 'referent.kiryat-gat');
  await page.getByRole('navigation').getByRole('link', { name: 'השבוע שלי' }).click();
  await page.waitForURL((url) => url.pathname === '/my-week');
  await page.getByRole('heading', { level: 1, name: 'השבוע שלי' }).waitFor();
  for (const section of ['מפגשים השבוע ובשבוע הבא', 'המשימות הפתוחות שלי', 'המשימות שלי בתוכנית העבודה', 'סיכומים שממתינים להערותיך']) {
    await page.getByRole('heading', { level: 2, name: section }).waitFor();
  }
  await page.getByRole('heading', { level: 2, name: 'צעדים מול בעלי עניין' }).waitFor();
  assert.deepEqual(await seriousViolations(page), [], 'my week, he');
  await page.goto(`${env.server.url}/my-week`);
  await page.getByRole('heading', { level: 1, name: 'השבוע שלי' }).waitFor();
  await reloadIn(page, 'en');
  await page.getByRole('heading', { level: 1, name: 'My week' }).waitFor();
  assert.deepEqual(await seriousViolations(page), [], 'my week, en');
  await reloadIn(page, 'he');
  assert.deepEqual(page.errors, []);
});
