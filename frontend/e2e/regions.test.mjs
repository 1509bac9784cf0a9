// Regional comparison in a real Chromium: a coordinator sorts the towns by an indicator, switches
// to the heat map, drills into a town and exports the table to Excel.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { newPage, seriousViolations, serverAndBrowser, signIn } from './harness.mjs';

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

  // Sort by overdue tasks, most first: the column reads in descending order.
  const header = page.getByRole('columnheader', { name: /משימות באיחור/ });
  await header.getByRole('button').click();
  await page.locator('th[aria-sort="ascending"]').filter({ hasText: 'משימות באיחור' }).waitFor();
  await header.getByRole('button').click();
  await page.locator('th[aria-sort="descending"]').filter({ hasText: 'משימות באיחור' }).waitFor();
  const overdue = (await page.locator('td[data-column="overdueTasks"]').allTextContents()).map((text) => Number(text.replace(/[^\d]/g, '')));
  assert.deepEqual(overdue, [...overdue].sort((a, b) => b - a));

  await page.getByText('מפת חום').click();
  await page.locator('table[data-view="heat"]').waitFor();
  assert.ok(await page.locator('td[data-column="attendance"][style*="background"]').count() >= 1, 'cells coloured by how they compare');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'ייצוא לאקסל' }).click();
  const file = await (await download).path();
  assert.equal(readFileSync(file).subarray(0, 2).toString(), 'PK', 'an Excel workbook');

  for (const [language, width] of [['he', 1280], ['en', 1280], ['he', 390]]) {
    await page.setViewportSize({ width, height: 900 });
    await page.evaluate((l) => localStorage.setItem('workit.language', l), language);
    await page.reload();
    await page.locator('tbody tr[data-town]').first().waitFor();
    assert.deepEqual(await seriousViolations(page), [], `comparison, ${language}, ${width}px`);
  }
  await page.evaluate(() => localStorage.setItem('workit.language', 'he'));
  await page.reload();
  const first = page.locator('tbody tr[data-town]').first();
  const name = (await first.locator('th a').textContent()).trim();
  await first.locator('th a').click();
  await page.getByRole('heading', { level: 1, name: new RegExp(name) }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
