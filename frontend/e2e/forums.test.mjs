// The forum in a real Chromium: members, milestones, health and the chair's stage move.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { login, newPage, PASSWORD, serverAndBrowser, signIn } from './harness.mjs';

const env = serverAndBrowser();

test('a referent adds a member to a task team, ticks a milestone, and the health panel changes', async () => {
  const page = await newPage(env.browser);
  await signIn(page, env.server.url, 'referent.kiryat-shmona');
  const townId = new URL(page.url()).pathname.split('/').pop();

  // A partner from a sector the forum lacks (created through the API, as the directory test covers the forms).
  const missing = await page.evaluate(async ({ email, password, townId }) => {
    const call = async (query, variables, token) => {
      const headers = { 'content-type': 'application/json' };
      if (token) headers.authorization = `Bearer ${token}`;
      const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      return (await response.json()).data;
    };
    const { login } = await call('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', { e: email, p: password });
    const token = login.accessToken;
    const { town } = await call('query($t: ID!) { town(id: $t) { forum { health { kind details } } } }', { t: townId }, token);
    const sector = town.forum.health.find((s) => s.kind === 'SECTOR_COVERAGE').details[0];
    const { createOrganisation } = await call('mutation($t: ID!, $s: Sector!) { createOrganisation(townId: $t, input: { name: "שותף חדש", sector: $s }) { id } }', { t: townId, s: sector }, token);
    await call('mutation($t: ID!, $o: ID) { createPerson(townId: $t, input: { fullName: "נועם שותף", organisationId: $o }) { id } }', { t: townId, o: createOrganisation.id }, token);
    return sector;
  }, { email: login('referent.kiryat-shmona'), password: PASSWORD, townId });
  assert.ok(missing, 'the demo town lacks at least one sector');

  await page.goto(`${env.server.url}/towns/${townId}/forum`);
  const coverage = page.locator('[data-signal="SECTOR_COVERAGE"]');
  const before = await coverage.textContent();
  assert.match(before, /מתוך 7/);

  const team = page.locator('[data-body-kind="TASK_TEAM"]').first();
  await team.getByRole('button', { name: /^הוספת חבר\/ה:/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'איש/אשת קשר' }).fill('נועם');
  await page.getByRole('option', { name: /נועם שותף/ }).click();
  await dialog.getByRole('button', { name: 'שמירה' }).click();
  await dialog.waitFor({ state: 'detached' });
  await team.getByRole('cell', { name: 'נועם שותף', exact: true }).waitFor();
  await page.waitForFunction((text) => document.querySelector('[data-signal="SECTOR_COVERAGE"]')?.textContent !== text, before);
  assert.notEqual(await coverage.textContent(), before, 'sector coverage reflects the new member');

  await page.getByRole('tab', { name: 'שלבים ואבני דרך' }).click();
  const open = page.getByRole('checkbox', { name: /^סימון כבוצע:/, checked: false }).first();
  const label = await open.getAttribute('aria-label');
  await open.click();
  await page.getByRole('checkbox', { name: label }).and(page.locator(':checked')).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('only the chair moves the stage, back with a reason and on when the landing page says the stage is done', async () => {
  const page = await newPage(env.browser);
  await signIn(page, env.server.url, 'chair.kiryat-gat');
  const townId = new URL(page.url()).pathname.split('/').pop();
  await page.goto(`${env.server.url}/towns/${townId}/forum`);
  await page.getByRole('button', { name: 'מעבר שלב' }).click();
  const dialog = page.getByRole('dialog', { name: 'מעבר שלב בפורום' });
  await dialog.getByRole('button', { name: 'מעבר' }).click();
  await dialog.getByText('שדה חובה.').waitFor();
  await dialog.getByLabel('סיבה').fill('ראש רשות חדש: חוזרים לתכנון');
  await dialog.getByRole('button', { name: 'מעבר' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByText('הפורום עבר לשלב 2: מיפוי, תכנון והקמת הפורום.').waitFor();
  await page.getByRole('tab', { name: 'ציר זמן' }).click();
  await page.getByText('ראש רשות חדש: חוזרים לתכנון').waitFor();

  // Stage 2's milestones were all done before: the chair's landing page asks to move on, and leads there.
  await page.goto(`${env.server.url}/towns/${townId}`);
  const waiting = page.getByTestId('waiting-for-me');
  await waiting.getByRole('link', { name: 'כל אבני הדרך של שלב 2 בוצעו: העברת הפורום לשלב 3' }).click();
  await page.getByRole('tab', { name: 'שלבים ואבני דרך', selected: true }).waitFor();
  await page.getByRole('button', { name: 'מעבר שלב' }).click();
  const forward = page.getByRole('dialog', { name: 'מעבר שלב בפורום' });
  await forward.getByRole('button', { name: 'מעבר' }).click();
  await forward.waitFor({ state: 'detached' });
  await page.getByText('הפורום עבר לשלב 3: יישום.').waitFor();
  await page.goto(`${env.server.url}/towns/${townId}`);
  await page.getByRole('heading', { level: 2, name: 'השבוע שלי' }).waitFor();
  assert.equal(await page.getByText(/כל אבני הדרך של שלב/).count(), 0, 'nothing waits after the move');

  const member = await newPage(env.browser);
  await signIn(member, env.server.url, 'member.kiryat-gat');
  await member.goto(`${env.server.url}/towns/${townId}/forum`);
  await member.getByRole('heading', { level: 2, name: 'בריאות הפורום' }).waitFor();
  assert.equal(await member.getByRole('button', { name: 'מעבר שלב' }).count(), 0);
  assert.equal(await member.getByRole('button', { name: 'גוף חדש' }).count(), 0);
  await page.context().close();
  await member.context().close();
});
