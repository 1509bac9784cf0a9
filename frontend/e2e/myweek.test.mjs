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
  // Focus follows the move to the new page's heading.
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1' && document.activeElement.textContent === 'השבוע שלי');
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

test('the meetings list filters by body, status and period, kept in the address', async () => {
  const page = await newPage(env.browser);
  await signIn(page, env.server.url, 'referent.kiryat-gat');
  await page.getByRole('link', { name: 'מפגשים', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /^מפגשים —/ }).waitFor();
  const rows = page.locator('tbody tr');
  await rows.first().waitFor();
  const all = await rows.count();
  // The past meetings come latest first, and sort by body on request.
  const past = page.locator('table').last();
  await past.locator('th[aria-sort="descending"]').filter({ hasText: 'מועד' }).waitFor();
  await past.getByRole('button', { name: 'גוף' }).click();
  await past.locator('th[aria-sort="ascending"]').filter({ hasText: 'גוף' }).waitFor();
  const sortedBodies = await past.locator('tbody tr td:nth-child(3)').allTextContents();
  assert.deepEqual(sortedBodies, [...sortedBodies].sort(new Intl.Collator('he').compare));
  await page.getByRole('textbox', { name: 'גוף' }).click();
  await page.getByRole('option', { name: 'צוות היגוי' }).click();
  // The address changes first, the list when React has drawn it again.
  await page.waitForFunction((before) => new URL(location.href).searchParams.has('body') && document.querySelectorAll('tbody tr').length < before, all);
  const bodies = await rows.locator('td:nth-child(3)').allTextContents();
  assert.ok(bodies.length > 0 && bodies.length < all, `fewer rows: ${bodies.length} of ${all}`);
  assert.ok(bodies.every((b) => b === 'צוות היגוי'), bodies.join(','));
  await page.getByRole('textbox', { name: 'תקופה' }).click();
  await page.getByRole('option', { name: 'שלושת החודשים האחרונים' }).click();
  await page.reload();
  await rows.first().or(page.getByText('אין מפגשים שמתאימים לסינון.')).waitFor();
  assert.equal(new URL(page.url()).searchParams.get('period'), 'quarter', 'the filters survive a reload');
  const dates = await rows.locator('td:nth-child(1)').count();
  assert.ok(dates <= bodies.length);
  assert.deepEqual(await seriousViolations(page), []);
  assert.deepEqual(page.errors, []);
});
