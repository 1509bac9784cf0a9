// How long the first page takes for a signed-in person, in a real Chromium against the release
// server on the demo data:
// - sign-in: from the click on "sign in" to the landing page (the town page with its cards)
//   drawn and usable;
// - reopening: loading the app anew with the session kept (a new tab, a reload), from the
//   navigation's start to the same point.
// Timed inside the page (`performance.now()`); the median of several runs per person.
//
//   node bench/first-page.mjs [runs]     (needs `cargo build --release` and `npm run build`)
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
process.env.WORKIT_BIN ??= path.join(root, 'target/release/workit');
const { launchBrowser, login, newPage, PASSWORD, startServer } = await import('../frontend/e2e/harness.mjs');
const { median } = await import('./lib.mjs');

const RUNS = Number(process.argv[2] ?? 7);
const PEOPLE = ['referent.kiryat-gat', 'chair.kiryat-gat', 'coordinator.south'];

/** The landing page is ready when its heading shows and nothing is loading any more. */
async function landed(page) {
  await page.locator('h1').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"], .mantine-Loader-root'));
  return page.evaluate(() => performance.now());
}

const server = await startServer();
const browser = await launchBrowser();
try {
  console.log(`| person | sign-in → landing page, median of ${RUNS} | reopening → landing page |`);
  console.log('|---|---|---|');
  for (const person of PEOPLE) {
    const signIns = [];
    const reopenings = [];
    for (let run = 0; run < RUNS; run++) {
      const page = await newPage(browser);
      await page.goto(`${server.url}/sign-in`);
      await page.locator('input[type=email]').fill(login(person));
      await page.locator('input[type=password]').fill(PASSWORD);
      const started = await page.evaluate(() => performance.now());
      await page.locator('button[type=submit]').click();
      await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
      signIns.push((await landed(page)) - started);
      // A fresh document: the navigation starts at 0 on the page's clock.
      await page.reload();
      reopenings.push(await landed(page));
      if (page.errors.length > 0) throw new Error(`${person}: ${page.errors.join('; ')}`);
      await page.context().close();
    }
    console.log(`| ${person} | ${median(signIns).toFixed(0)} ms | ${median(reopenings).toFixed(0)} ms |`);
  }
} finally {
  await browser.close();
  server.stop();
}
