// Regional comparison in a real Chromium: a coordinator sorts the towns by an indicator, switches
// to the heat map and the small multiples, drills into a town and exports the table to Excel
// (read back); an employment lead imports the town's employment data from a file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { readSheet } from 'read-excel-file/node';

import { newPage, reloadIn, seriousViolations, serverAndBrowser, signIn } from './harness.mjs';

const env = serverAndBrowser();

test('a coordinator compares the region\'s towns, sorts, reads the heat map, drills in and exports', async () => {
  const page = await newPage(env.browser);
  await signIn(page, env.server.url, 'coordinator.north');
  await page.getByRole('link', { name: 'השוואת יישובים' }).click();
  await page.getByRole('heading', { level: 1, name: /^השוואת יישובים —/ }).waitFor();
  const rows = page.locator('tbody tr[data-town]');
  await rows.first().waitFor();
  const count = await rows.count();
  assert.ok(count >= 2, 'the region\'s towns');
  await page.locator('tfoot tr').filter({ hasText: 'כל הארץ' }).waitFor();

  // Sort by job seekers, most first: the column reads in descending order.
  const sort = page.locator('button[data-sort="JOB_SEEKERS"]');
  await sort.click();
  await page.locator('th[aria-sort="ascending"]').filter({ has: sort }).waitFor();
  await sort.click();
  await page.locator('th[aria-sort="descending"]').filter({ has: sort }).waitFor();
  const seekers = (await page.locator('td[data-column="JOB_SEEKERS"]').allTextContents()).map((text) => Number(text.split('(')[0].replace(/[^\d]/g, '')));
  assert.ok(seekers.every((n) => n > 0), `every demo town has job seekers: ${seekers}`);
  assert.deepEqual(seekers, [...seekers].sort((a, b) => b - a));
  const rate = await page.locator('td[data-column="UNEMPLOYMENT_RATE"]').first().textContent();
  assert.match(rate, /^[\d.]+% \([+−][\d.]+ נק׳ אחוז\)$/, 'a rate with its change on a year earlier');

  // Filter by name: one town; by a stage no row is in, none, with a word saying so.
  const firstName = (await rows.first().locator('th a').textContent()).trim();
  await page.getByRole('textbox', { name: 'חיפוש יישוב' }).fill(firstName);
  await page.waitForFunction(() => document.querySelectorAll('tbody tr[data-town]').length === 1);
  await page.getByRole('textbox', { name: 'חיפוש יישוב' }).fill('אין יישוב כזה');
  await page.getByText('אין יישובים שמתאימים לסינון.').waitFor();
  await page.getByRole('textbox', { name: 'חיפוש יישוב' }).fill('');
  await page.waitForFunction((n) => document.querySelectorAll('tbody tr[data-town]').length === n, count);

  await page.getByText('מפת חום').click();
  await page.locator('table[data-view="heat"]').waitFor();
  assert.ok(await page.locator('td[data-column="attendance"][style*="background"]').count() >= 1, 'cells coloured by how they compare');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'ייצוא לאקסל' }).click();
  const file = await (await download).path();
  assert.equal(readFileSync(file).subarray(0, 2).toString(), 'PK', 'an Excel workbook');
  const sheet = await readSheet(file);
  assert.ok(sheet[0].includes('דורשי עבודה') && sheet[0].includes('שיעור אבטלה'), `indicator columns: ${sheet[0]}`);
  assert.equal(sheet.length, count + 3, 'a header, a row per town, the region\'s and the country\'s lines');
  assert.equal(sheet[sheet.length - 1][0], 'כל הארץ');

  // Small multiples: one chart per town with the region's median.
  await page.getByText('מגמות').click();
  await page.getByRole('textbox', { name: 'מדד להשוואה' }).waitFor();
  await page.locator('[data-town] .recharts-line').first().waitFor();
  assert.equal(await page.locator('[data-town]').count(), count);
  assert.deepEqual(await seriousViolations(page), [], 'small multiples');
  await page.getByText('טבלה', { exact: true }).click();

  for (const [language, width] of [['he', 1280], ['en', 1280], ['he', 390]]) {
    await page.setViewportSize({ width, height: 900 });
    await reloadIn(page, language);
    await page.locator('tbody tr[data-town]').first().waitFor();
    assert.deepEqual(await seriousViolations(page), [], `comparison, ${language}, ${width}px`);
  }
  await reloadIn(page, 'he');
  const first = page.locator('tbody tr[data-town]').first();
  const name = (await first.locator('th a').textContent()).trim();
  await first.locator('th a').click();
  await page.getByRole('heading', { level: 1, name: new RegExp(name) }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an employment lead imports the town\'s employment data, previewed, and sees it on the town page', async () => {
  const page = await newPage(env.browser);
  await signIn(page, env.server.url, 'lead.kiryat-gat');
  await page.getByRole('heading', { level: 2, name: 'נתוני תעסוקה' }).waitFor();
  await page.locator('[data-indicator="JOB_SEEKERS"]').getByText(/משנה קודמת/).waitFor();
  await page.getByRole('link', { name: 'כל הנתונים' }).click();
  await page.getByRole('heading', { level: 1, name: /^נתוני תעסוקה —/ }).waitFor();
  await page.getByRole('button', { name: 'קליטת נתונים' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: /מקור הנתונים/ }).fill('BI — קובץ בדיקה');
  const csv = '\ufeffתקופה,דורשי עבודה,דורשי עבודה נשים,משרות ביישוב\n2026-Q3,1500,800,9000\n';
  await dialog.locator('input[type=file]').setInputFiles({ name: 'bi.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await dialog.getByText('ישתנו 3 ערכים').waitFor();
  await dialog.getByRole('cell', { name: 'דורשות עבודה (נשים)' }).waitFor();
  assert.deepEqual(await seriousViolations(page), [], 'import preview');
  await dialog.getByRole('button', { name: 'ייבוא 3 ערכים' }).click();
  await dialog.getByText('יובאו 3 ערכים.').waitFor();
  await dialog.getByRole('button', { name: 'סגירה' }).click();
  // A source named in Latin letters is isolated inside the Hebrew line (U+2068 … U+2069).
  await page.getByText('מקור: \u2068BI — קובץ בדיקה\u2069', { exact: false }).waitFor();
  const row = page.locator('tr[data-indicator="JOB_SEEKERS"]');
  assert.equal((await row.locator('td').first().textContent()).trim(), '1,500');
  // A metric fed from the town's data takes its values from the import; none is typed.
  await page.goto(`${env.server.url}${new URL(page.url()).pathname.replace(/\/indicators$/, '')}/focuses`);
  await page.locator('[data-focus] a').first().click();
  await page.getByRole('button', { name: 'מדד חדש' }).click();
  const metric = page.getByRole('dialog');
  await metric.getByRole('textbox', { name: /^שם המדד/ }).fill('דורשי עבודה ביישוב (BI)');
  await metric.getByRole('textbox', { name: 'הזנה מנתוני התעסוקה של היישוב' }).click();
  await page.getByRole('option', { name: 'דורשי עבודה', exact: true }).click();
  await metric.getByRole('button', { name: 'שמירה' }).click();
  await metric.waitFor({ state: 'detached' });
  const fed = page.locator('[data-metric]').filter({ hasText: 'דורשי עבודה ביישוב (BI)' });
  await fed.getByText('מתעדכן מנתוני התעסוקה: דורשי עבודה').waitFor();
  await fed.getByText('טבלה', { exact: true }).click();
  await fed.getByRole('cell', { name: '1,500' }).waitFor();
  await page.goBack();
  await page.goBack();
  await page.locator('tr[data-indicator="JOB_SEEKERS"]').waitFor();

  // A bad file names its row and column and saves nothing.
  await page.getByRole('button', { name: 'קליטת נתונים' }).click();
  await dialog.locator('input[type=file]').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('תקופה,דורשי עבודה\n2026-13,12\n') });
  await dialog.getByText(/שורה 2, עמודה "תקופה"/).waitFor();
  for (const [language, width] of [['he', 1280], ['en', 390]]) {
    await page.keyboard.press('Escape');
    await page.setViewportSize({ width, height: 900 });
    await reloadIn(page, language);
    await page.locator('tr[data-indicator="JOB_SEEKERS"]').waitFor();
    assert.deepEqual(await seriousViolations(page), [], `town data, ${language}, ${width}px`);
  }
  await reloadIn(page, 'he');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
