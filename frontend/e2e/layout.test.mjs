// Every page on a phone and under axe (WCAG 2.1 AA), in every language.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { login, newPage, PASSWORD, reloadIn, seriousViolations, serverAndBrowser, signIn } from './harness.mjs';

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

/** What each language calls the things the walk clicks, and the account it signs in with:
 * choosing a language before sign-in becomes the account's, so each language has its own
 * account (with the rights of a town role holder) to keep other tests in Hebrew. */
const WALK = {
  he: { account: 'referent.kiryat-shmona', town: 'קריית שמונה', accountButton: /^חשבון:/, accountDialog: 'חשבון', newOrganisation: 'ארגון חדש', stagesTab: 'שלבים ואבני דרך', addMember: /^הוספת חבר\/ה:/ },
  en: { account: 'lead.kiryat-shmona', town: 'Kiryat Shmona', switcher: 'English', dir: 'ltr', accountButton: /^Account:/, accountDialog: 'Account', newOrganisation: 'New organisation', stagesTab: 'Stages and milestones', addMember: /^Add member:/ },
  ar: { account: 'chair.kiryat-shmona', town: 'كريات شمونة', switcher: 'العربية', dir: 'rtl', accountButton: /^الحساب:/, accountDialog: 'الحساب', newOrganisation: 'مؤسسة جديدة', stagesTab: 'المراحل والمعالم', addMember: /^إضافة عضو\/ة:/ },
};

describe('accessibility (axe, WCAG 2.1 AA): no serious or critical violations', () => {
  for (const [language, words] of Object.entries(WALK)) {
    test(`every page in ${language}`, async () => {
      const page = await newPage(env.browser);
      await page.goto(`${env.server.url}/sign-in`);
      if (words.switcher) {
        await page.getByText(words.switcher).click();
        await page.waitForFunction((l) => document.documentElement.lang === l, language);
        assert.equal(await page.evaluate(() => document.documentElement.dir), words.dir);
      }
      const failures = [];
      const check = async (name) => {
        for (const v of await seriousViolations(page)) failures.push(`${name}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.join(', ')}`);
      };
      await check('sign-in');
      await page.locator('input[type=email]').fill(login(words.account));
      await page.locator('input[type=password]').fill(PASSWORD);
      await page.locator('button[type=submit]').click();
      await page.waitForURL((url) => /\/towns\/\d+$/.test(url.pathname));
      await page.getByRole('heading', { level: 1, name: words.town }).waitFor();
      await page.locator('table').first().waitFor();
      await check('town overview');
      await page.getByRole('button', { name: words.accountButton }).click();
      await page.getByRole('dialog', { name: words.accountDialog }).waitFor();
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
      await page.getByRole('button', { name: words.newOrganisation }).first().click();
      await page.getByRole('dialog').waitFor();
      await check('organisation form');
      await page.keyboard.press('Escape');
      await page.goto(`${env.server.url}${townPath}/directory?tab=people`);
      await page.locator('tbody tr').first().waitFor();
      await check('directory: people');
      await page.goto(`${env.server.url}${townPath}/forum`);
      await page.locator('[data-signal]').first().waitFor();
      await check('forum: bodies and health');
      await page.getByRole('tab', { name: words.stagesTab }).click();
      await page.locator('[data-milestone]:visible').first().waitFor();
      await check('forum: milestones');
      await page.goto(`${env.server.url}${townPath}/forum`);
      await page.getByRole('button', { name: words.addMember }).first().click();
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

for (const [language, account] of [['he', 'referent.kiryat-shmona'], ['ar', 'member.kiryat-shmona']]) test(`every page of a town fits a phone (390 px) without sideways scrolling, in ${language}`, async () => {
  const page = await newPage(env.browser, { width: 390, height: 844 });
  await signIn(page, env.server.url, account);
  if (language !== 'he') await reloadIn(page, language);
  // The top bar's brand, language switch and account button fit side by side.
  await page.getByRole('banner').getByRole('button').last().waitFor();
  for (const item of await page.getByRole('banner').locator('a, button, label').all()) {
    const box = await item.boundingBox();
    if (box) assert.ok(box.x >= 0 && box.x + box.width <= 390, `the top bar's "${await item.textContent()}" is on screen: ${JSON.stringify(box)}`);
  }
  const failures = [];
  const townPath = new URL(page.url()).pathname;
  await page.goto(`${env.server.url}${townPath}/meetings`);
  // At this width the meetings are cards: each shows its title, date, body and status on screen.
  const card = page.locator('[data-meeting-cards] li').first();
  await card.waitFor();
  assert.equal(await page.locator('table:visible').count(), 0, 'no table of meetings to scroll sideways');
  const status = await card.locator('[data-meeting-status]').boundingBox();
  assert.ok(status && status.x >= 0 && status.x + status.width <= 390, `a meeting's status is on screen: ${JSON.stringify(status)}`);
  const meetingPath = await page.locator('tbody tr a').first().getAttribute('href');
  const closedMeetingPath = await page.locator('tbody').last().locator('tr a').last().getAttribute('href');
  // Lists whose last columns matter (buttons, a status, the quarter's figures) stack each row into
  // a card: a row's last cell is on screen, not off to the side, and no such list scrolls sideways.
  const stacked = [townPath, `${townPath}/forum`, `${townPath}/directory`, `${townPath}/directory?tab=people`, `${townPath}/decisions`, `${townPath}/plan`, `${townPath}/control`, `${townPath}/mapping`, `${townPath}/stakeholders?view=table`, meetingPath, closedMeetingPath];
  for (const path of stacked) {
    await page.goto(`${env.server.url}${path}`);
    const last = page.locator('.stacked-table tbody tr:visible').first().locator('td:visible').last();
    await last.waitFor({ timeout: 10_000 }).catch(() => assert.fail(`${path}: no stacked list shows a row`));
    const box = await last.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `${path}: a row's last cell is on screen: ${JSON.stringify(box)}`);
    const sideways = await page.locator('.stacked-table').evaluateAll((lists) => lists.filter((l) => l.scrollWidth > l.clientWidth + 1).map((l) => l.getAttribute('aria-label')));
    assert.deepEqual(sideways, [], `${path}: stacked lists that scroll sideways`);
  }
  // Their header row is hidden, so the sort is a select and a direction button.
  await page.goto(`${env.server.url}${townPath}/directory?tab=people`);
  const names = () => page.locator('.stacked-table tbody tr:visible td:first-child').allInnerTexts();
  await page.locator('.stacked-table tbody tr:visible').first().waitFor();
  const ascending = await names();
  await page.locator('[data-phone-sort]').getByRole('button').click();
  await page.waitForFunction((first) => document.querySelector('.stacked-table tbody tr td')?.textContent !== first, ascending[0]);
  assert.deepEqual(await names(), [...ascending].reverse(), 'the direction button reverses the list');
  for (const path of [townPath, `${townPath}/forum`, `${townPath}/forum?tab=stages`, `${townPath}/directory`, `${townPath}/meetings`, meetingPath, `${meetingPath}/print`, closedMeetingPath, `${townPath}/decisions`]) {
    await page.goto(`${env.server.url}${path}`);
    await page.locator('h1').first().waitFor();
    await page.waitForLoadState('networkidle');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px`);
    // Tables that scroll sideways at this width must be reachable by keyboard (axe's
    // scrollable-region-focusable), so axe runs at phone width too.
    for (const v of await seriousViolations(page)) failures.push(`${path}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.join(', ')}`);
  }
  assert.deepEqual(failures, []);
  await page.context().close();
});
