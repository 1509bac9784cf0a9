// The stakeholder map in a real Chromium: a referent moves a stakeholder into quadrant B with
// the keyboard and from B to A with the mouse, reads the prescribed action and the history,
// exports the picture (SVG and PNG, opened here) and reads the table view; the mapping page
// takes a questionnaire and a SWOT version. axe on every view in both languages and at phone width.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { newPage, reloadIn, seriousViolations, serverAndBrowser, signIn } from './harness.mjs';

const env = serverAndBrowser();

async function openMap(page) {
  await signIn(page, env.server.url, 'referent.kiryat-gat');
  await page.getByRole('link', { name: 'מפת בעלי עניין' }).first().click();
  await page.getByRole('heading', { level: 1, name: /^מפת שחקנים ובעלי עניין —/ }).waitFor();
  await page.locator('[data-testid="stakeholder-map"] g[data-id]').first().waitFor();
}

function centre(box) {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

test('a referent moves a stakeholder to B by keyboard and from B to A by mouse, and sees the action and the history', async () => {
  const page = await newPage(env.browser);
  await openMap(page);
  const point = page.locator('[data-testid="stakeholder-map"] g[data-id]').first();
  const id = await point.getAttribute('data-id');
  const marker = page.locator(`g[data-id="${id}"]`);
  await marker.focus();
  await page.keyboard.press('Enter');
  const panel = page.getByTestId('stakeholder-panel');
  await panel.waitFor();
  const name = (await panel.getByRole('heading', { level: 2 }).textContent()).trim();
  const movesBefore = await panel.getByTestId('stakeholder-history').locator('li').count();

  // Keyboard: whole steps up (influence) and left (less interest) end in quadrant B.
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('Shift+ArrowUp');
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('Shift+ArrowLeft');
  await page.locator('[aria-live="polite"]').filter({ hasText: /רביע ב'|השפעה 5\.0, עניין 1\.0/ }).first().waitFor();
  await page.locator(`g[data-id="${id}"][data-quadrant="B"]`).waitFor();
  await panel.getByTestId('prescribed-action').filter({ hasText: "רביע ב': להעלות מודעות ולמצוא אינטרסים משותפים" }).waitFor();
  const afterKeys = await page.getByTestId('stakeholder-panel').getByTestId('stakeholder-history').locator('li').count();
  assert.ok(afterKeys > movesBefore, 'the keyboard move is kept in the history');

  // Mouse: drag the point into the middle of quadrant A.
  const from = centre(await page.locator(`g[data-id="${id}"] circle`).first().boundingBox());
  const to = centre(await page.locator('g[data-quadrant="A"] rect').boundingBox());
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
  await page.mouse.move(to.x, to.y, { steps: 5 });
  await page.mouse.up();
  const actionA = "רביע א': נמצא איתנו: נתחיל לעבוד איתו מייד";
  await page.getByTestId('stakeholder-panel').getByTestId('prescribed-action').filter({ hasText: actionA }).waitFor();
  await page.locator(`g[data-id="${id}"][data-quadrant="A"]`).waitFor();
  const history = await page.getByTestId('stakeholder-panel').getByTestId('stakeholder-history').locator('li').allTextContents();
  assert.ok(history.at(-1).includes("רביע ב' ← רביע א'"), `the last move reads B to A: ${history.at(-1)}`);
  assert.ok(await page.locator('[aria-live="polite"]').filter({ hasText: `${name} עבר/ה לרביע א'` }).count(), 'announced to screen readers');

  // A move can carry its reason, kept in the history.
  const moveForm = page.getByRole('form', { name: 'הזזה עם נימוק' });
  await moveForm.getByLabel('השפעה').fill('4.8');
  await moveForm.getByLabel('סיבת ההזזה (לא חובה)').fill('הצטרפו לצוות המשימה');
  await moveForm.getByRole('button', { name: 'הזזה' }).click();
  await page.getByTestId('stakeholder-panel').getByTestId('stakeholder-history').locator('li').last().filter({ hasText: 'הצטרפו לצוות המשימה' }).waitFor();

  // The pictures, with the legend and the date, opened here.
  const svgDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'ייצוא' }).click();
  await page.getByRole('menuitem', { name: 'תמונה (SVG)' }).click();
  const svg = readFileSync(await (await svgDownload).path(), 'utf8');
  assert.ok(svg.startsWith('<svg') && svg.includes('xmlns="http://www.w3.org/2000/svg"'), 'an SVG file');
  assert.ok(svg.includes('מפת בעלי עניין') && svg.includes('עדיין לא בפורום') && svg.includes('עסקי'), 'caption and legend');
  const svgPage = await newPage(env.browser);
  await svgPage.setContent(svg);
  assert.equal(await svgPage.locator('svg g[data-id]').count(), await page.locator('[data-testid="stakeholder-map"] g[data-id]').count(), 'the SVG opens with every point');
  await svgPage.close();
  const pngDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'ייצוא' }).click();
  await page.getByRole('menuitem', { name: 'תמונה (PNG)' }).click();
  const png = readFileSync(await (await pngDownload).path());
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  assert.ok(png.readUInt32BE(16) >= 1280 && png.readUInt32BE(20) >= 1000, `drawn at twice the size: ${png.readUInt32BE(16)}×${png.readUInt32BE(20)}`);

  await page.getByRole('menu').waitFor({ state: 'detached' });
  assert.deepEqual(await seriousViolations(page), [], 'map, he');
  await page.getByText('טבלה', { exact: true }).click();
  const table = page.getByTestId('stakeholder-table');
  await table.waitFor();
  const sortByName = table.getByRole('button', { name: 'בעל עניין' });
  await sortByName.click();
  await table.locator('th[aria-sort="ascending"]').filter({ hasText: 'בעל עניין' }).waitFor();
  assert.ok(await table.locator('tbody tr').filter({ hasText: name }).count(), 'the moved stakeholder is in the table');
  for (const [language, width] of [['he', 1280], ['en', 1280], ['he', 390], ['en', 390]]) {
    await page.setViewportSize({ width, height: 900 });
    await reloadIn(page, language);
    // The view is in the address: a reload keeps the table; the first option goes back to the map.
    await page.getByTestId('stakeholder-table').waitFor();
    await page.locator('label[for$="-map"]').click();
    await page.locator('[data-testid="stakeholder-map"]').waitFor();
    assert.ok(!new URL(page.url()).searchParams.has('view'), 'the map is the page without a view in its address');
    assert.deepEqual(await seriousViolations(page), [], `map, ${language}, ${width}px`);
    // The view switch's second option, whatever the language.
    await page.locator('label[for$="-table"]').click();
    await page.getByTestId('stakeholder-table').waitFor();
    assert.deepEqual(await seriousViolations(page), [], `table, ${language}, ${width}px`);
  }
  await reloadIn(page, 'he');
  assert.deepEqual(page.errors, []);
});

test('the map as of a year ago and compared with today shows who moved', async () => {
  const page = await newPage(env.browser);
  await openMap(page);
  const now = await page.locator('[data-testid="stakeholder-map"] g[data-id]').count();
  const yearAgo = new Date(Date.now() - 300 * 86400000).toISOString().slice(0, 10);
  await page.getByLabel('השוואה בין שני תאריכים').check();
  await page.getByLabel('מתאריך').fill(yearAgo);
  await page.locator('line[data-arrow]').first().waitFor();
  const summary = page.getByTestId('compare-summary');
  const changed = Number((await summary.locator('p').first().textContent()).match(/^\d+/)[0]);
  assert.equal(await summary.locator('li').count(), changed, 'each stakeholder that changed quadrant is listed');
  assert.equal(await page.locator('[data-testid="stakeholder-map"] g[data-id]').count(), now);
  await page.getByLabel('השוואה בין שני תאריכים').uncheck();
  await page.getByLabel('המפה נכון לתאריך').fill(new Date(Date.now() - 400 * 86400000).toISOString().slice(0, 10));
  await page.getByText('0 בעלי עניין').waitFor();
  assert.deepEqual(page.errors, []);
});

test('the referent fills in an organisation\'s questionnaire and a SWOT version, and the roll-up shows it', async () => {
  const page = await newPage(env.browser);
  await signIn(page, env.server.url, 'referent.kiryat-gat');
  await page.getByRole('link', { name: 'מיפוי ארגונים' }).first().click();
  await page.getByRole('heading', { level: 1, name: /^מיפוי ארגוני התעסוקה —/ }).waitFor();
  const fill = page.getByRole('button', { name: /^מילוי:/ }).first();
  const organisation = (await fill.getAttribute('aria-label')).replace('מילוי: ', '');
  await fill.click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('אילו מטרות הארגון מקדם?').fill('שילוב יוצאי אתיופיה בהייטק');
  await dialog.getByLabel('יוצאי אתיופיה').check();
  await dialog.getByLabel('אילו תוכניות הוא מקדם ומפעיל? (תוכנית בכל שורה)').fill('מסלול הכשרה לבודקי תוכנה');
  await dialog.getByRole('button', { name: 'שמירה' }).click();
  await dialog.waitFor({ state: 'detached' });
  const rollUp = page.getByTestId('mapping-rollup');
  await rollUp.getByText('מסלול הכשרה לבודקי תוכנה').waitFor();
  assert.ok((await rollUp.locator('li').filter({ hasText: 'יוצאי אתיופיה' }).filter({ hasText: organisation }).count()) >= 1, 'the group is served by the organisation');

  const swot = page.getByTestId('swot');
  await swot.getByRole('button', { name: 'עריכת ה־SWOT' }).click();
  const swotDialog = page.getByRole('dialog');
  await swotDialog.getByLabel('איומים').fill('סגירת מפעל גדול\nמחסור בתחבורה');
  await swotDialog.getByRole('button', { name: 'שמירה כגרסה חדשה' }).click();
  await swotDialog.waitFor({ state: 'detached' });
  await swot.getByText('סגירת מפעל גדול').waitFor();
  await swot.getByRole('textbox', { name: 'גרסאות' }).waitFor();
  assert.match(await swot.getByRole('textbox', { name: 'גרסאות' }).inputValue(), /^גרסה 3 ·/, 'a third version on top of the demo\'s two');
  const docx = page.waitForEvent('download');
  await swot.getByRole('button', { name: 'מסמך Word' }).click();
  assert.equal(readFileSync(await (await docx).path()).subarray(0, 2).toString(), 'PK');
  for (const [language, width] of [['he', 1280], ['en', 390]]) {
    await page.setViewportSize({ width, height: 900 });
    await reloadIn(page, language);
    await page.getByTestId('swot').waitFor();
    assert.deepEqual(await seriousViolations(page), [], `mapping, ${language}, ${width}px`);
  }
  await reloadIn(page, 'he');
  await page.goto(`${env.server.url}${new URL(page.url()).pathname}/print`);
  await page.getByRole('heading', { level: 1, name: /שאלון מיפוי/ }).waitFor();
  assert.deepEqual(await seriousViolations(page), [], 'printable form');
  assert.deepEqual(page.errors, []);
});
