// Focuses, metrics and the work plan in a real Chromium: a referent creates a focus with a
// metric, imports a CSV, sees the chart and the status, and links a meeting's decision to a task.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { PASSWORD, chooseLanguage, login, newPage, reloadIn, seriousViolations, serverAndBrowser, signIn } from './harness.mjs';

const env = serverAndBrowser();

/** Quarters as the API writes them, counted from the last closed one (Israel's calendar is close enough here). */
function quarter(offset) {
  const now = new Date();
  const index = now.getUTCFullYear() * 4 + Math.floor(now.getUTCMonth() / 3) - 1 + offset;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

test('a referent creates a focus with a metric, imports a CSV, sees the status and links a decision to a task', async () => {
  const page = await newPage(env.browser);
  await signIn(page, env.server.url, 'referent.kiryat-shmona');
  const townId = new URL(page.url()).pathname.split('/').pop();

  await page.goto(`${env.server.url}/towns/${townId}/focuses`);
  await page.getByRole('button', { name: 'מיקוד חדש' }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'שם המיקוד' }).fill('נשים חרדיות בתעסוקה');
  await dialog.getByRole('textbox', { name: 'אוכלוסיית יעד' }).fill('נשים חרדיות');
  await dialog.getByRole('textbox', { name: 'הבעיה' }).fill('שיעור תעסוקה נמוך\nמעט משרות מותאמות');
  await dialog.getByRole('button', { name: 'הוספת מטרה' }).click();
  await dialog.getByRole('textbox', { name: 'מטרה 1' }).fill('200 נשים נוספות מועסקות');
  await dialog.getByRole('checkbox', { name: 'ריאלית' }).check();
  await dialog.getByRole('button', { name: 'שמירה' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('link', { name: 'נשים חרדיות בתעסוקה' }).click();
  await page.getByRole('heading', { level: 1, name: 'נשים חרדיות בתעסוקה' }).waitFor();
  assert.match(await page.locator('body').textContent(), /עוד לא וודא: ברורה ומוסכמת/, 'unticked criteria show on the focus');

  await page.getByRole('button', { name: 'מדד חדש' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'שם המדד' }).fill('שיעור תעסוקת נשים חרדיות');
  await dialog.getByRole('textbox', { name: 'סוג המדד' }).click();
  await page.getByRole('option', { name: 'מדד תפוקה' }).click();
  await dialog.getByText('עדיף מדד תוצאה').waitFor();
  await dialog.getByRole('textbox', { name: 'סוג המדד' }).click();
  await page.getByRole('option', { name: 'מדד תוצאה' }).click();
  await dialog.getByRole('textbox', { name: 'יחידה' }).click();
  await page.getByRole('option', { name: 'אחוזים' }).click();
  await dialog.getByRole('textbox', { name: 'ערך מוצא' }).fill('40');
  await dialog.getByRole('textbox', { name: 'רבעון המוצא' }).fill(quarter(-4));
  await dialog.getByRole('textbox', { name: 'יעד', exact: true }).fill('60');
  await dialog.getByRole('textbox', { name: 'רבעון היעד' }).fill(quarter(4));
  await dialog.getByRole('button', { name: 'שמירה' }).click();
  await dialog.waitFor({ state: 'detached' });
  const card = page.locator('[data-metric]').filter({ hasText: 'שיעור תעסוקת נשים חרדיות' });
  await card.waitFor();
  assert.equal(await card.locator('[data-status]').getAttribute('data-status'), 'NO_DATA');

  // The CSV as Excel saves it: a byte-order mark, Hebrew headers.
  await page.goto(`${env.server.url}/towns/${townId}/focuses`);
  await page.getByRole('button', { name: 'ייבוא מדידות מקובץ' }).click();
  dialog = page.getByRole('dialog');
  const csv = `\ufeffמדד,רבעון,ערך,הערה\n${[3, 2, 1, 0].map((back) => `שיעור תעסוקת נשים חרדיות,${quarter(-back)},${50 - back * 2},BI`).join('\n')}\n`;
  await dialog.locator('input[type=file]').setInputFiles({ name: 'measurements.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await dialog.getByText('ישתנו 4 ערכים').waitFor();
  await dialog.getByRole('button', { name: 'ייבוא 4 ערכים' }).click();
  await dialog.getByText('יובאו 4 ערכים.').waitFor();
  await dialog.getByRole('button', { name: 'סגירה' }).click();

  await page.getByRole('link', { name: 'נשים חרדיות בתעסוקה' }).click();
  await card.waitFor();
  // 50 in the last closed quarter, against a path from 40 to 60 over eight quarters: on track.
  await page.waitForFunction(() => document.querySelector('[data-metric] [data-status]') !== null);
  assert.equal(await card.locator('[data-status]').getAttribute('data-status'), 'ON_TRACK');
  await card.locator('.recharts-line').first().waitFor();
  await card.getByText('טבלה', { exact: true }).click();
  await card.getByRole('cell', { name: '50' }).first().waitFor();

  // A task of the plan, then a decision of a meeting linked to it from the meeting page.
  await page.goto(`${env.server.url}/towns/${townId}/plan`);
  await page.getByRole('button', { name: 'משימה חדשה' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'משימה', exact: true }).fill('סדנת הכוון לנשים חרדיות');
  await dialog.getByRole('button', { name: 'שמירה' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByText('סדנת הכוון לנשים חרדיות').first().waitFor();

  const meetingId = await page.evaluate(async ({ email, password, townId }) => {
    const call = async (query, variables, token) => {
      const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
      const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      return (await response.json()).data;
    };
    const { login } = await call('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', { e: email, p: password });
    const { decisions } = await call('query($t: ID!) { decisions(townId: $t, limit: 50) { items { meeting { id } } } }', { t: townId }, login.accessToken);
    return decisions.items[0]?.meeting.id;
  }, { email: login('referent.kiryat-shmona'), password: PASSWORD, townId });
  assert.ok(meetingId, 'the demo town has a meeting with decisions');
  await page.goto(`${env.server.url}/meetings/${meetingId}`);
  const link = page.getByRole('textbox', { name: /^משימה בתוכנית העבודה להחלטה:/ }).first();
  await link.click();
  await page.getByRole('option', { name: /סדנת הכוון לנשים חרדיות/ }).click();
  await page.waitForFunction(() => [...document.querySelectorAll('input')].some((i) => i.value.startsWith('סדנת הכוון')));

  await page.goto(`${env.server.url}/towns/${townId}/plan?state=PLANNED`);
  const row = page.locator('[data-task]').filter({ hasText: 'סדנת הכוון לנשים חרדיות' });
  await row.waitFor();
  assert.ok((await row.locator('a[href^="/meetings/"]').count()) >= 1, 'the task shows the decision that touched it');

  // A quarter's tasks sort by title, both ways.
  await page.goto(`${env.server.url}/towns/${townId}/plan`);
  const table = page.locator('table:visible').filter({ has: page.locator('[data-task]') }).first();
  await table.waitFor();
  const titles = () => table.locator('[data-task] td:first-child button').allTextContents();
  const collator = new Intl.Collator('he');
  await table.getByRole('button', { name: 'משימה', exact: true }).click();
  await table.locator('th[aria-sort="ascending"]').filter({ hasText: 'משימה' }).waitFor();
  const up = await titles();
  assert.ok(up.length > 1, 'the quarter has tasks to sort');
  assert.deepEqual(up, [...up].sort(collator.compare));
  await table.getByRole('button', { name: 'משימה', exact: true }).click();
  await table.locator('th[aria-sort="descending"]').filter({ hasText: 'משימה' }).waitFor();
  assert.deepEqual(await titles(), [...up].reverse());
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

/** The operation names of the GraphQL requests the page sends from now on. */
function recordOperations(page) {
  const names = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/graphql') {
      names.push(JSON.parse(request.postData() ?? '{}').query?.match(/^\s*(?:query|mutation)\s+(\w+)/)?.[1] ?? '?');
    }
  });
  return names;
}

test('the first focus, metric and task of a forum with none show once saved, and each save reads its page once', async () => {
  const page = await newPage(env.browser);
  await signIn(page, env.server.url, 'coordinator.north');
  const townId = await page.evaluate(async ({ email, password }) => {
    const call = async (query, variables, token) => {
      const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
      return (await (await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) })).json()).data;
    };
    const { login } = await call('mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', { e: email, p: password });
    const { towns } = await call('{ towns(search: "Beit She", limit: 1) { items { id forum { focuses { id } workPlan { id } } } } }', {}, login.accessToken);
    const town = towns.items[0];
    return town.forum.focuses.length === 0 && town.forum.workPlan.length === 0 ? town.id : null;
  }, { email: login('coordinator.north'), password: PASSWORD });
  assert.ok(townId, "the demo's Beit She'an has no focus and no task yet");
  const operations = recordOperations(page);
  const saveAndCount = async (dialog) => {
    await page.waitForLoadState('networkidle');
    operations.length = 0;
    await dialog.getByRole('button', { name: 'שמירה' }).click();
    await dialog.waitFor({ state: 'detached' });
  };
  const settled = async () => {
    await page.waitForLoadState('networkidle');
    return [...operations];
  };

  await page.goto(`${env.server.url}/towns/${townId}/focuses`);
  await page.getByText(/^לפורום אין עדיין מיקודים אסטרטגיים/).waitFor();
  await page.getByRole('button', { name: 'מיקוד חדש' }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'שם המיקוד' }).fill('תעסוקת צעירים');
  await saveAndCount(dialog);
  await page.getByRole('link', { name: 'תעסוקת צעירים' }).waitFor();
  assert.deepEqual(await settled(), ['CreateFocus', 'FocusesPage'], 'the list is read once after the first focus is saved');

  await page.getByRole('link', { name: 'תעסוקת צעירים' }).click();
  await page.getByRole('heading', { level: 1, name: 'תעסוקת צעירים' }).waitFor();
  await page.getByRole('button', { name: 'מדד חדש' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'שם המדד' }).fill('צעירים מועסקים');
  await saveAndCount(dialog);
  await page.locator('[data-metric]').filter({ hasText: 'צעירים מועסקים' }).waitFor();
  assert.deepEqual((await settled()).filter((name) => name === 'FocusPage'), ['FocusPage'], 'the focus is read once after its first metric is saved');

  await page.goto(`${env.server.url}/towns/${townId}/plan`);
  await page.getByRole('button', { name: 'משימה חדשה' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'משימה', exact: true }).fill('יריד תעסוקה לצעירים');
  await saveAndCount(dialog);
  await page.getByText('יריד תעסוקה לצעירים').first().waitFor();
  assert.deepEqual((await settled()).filter((name) => name === 'WorkPlanPage'), ['WorkPlanPage'], 'the plan is read once after its first task is saved');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the new pages pass axe in Hebrew and English, on a desktop and at phone width', async () => {
  for (const width of [1280, 390]) {
    const page = await newPage(env.browser, { width, height: 900 });
    await signIn(page, env.server.url, 'chair.kiryat-gat');
    const townId = new URL(page.url()).pathname.split('/').pop();
    for (const language of ['he', 'en']) {
      await chooseLanguage(page, language);
      await page.goto(`${env.server.url}/towns/${townId}/focuses`);
      await page.waitForFunction((l) => document.documentElement.lang === l, language);
      await page.locator('[data-focus]').first().waitFor();
      assert.deepEqual(await seriousViolations(page), [], `focuses, ${language}, ${width}px`);
      await page.locator('[data-focus] a').first().click();
      await page.locator('[data-metric]').first().waitFor();
      assert.deepEqual(await seriousViolations(page), [], `focus, ${language}, ${width}px`);
      await page.goto(`${env.server.url}/towns/${townId}/plan`);
      await page.locator('[data-task]:visible').first().waitFor();
      assert.deepEqual(await seriousViolations(page), [], `plan, ${language}, ${width}px`);
    }
    await reloadIn(page, 'he');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('a chair opens the quarter, reads an off-track metric, writes a conclusion and approves the control', async () => {
  const page = await newPage(env.browser);
  page.on('dialog', (dialog) => dialog.accept());
  await signIn(page, env.server.url, 'chair.kiryat-gat');
  const townId = new URL(page.url()).pathname.split('/').pop();
  await page.goto(`${env.server.url}/towns/${townId}`);
  await page.getByRole('link', { name: 'בקרה רבעונית', exact: true }).click();
  await page.getByText('טיוטת בקרה').waitFor();
  assert.ok((await page.locator('[data-control-metric] [data-status="OFF_TRACK"]').count()) >= 1, 'an off-track metric stands out');
  const summary = page.getByRole('textbox', { name: 'סיכום הרבעון' });
  await summary.fill('שיעור האבטלה בקרב צעירים לא ירד כמתוכנן; מציעים לחזק את החונכות.');
  await page.getByRole('button', { name: 'שמירת המסקנות' }).click();
  await page.getByRole('status').filter({ hasText: 'נשמר.' }).waitFor();
  // The save refetches the control with its new version; the notice stays to be read.
  await page.waitForLoadState('networkidle');
  assert.equal(await page.getByRole('status').filter({ hasText: 'נשמר.' }).count(), 1, 'the notice outlives the refetch');

  // Propose dropping a task, then bring the control to the next forum meeting.
  await page.getByRole('button', { name: 'הצעת שינוי' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^משימה/).click();
  const option = page.getByRole('option').first();
  const taskTitle = (await option.textContent()).trim();
  await option.click();
  await dialog.getByRole('textbox', { name: /^נימוק/ }).fill('אין מעסיקים שמוכנים להשתתף השנה');
  await dialog.getByRole('button', { name: 'הצעת שינוי' }).click();
  await dialog.waitFor({ state: 'detached' });
  const proposed = page.locator('[data-plan-change="DROP_TASK"]').filter({ hasText: taskTitle });
  await proposed.filter({ hasText: 'הוצע' }).waitFor();
  await page.getByRole('button', { name: 'הכנת מפגש הפורום הבא' }).click();
  // Day first and a 24-hour clock, whatever the browser's own locale.
  await page.getByRole('dialog').getByLabel(/מועד המפגש/).fill('20/01/2027');
  await page.getByRole('dialog').getByLabel('שעות', { exact: true }).fill('17');
  await page.getByRole('dialog').getByLabel('דקות', { exact: true }).fill('00');
  await page.getByRole('dialog').getByRole('button', { name: 'הכנת סדר היום' }).click();
  const opening = page.getByRole('link', { name: /לפתיחת המפגש/ });
  await opening.waitFor();
  const meetingHref = await opening.getAttribute('href');

  await page.getByRole('button', { name: 'אישור הבקרה' }).click();
  await page.getByText(/הבקרה אושרה ב-/).waitFor();
  assert.equal(await page.getByRole('textbox', { name: 'סיכום הרבעון' }).inputValue(), 'שיעור האבטלה בקרב צעירים לא ירד כמתוכנן; מציעים לחזק את החונכות.');
  for (const [language, width] of [['he', 1280], ['en', 1280], ['he', 390]]) {
    await page.setViewportSize({ width, height: 900 });
    await reloadIn(page, language);
    await page.locator('[data-control-focus]').first().waitFor();
    assert.deepEqual(await seriousViolations(page), [], `control, ${language}, ${width}px`);
  }
  // The printable report: one focus per page, with its charts.
  await page.setViewportSize({ width: 1280, height: 900 });
  await reloadIn(page, 'he');
  await page.getByRole('link', { name: 'דוח להדפסה' }).click();
  await page.locator('[data-report-status="APPROVED"]').waitFor();
  assert.ok((await page.locator('[data-report-focus]').count()) >= 1, 'a page per focus');
  await page.locator('[data-report-focus] .recharts-surface').first().waitFor();
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.print-focus')).direction), 'rtl');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('.print-focus')).breakBefore), 'page');
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(await seriousViolations(page), [], 'printable control report');

  // The meeting carries the control: its agenda item and the change waiting for decision.
  await page.goto(`${env.server.url}${meetingHref}`);
  await page.waitForFunction((title) => [...document.querySelectorAll('[data-agenda-title]')].some((input) => input.value === title), `הצעה: ביטול המשימה „${taskTitle}“`);
  await page.locator('[data-plan-change="DROP_TASK"]').filter({ hasText: taskTitle }).waitFor();
  assert.deepEqual(await seriousViolations(page), [], 'meeting with plan changes');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a referent writes the year summary beside the year\'s figures', async () => {
  const page = await newPage(env.browser);
  await signIn(page, env.server.url, 'referent.kiryat-shmona');
  const townId = new URL(page.url()).pathname.split('/').pop();
  await page.goto(`${env.server.url}/towns/${townId}`);
  await page.getByRole('link', { name: 'סיכום שנה' }).click();
  const focus = page.locator('[data-year-focus]').first();
  await focus.waitFor();
  assert.ok((await page.locator('[data-year-metric]').count()) >= 1, 'the year\'s metric movement');
  await focus.getByRole('textbox', { name: 'תובנות' }).fill('לפתוח כל מיזם בשיחה עם המעסיקים');
  await page.getByRole('textbox', { name: 'סיכום כללי של השנה' }).fill('שנת הקמה: הפורום פועל וצוותי המשימה נפגשים.');
  await page.getByRole('button', { name: 'שמירת הסיכום' }).click();
  await page.getByRole('status').filter({ hasText: 'נשמר.' }).waitFor();
  await page.waitForLoadState('networkidle');
  assert.equal(await page.getByRole('status').filter({ hasText: 'נשמר.' }).count(), 1, 'the notice outlives the refetch');
  await page.reload();
  await page.locator('[data-year-focus]').first().waitFor();
  assert.equal(await page.locator('[data-year-focus]').first().getByRole('textbox', { name: 'תובנות' }).inputValue(), 'לפתוח כל מיזם בשיחה עם המעסיקים');
  for (const [language, width] of [['he', 1280], ['en', 1280], ['he', 390]]) {
    await page.setViewportSize({ width, height: 900 });
    await reloadIn(page, language);
    await page.locator('[data-year-focus]').first().waitFor();
    assert.deepEqual(await seriousViolations(page), [], `year summary, ${language}, ${width}px`);
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
