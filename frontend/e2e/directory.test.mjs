// The directory in a real Chromium: organisations created and edited, field errors, and two
// editors of one row.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { newPage, serverAndBrowser, signIn } from './harness.mjs';

const env = serverAndBrowser();

test('a referent creates and edits an organisation, and sees field errors from the client and the server', async () => {
  const page = await newPage(env.browser);
  await signIn(page, env.server.url, 'referent.kiryat-shmona');
  await page.getByRole('link', { name: 'ארגונים ואנשים' }).first().click();
  await page.getByRole('heading', { level: 1, name: /ארגונים ואנשים/ }).waitFor();

  await page.getByRole('button', { name: 'ארגון חדש' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('שם הארגון').fill('מרכז צעירים גלילי');
  await dialog.getByRole('textbox', { name: 'מגזר' }).click();
  await page.getByRole('option', { name: 'מגזר שלישי' }).click();
  await dialog.getByLabel('אתר אינטרנט').fill('ftp://youth');
  await dialog.getByText('כתובת אינטרנט לא תקינה (יש להתחיל ב-https://).').waitFor();
  await dialog.getByLabel('אתר אינטרנט').fill('https://youth.example');
  await dialog.getByRole('button', { name: 'שמירה' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('cell', { name: 'מרכז צעירים גלילי', exact: true }).waitFor();

  await page.getByRole('button', { name: 'עריכה: מרכז צעירים גלילי' }).click();
  await dialog.getByLabel('שם הארגון').fill('מרכז הצעירים של הגליל');
  await dialog.getByRole('button', { name: 'שמירה' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('cell', { name: 'מרכז הצעירים של הגליל', exact: true }).waitFor();

  // The client accepts this address; the server does not, and its message lands on the field.
  await page.getByRole('tab', { name: 'אנשים' }).click();
  await page.getByRole('button', { name: 'איש/אשת קשר חדש/ה' }).first().click();
  await dialog.getByLabel('שם מלא').fill('דנה לוי');
  await dialog.getByLabel('דוא"ל').fill('dana@example.org.');
  await dialog.getByRole('button', { name: 'שמירה' }).click();
  await dialog.getByText('כתובת דוא"ל לא תקינה.').waitFor();
  await dialog.getByText('חלק מהשדות אינם תקינים.').waitFor();
  assert.equal(await dialog.getByLabel('שם מלא').inputValue(), 'דנה לוי', 'nothing typed is lost');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('two editors of one organisation: the second sees what changed and keeps their text', async () => {
  const first = await newPage(env.browser);
  const second = await newPage(env.browser);
  await signIn(first, env.server.url, 'lead.kiryat-gat');
  await signIn(second, env.server.url, 'chair.kiryat-gat');
  const townId = new URL(first.url()).pathname.split('/').pop();
  for (const page of [first, second]) {
    await page.goto(`${env.server.url}/towns/${townId}/directory`);
    await page.getByRole('button', { name: /^עריכה: עיריית קריית גת$/ }).click();
  }
  await first.getByRole('dialog').getByLabel('הערות').fill('עודכן על ידי העורך הראשון');
  await first.getByRole('dialog').getByRole('button', { name: 'שמירה' }).click();
  await first.getByRole('dialog').waitFor({ state: 'detached' });

  const form = second.getByRole('dialog', { name: 'עריכת ארגון' });
  await form.getByLabel('שם הארגון').fill('עיריית קריית גת — אגף כלכלה');
  await form.getByRole('button', { name: 'שמירה' }).click();
  const conflict = second.getByRole('dialog', { name: 'מישהו אחר שינה את הפריט בינתיים' });
  await conflict.getByRole('cell', { name: 'עודכן על ידי העורך הראשון', exact: true }).waitFor();
  await conflict.getByRole('button', { name: 'להמשיך עם הנתונים שלי על בסיס הגרסה העדכנית' }).click();
  assert.equal(await form.getByLabel('שם הארגון').inputValue(), 'עיריית קריית גת — אגף כלכלה');
  await form.getByRole('button', { name: 'שמירה' }).click();
  await form.waitFor({ state: 'detached' });
  await second.getByRole('cell', { name: 'עיריית קריית גת — אגף כלכלה', exact: true }).waitFor();
  await first.context().close();
  await second.context().close();
});

test('the directory and the decisions register sort by their columns, with aria-sort', async () => {
  const page = await newPage(env.browser);
  await signIn(page, env.server.url, 'referent.kiryat-shmona');
  const townId = new URL(page.url()).pathname.split('/').pop();
  const collator = new Intl.Collator('he');
  const column = (n) => page.locator(`tbody tr td:nth-child(${n})`).allTextContents();

  await page.goto(`${env.server.url}/towns/${townId}/directory`);
  await page.locator('th[aria-sort="ascending"]').filter({ hasText: 'שם הארגון' }).waitFor();
  const ascending = await column(1);
  assert.ok(ascending.length > 3, 'the demo town has organisations');
  assert.deepEqual(ascending, [...ascending].sort(collator.compare));
  await page.getByRole('button', { name: 'שם הארגון' }).click();
  await page.locator('th[aria-sort="descending"]').filter({ hasText: 'שם הארגון' }).waitFor();
  assert.deepEqual(await column(1), [...ascending].reverse());

  await page.goto(`${env.server.url}/towns/${townId}/decisions`);
  await page.locator('th[aria-sort="ascending"]').filter({ hasText: 'מועד יעד' }).waitFor();
  await page.getByRole('button', { name: 'אחראי/ת' }).click();
  await page.locator('th[aria-sort="ascending"]').filter({ hasText: 'אחראי/ת' }).waitFor();
  assert.equal(await page.locator('th[aria-sort="none"]').filter({ hasText: 'מועד יעד' }).count(), 1);
  // Each decision's meeting says which body met, as several teams meet on one day.
  const meetings = await column(2);
  const bodies = new Set(meetings.map((m) => m.split('·').pop().trim()));
  assert.ok(bodies.size > 1 && [...bodies].every((b) => b.startsWith('צוות משימה')), meetings.join(' | '));
  const owners = (await column(3)).filter(Boolean);
  assert.ok(owners.length > 1, 'the demo town has open decisions with owners');
  assert.deepEqual(owners, [...owners].sort(collator.compare));
  await page.getByRole('button', { name: 'אחראי/ת' }).click();
  await page.locator('th[aria-sort="descending"]').filter({ hasText: 'אחראי/ת' }).waitFor();
  const down = (await column(3)).filter(Boolean);
  assert.deepEqual(down, [...down].sort((a, b) => collator.compare(b, a)));

  // A body's members start from the chair down and sort by name.
  await page.goto(`${env.server.url}/towns/${townId}`);
  const members = page.locator('table').first();
  await members.locator('th[aria-sort="ascending"]').filter({ hasText: 'תפקיד' }).waitFor();
  assert.equal(await members.locator('tbody tr').first().locator('td').nth(3).textContent(), 'יו"ר');
  await members.getByRole('button', { name: 'שם' }).click();
  await members.locator('th[aria-sort="ascending"]').filter({ hasText: 'שם' }).waitFor();
  const names = await members.locator('tbody tr td:first-child').allTextContents();
  assert.ok(names.length > 2, 'the steering committee has members');
  assert.deepEqual(names, [...names].sort(collator.compare));

  // The mapping list puts the organisations not yet mapped first when sorted by status.
  await page.goto(`${env.server.url}/towns/${townId}/mapping`);
  await page.getByRole('button', { name: 'סטטוס' }).click();
  await page.locator('th[aria-sort="ascending"]').filter({ hasText: 'סטטוס' }).waitFor();
  const statuses = await column(4);
  assert.ok(statuses.includes('מולא') && statuses.includes('טרם מולא'), `the demo town is partly mapped: ${statuses}`);
  assert.equal(statuses.lastIndexOf('טרם מולא') < statuses.indexOf('מולא'), true, `not yet mapped first: ${statuses}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
