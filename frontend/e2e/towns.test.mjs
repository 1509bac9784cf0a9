// The towns table sorts by any column and says so with aria-sort.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { newPage, seriousViolations, serverAndBrowser, signIn } from './harness.mjs';

const env = serverAndBrowser();

test('programme staff sort the towns by residents, both ways', async () => {
  const page = await newPage(env.browser);
  await signIn(page, env.server.url, 'national');
  const rows = page.locator('tbody tr');
  await rows.first().waitFor();
  const header = page.getByRole('button', { name: 'תושבים' });
  const residents = async () => (await rows.locator('td:nth-child(4)').allTextContents()).map((text) => Number(text.replace(/[^\d]/g, '')));
  await header.click();
  await page.locator('th[aria-sort="ascending"]').filter({ hasText: 'תושבים' }).waitFor();
  const up = await residents();
  assert.deepEqual(up, [...up].sort((a, b) => a - b));
  await header.click();
  await page.locator('th[aria-sort="descending"]').filter({ hasText: 'תושבים' }).waitFor();
  const down = await residents();
  assert.deepEqual(down, [...up].reverse());
  assert.deepEqual(await seriousViolations(page), []);
  assert.deepEqual(page.errors, []);
});
