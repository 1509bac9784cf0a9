// How long a referent waits for what they save on a meeting to read as saved — a minutes item,
// the agenda, circulating the minutes — in a real Chromium against the release server on the demo
// data, idle and while 16 clients hammer the deep read. Each is timed inside the page, from the
// click to what the screen shows.
//
//   node bench/meeting-saves.mjs [rounds]   (needs `cargo build --release` and `npm run build`)
import { spawn } from 'node:child_process';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

const root = path.resolve(import.meta.dirname, '..');
process.env.WORKIT_BIN ??= path.join(root, 'target/release/workit');
const { launchBrowser, newPage, signIn, startServer, login, PASSWORD } = await import('../frontend/e2e/harness.mjs');
const { accessToken, graphql, median } = await import('./lib.mjs');

const ROUNDS = Number(process.argv[2] ?? 5);
const server = await startServer();
const browser = await launchBrowser();
try {
  const token = await accessToken(server.url, login('referent.kiryat-gat'), PASSWORD);
  const town = (await graphql(server.url, '{ towns(search: "Kiryat Gat", limit: 1) { items { forum { bodies { id kind } } } } }', token)).towns.items[0];
  const forum = town.forum.bodies.find((b) => b.kind === 'FORUM').id;
  const run = (query, variables) => graphql(server.url, query, token, variables);

  /** A forum meeting from the template (its agenda and its invitees), in draft. */
  async function draftMeeting(startsAt = new Date(Date.now() + 7 * 86_400_000).toISOString()) {
    const created = await run(
      'mutation($b: ID!, $i: MeetingInput!) { createMeeting(bodyId: $b, input: $i, templateKey: "forum_4_focuses", carryOver: false) { id } }',
      { b: forum, i: { title: 'מדידת שמירה', startsAt, place: 'אולם' } },
    );
    return created.createMeeting.id;
  }

  /** A meeting held yesterday with its minutes open, ready to write. */
  async function meetingToWrite() {
    const id = await draftMeeting(new Date(Date.now() - 86_400_000).toISOString());
    for (const [v, s] of [[1, 'INVITATIONS_SENT'], [2, 'HELD']]) {
      await run('mutation($id: ID!, $v: Int!, $s: MeetingStatus!) { setMeetingStatus(id: $id, version: $v, status: $s) { version } }', { id, v, s });
    }
    await run('mutation($m: ID!) { startMinutes(meetingId: $m) { id } }', { m: id });
    return id;
  }

  /** Opens a meeting's page as the referent, with a new page per measure (no warm cache between). */
  async function open(meeting) {
    const page = await newPage(browser);
    await signIn(page, server.url, 'referent.kiryat-gat');
    await page.goto(`${server.url}/meetings/${meeting}`);
    return page;
  }

  /**
   * Clicks `button` inside the page and resolves with the milliseconds until each of `seen`
   * (predicates on the document, checked on every change) first held.
   */
  const timeClick = (page, buttonSelector, seen) =>
    page.evaluate(
      ([selector, predicates]) =>
        new Promise((resolve) => {
          const checks = predicates.map((source) => new Function('document', `return (${source})(document)`));
          const times = checks.map(() => null);
          const started = performance.now();
          const check = () => {
            checks.forEach((holds, i) => {
              if (times[i] === null && holds(document)) times[i] = performance.now() - started;
            });
            if (times.every((t) => t !== null)) {
              observer.disconnect();
              resolve(times);
            }
          };
          const observer = new MutationObserver(check);
          observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
          document.querySelector(selector).click();
          check();
        }),
      [buttonSelector, seen.map(String)],
    );

  const measures = {
    /** A minutes item: the "saved" status on the click, and the server's confirmation. */
    async minutesItem() {
      const page = await open(await meetingToWrite());
      const items = page.locator('section[aria-labelledby="minutes-title"] article');
      await items.first().waitFor();
      const rounds = [];
      for (let i = 0; i < ROUNDS; i++) {
        const item = items.nth(i % (await items.count()));
        await item.getByRole('textbox').fill(`סעיף ${i + 1}: סוכם להמשיך.`);
        await item.evaluate((article, n) => article.setAttribute('data-bench', String(n)), i);
        const button = `article[data-bench="${i}"] [data-bench-save]`;
        await item.getByRole('button', { name: 'שמירה', exact: true }).evaluate((b) => b.setAttribute('data-bench-save', ''));
        rounds.push(
          await timeClick(page, button, [
            (d) => d.querySelector('article[data-bench] [role="status"]') !== null,
            (d) => ['confirmed', 'failed'].includes(d.querySelector('article[data-bench] [role="status"]')?.dataset.saveState),
          ]),
        );
        await item.evaluate((article) => article.removeAttribute('data-bench'));
      }
      await page.context().close();
      return rounds;
    },
    /** The agenda: "saved" on the server's answer, and the page reloaded with the new version. */
    async agenda() {
      const page = await open(await draftMeeting());
      const rounds = [];
      for (let i = 0; i < ROUNDS; i++) {
        const first = page.locator('[data-agenda-item="0"]').getByLabel('דקות');
        await first.fill(String(20 + i));
        // The editor is mounted afresh for each saved version: a marked button gone is the reload.
        await page.getByRole('button', { name: 'שמירת סדר היום' }).evaluate((b) => b.setAttribute('data-bench-save', ''));
        const saved = page.getByRole('status').filter({ hasText: 'סדר היום נשמר.' });
        if (await saved.count()) await saved.getByRole('button').click();
        await saved.waitFor({ state: 'detached' });
        rounds.push(
          await timeClick(page, '[data-bench-save]', [
            (d) => [...d.querySelectorAll('[role="status"]')].some((s) => s.textContent.includes('סדר היום נשמר.')),
            (d) => d.querySelector('[data-bench-save]') === null && d.querySelector('[data-agenda-item="0"]') !== null,
          ]),
        );
      }
      await page.context().close();
      return rounds;
    },
    /** Circulating the minutes: from the dialog's button to the minutes shown as circulated. */
    async circulate() {
      const rounds = [];
      for (let i = 0; i < ROUNDS; i++) {
        const page = await open(await meetingToWrite());
        const minutes = page.locator('section[aria-labelledby="minutes-title"]');
        await minutes.getByRole('button', { name: 'הפצה להערות' }).click();
        const dialog = page.getByRole('dialog', { name: 'הפצה להערות' });
        await dialog.getByRole('button', { name: 'הפצה להערות' }).evaluate((b) => b.setAttribute('data-bench-save', ''));
        const [shown] = await timeClick(page, '[data-bench-save]', [(d) => d.querySelector('[data-minutes-status="CIRCULATED"]') !== null]);
        rounds.push([shown, shown]);
        await page.context().close();
      }
      return rounds;
    },
  };

  async function measureAll(machine) {
    for (const [name, measure] of Object.entries(measures)) {
      const rounds = await measure();
      const [shown, settled] = [median(rounds.map((r) => r[0])), median(rounds.map((r) => r[1]))];
      console.log(`| ${name} | ${machine} | ${shown.toFixed(0)} ms | ${settled.toFixed(0)} ms |`);
    }
  }

  console.log(`# saves on a meeting, median of ${ROUNDS} — ${new Date().toISOString().slice(0, 10)}`);
  console.log('| save | machine | click → shown as saved | click → settled (confirmed, or the page reloaded) |');
  console.log('|---|---|---|---|');
  await measureAll('idle');
  // Load: 16 clients reading the deep read as fast as they can, beside the browser.
  const body = path.join(tmpdir(), 'workit-saves-load.json');
  const query = '{ towns(limit: 14) { items { nameEn forum { bodies { name members { role person { fullName organisation { name sector } } } } } } } }';
  writeFileSync(body, JSON.stringify({ query }));
  const load = spawn('wrk', ['-t', '2', '-c', '16', '-d', '300s', '-s', path.join(root, 'bench/floor/post.lua'), `${server.url}/graphql`], {
    stdio: 'ignore',
    env: { ...process.env, WORKIT_BENCH_BODY: body, WORKIT_BENCH_TOKEN: token },
  });
  try {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await measureAll('under load');
  } finally {
    load.kill();
  }
} finally {
  await browser.close();
  server.stop();
}
