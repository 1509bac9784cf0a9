// Every page on a phone and under axe (WCAG 2.1 AA), in both languages.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { login, newPage, PASSWORD, seriousViolations, serverAndBrowser, signIn } from './harness.mjs';

const env = serverAndBrowser();

test('on a phone (390 px) pages fit the width and the navigation opens from the menu button', async () => {
  const page = await newPage(env.browser, { width: 390, height: 844 });
  await signIn(page, env.server.url, 'coordinator.south');
  for (const path of [new URL(page.url()).pathname, '/towns']) {
    await page.goto(`${env.server.url}${path}`);
    await page.locator('h1').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px`);
  }
  await page.getByRole('button', { name: 'פתיחת תפריט' }).click();
  await page.getByRole('navigation', { name: 'ניווט ראשי' }).getByRole('link', { name: /האזור שלי/ }).click();
  await page.waitForURL((url) => /\/regions\/\d+$/.test(url.pathname));
  await page.context().close();
});

describe('accessibility (axe, WCAG 2.1 AA): no serious or critical violations', () => {
  for (const language of ['he', 'en']) {
    test(`every page in ${language}`, async () => {
      const page = await newPage(env.browser);
      await page.goto(`${env.server.url}/sign-in`);
      if (language === 'en') {
        await page.getByText('English').click();
        await page.waitForFunction(() => document.documentElement.dir === 'ltr');
      }
      const failures = [];
      const check = async (name) => {
        for (const v of await seriousViolations(page)) failures.push(`${name}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.join(', ')}`);
      };
      await check('sign-in');
      // Choosing English before sign-in becomes the account's language, so each language
      // uses its own account (with the same rights) to keep other tests in Hebrew.
      await page.locator('input[type=email]').fill(login(language === 'he' ? 'referent.kiryat-shmona' : 'lead.kiryat-shmona'));
      await page.locator('input[type=password]').fill(PASSWORD);
      await page.locator('button[type=submit]').click();
      await page.waitForURL((url) => /\/towns\/\d+$/.test(url.pathname));
      await page.locator('h1').first().waitFor();
      await page.locator('table').first().waitFor();
      await check('town overview');
      await page.getByRole('button', { name: language === 'he' ? /^חשבון:/ : /^Account:/ }).click();
      await page.getByRole('dialog', { name: language === 'he' ? 'חשבון' : 'Account' }).waitFor();
      await page.waitForTimeout(300); // let any transition settle: axe measures colours as painted
      await check('account popover');
      await page.keyboard.press('Escape');
      const townPath = new URL(page.url()).pathname;
      await page.goto(`${env.server.url}/towns`);
      await page.locator('tbody tr').first().waitFor();
      await check('towns');
      await page.goto(`${env.server.url}${townPath}/directory`);
      await page.locator('tbody tr').first().waitFor();
      await check('directory: organisations');
      await page.getByRole('button', { name: language === 'he' ? 'ארגון חדש' : 'New organisation' }).first().click();
      await page.getByRole('dialog').waitFor();
      await check('organisation form');
      await page.keyboard.press('Escape');
      await page.goto(`${env.server.url}${townPath}/directory?tab=people`);
      await page.locator('tbody tr').first().waitFor();
      await check('directory: people');
      await page.goto(`${env.server.url}${townPath}/forum`);
      await page.locator('[data-signal]').first().waitFor();
      await check('forum: bodies and health');
      await page.getByRole('tab', { name: language === 'he' ? 'שלבים ואבני דרך' : 'Stages and milestones' }).click();
      await page.locator('[data-milestone]:visible').first().waitFor();
      await check('forum: milestones');
      await page.goto(`${env.server.url}${townPath}/forum`);
      await page.getByRole('button', { name: language === 'he' ? /^הוספת חבר\/ה:/ : /^Add member:/ }).first().click();
      await page.getByRole('dialog').waitFor();
      await check('forum: add member dialog');
      await page.keyboard.press('Escape');
      await page.goto(`${env.server.url}${townPath}/meetings`);
      await page.locator('tbody tr').first().waitFor();
      await check('meetings');
      await page.locator('tbody tr a').first().click();
      await page.locator('section[aria-labelledby="agenda-title"]').waitFor();
      await check('meeting');
      await page.goto(`${page.url()}/print`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await check('printable agenda');
      await page.goto(`${env.server.url}${townPath}/meetings`);
      await page.locator('tbody').last().locator('tr a').last().click();
      await page.locator('[data-minutes-status="APPROVED"]').waitFor();
      await page.locator('section[aria-labelledby="outbox-title"]').waitFor();
      await check('meeting with approved minutes and its e-mail');
      await page.goto(`${env.server.url}${townPath}/decisions`);
      await page.locator('tbody tr').first().waitFor();
      await check('decisions register');
      await page.goto(`${env.server.url}/no/such/page`);
      await page.locator('h1').first().waitFor();
      await check('not found');
      assert.deepEqual(failures, []);
      await page.context().close();
    });
  }
});

test('every page of a town fits a phone (390 px) without sideways scrolling', async () => {
  const page = await newPage(env.browser, { width: 390, height: 844 });
  await signIn(page, env.server.url, 'referent.kiryat-shmona');
  const townPath = new URL(page.url()).pathname;
  await page.goto(`${env.server.url}${townPath}/meetings`);
  const meetingPath = await page.locator('tbody tr a').first().getAttribute('href');
  const closedMeetingPath = await page.locator('tbody').last().locator('tr a').last().getAttribute('href');
  for (const path of [townPath, `${townPath}/forum`, `${townPath}/forum?tab=stages`, `${townPath}/directory`, `${townPath}/meetings`, meetingPath, `${meetingPath}/print`, closedMeetingPath, `${townPath}/decisions`]) {
    await page.goto(`${env.server.url}${path}`);
    await page.locator('h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px`);
  }
  await page.context().close();
});
