// Signing in and out, landing by role, language and keyboard, in a real Chromium against the
// real server with the demo data.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { login, newPage, PASSWORD, serverAndBrowser, signIn } from './harness.mjs';

const env = serverAndBrowser();

describe('landing by role', () => {
  const cases = [
    ['referent.kiryat-shmona', /\/towns\/\d+$/, 'קריית שמונה'],
    ['chair.kiryat-gat', /\/towns\/\d+$/, 'קריית גת'],
    ['member.kiryat-gat', /\/towns\/\d+$/, 'קריית גת'],
    ['lead.kiryat-shmona', /\/towns\/\d+$/, 'קריית שמונה'],
    ['coordinator.north', /\/regions\/\d+$/, 'יישובי אזור צפון'],
    ['coordinator.south', /\/regions\/\d+$/, 'יישובי אזור דרום'],
    ['national', /\/towns$/, 'יישובים'],
    ['admin', /\/towns$/, 'יישובים'],
  ];
  for (const [account, path, heading] of cases) {
    test(`${account} lands on ${heading}`, async () => {
      const page = await newPage(env.browser);
      await signIn(page, env.server.url, account);
      assert.match(new URL(page.url()).pathname, path);
      await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
      assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
      assert.deepEqual(page.errors, []);
      await page.context().close();
    });
  }
});

test("the web app's scripts and its own GraphQL requests arrive compressed", async () => {
  const page = await newPage(env.browser);
  const arrived = [];
  page.on('response', (response) => arrived.push(response));
  await signIn(page, env.server.url, 'national');
  await page.getByRole('heading', { level: 1, name: 'יישובים', exact: true }).waitFor();
  await page.waitForLoadState('networkidle');

  // Everything of some size: a few tiny answers (under tower-http's 32 bytes) stay as they are.
  const large = [];
  for (const response of arrived) {
    const { pathname } = new URL(response.url());
    if (pathname !== '/graphql' && !pathname.endsWith('.js')) continue;
    const body = await response.body();
    if (body.length >= 1024) large.push([`${response.request().method()} ${pathname}`, await response.headerValue('content-encoding')]);
  }
  assert.ok(large.some(([what]) => what === 'POST /graphql'), 'the towns page read its towns');
  assert.ok(large.filter(([what]) => what.endsWith('.js')).length >= 3, 'the entry and its chunks');
  assert.deepEqual(large.filter(([, encoding]) => encoding !== 'gzip'), [], 'every large answer came gzipped');
  await page.context().close();
});

test('switching to English in the top bar turns the page left-to-right and is remembered for the account', async () => {
  const page = await newPage(env.browser, { width: 390, height: 844 });
  await signIn(page, env.server.url, 'member.kiryat-shmona');
  // In the top bar on every page, at phone width too: not inside the account menu. A phone shows
  // short names; each option keeps its language's full name for screen readers.
  const banner = page.getByRole('banner');
  await banner.getByRole('radio', { name: 'English' }).waitFor({ state: 'attached' });
  await banner.getByText('EN', { exact: true }).click();
  // Mantine's direction provider and i18next set `dir` and `lang` in separate steps.
  await page.waitForFunction(() => document.documentElement.dir === 'ltr' && document.documentElement.lang === 'en');
  await page.getByRole('heading', { level: 1, name: 'Kiryat Shmona' }).waitFor();

  // Another device: the account's language follows.
  const other = await newPage(env.browser);
  await signIn(other, env.server.url, 'member.kiryat-shmona');
  await other.waitForFunction(() => document.documentElement.dir === 'ltr');
  await other.getByRole('heading', { level: 1, name: 'Kiryat Shmona' }).waitFor();
  await banner.getByText('עב', { exact: true }).click();
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');
  await page.context().close();
  await other.context().close();
});

test('signing out returns to sign-in; an ended session brings the user back to their page', async () => {
  const page = await newPage(env.browser);
  await signIn(page, env.server.url, 'referent.kiryat-gat');
  const townPath = new URL(page.url()).pathname;
  await page.goto(`${env.server.url}${townPath}/directory?tab=people`);
  await page.getByRole('tab', { name: 'אנשים', selected: true }).waitFor();

  // The session is revoked elsewhere (signed out on another device).
  await page.evaluate(async () => {
    const refreshToken = localStorage.getItem('workit.refreshToken');
    await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'mutation($t: String) { logout(refreshToken: $t) }', variables: { t: refreshToken } }) });
  });
  await page.reload();
  await page.getByText('פג תוקף ההתחברות. יש להתחבר שוב — נחזיר אותך לדף שבו היית.').waitFor();
  assert.equal(new URL(page.url()).searchParams.get('next'), `${townPath}/directory?tab=people`);
  await page.locator('input[type=email]').fill(login('referent.kiryat-gat'));
  await page.locator('input[type=password]').fill(PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.getByRole('tab', { name: 'אנשים', selected: true }).waitFor();

  await page.getByRole('button', { name: /^חשבון:/ }).click();
  await page.getByRole('button', { name: 'יציאה' }).click();
  await page.getByText('יצאת מהמערכת.').waitFor();
  assert.equal(new URL(page.url()).pathname, '/sign-in');
  await page.goto(`${env.server.url}${townPath}`);
  await page.waitForURL((url) => url.pathname === '/sign-in');
  await page.context().close();
});

test('wrong password gets a clear message and keeps the e-mail', async () => {
  const page = await newPage(env.browser);
  await page.goto(`${env.server.url}/sign-in`);
  await page.locator('input[type=email]').fill(login('admin'));
  await page.locator('input[type=password]').fill('not the password');
  await page.locator('button[type=submit]').click();
  await page.getByRole('alert').filter({ hasText: 'הדוא"ל או הסיסמה שגויים.' }).waitFor();
  assert.equal(await page.locator('input[type=email]').inputValue(), login('admin'));
  await page.context().close();
});

test('keyboard only: sign in, reach the directory and open a form', async () => {
  const page = await newPage(env.browser);
  await page.goto(`${env.server.url}/sign-in`);
  await page.locator('input[type=email]').focus();
  await page.keyboard.type(login('referent.kiryat-shmona'));
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => /\/towns\/\d+$/.test(url.pathname));
  await page.locator('h1').first().waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'דילוג לתוכן');
  const directory = page.getByRole('link', { name: 'ארגונים ואנשים' }).first();
  await directory.focus();
  await page.keyboard.press('Enter');
  const newOrganisation = page.getByRole('button', { name: 'ארגון חדש' }).first();
  await newOrganisation.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').waitFor();
  // The modal moves focus in after its opening transition: wait for it, then check where it is.
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-autofocus') === 'true', null, { timeout: 5000 });
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-autofocus')), 'true');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  await page.context().close();
});
