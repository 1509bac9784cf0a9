// How long a referent waits for a minutes item to read as saved: from the click on "save" to
// the "saved" status on the screen, and to the server's confirmation, in a real Chromium against
// the release server on the demo data — idle, and while 16 clients hammer the deep read.
//
//   node bench/minutes-save.mjs        (needs `cargo build --release` and `npm run build`)
import { spawn } from 'node:child_process';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

const root = path.resolve(import.meta.dirname, '..');
process.env.WORKIT_BIN ??= path.join(root, 'target/release/workit');
const { launchBrowser, newPage, signIn, startServer, login, PASSWORD } = await import('../frontend/e2e/harness.mjs');
const { graphql } = await import('./lib.mjs');

const ITEMS = 5;
const server = await startServer();
const browser = await launchBrowser();
try {
  const token = (await graphql(server.url, `mutation { login(email: "${login('referent.kiryat-gat')}", password: "${PASSWORD}") { accessToken } }`)).login.accessToken;
  const town = (await graphql(server.url, '{ towns(search: "Kiryat Gat", limit: 1) { items { forum { bodies { id kind } } } } }', token)).towns.items[0];
  const forum = town.forum.bodies.find((b) => b.kind === 'FORUM').id;

  /** A meeting held yesterday with its minutes open, ready to write. */
  async function meetingToWrite() {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    const created = await graphql(
      server.url,
      'mutation($b: ID!, $i: MeetingInput!) { createMeeting(bodyId: $b, input: $i, templateKey: "forum_4_focuses", carryOver: false) { id } }',
      token,
      { b: forum, i: { title: 'מדידת שמירה', startsAt: yesterday, place: 'אולם' } },
    );
    const id = created.createMeeting.id;
    for (const [v, s] of [[1, 'INVITATIONS_SENT'], [2, 'HELD']]) {
      await graphql(server.url, 'mutation($id: ID!, $v: Int!, $s: MeetingStatus!) { setMeetingStatus(id: $id, version: $v, status: $s) { version } }', token, { id, v, s });
    }
    await graphql(server.url, 'mutation($m: ID!) { startMinutes(meetingId: $m) { id } }', token, { m: id });
    return id;
  }

  async function measure(label) {
    const page = await newPage(browser);
    await signIn(page, server.url, 'referent.kiryat-gat');
    await page.goto(`${server.url}/meetings/${await meetingToWrite()}`);
    const items = page.locator('section[aria-labelledby="minutes-title"] article');
    await items.first().waitFor();
    const shown = [];
    const confirmed = [];
    for (let i = 0; i < ITEMS; i++) {
      const item = items.nth(i);
      await item.getByRole('textbox').fill(`סעיף ${i + 1}: סוכם להמשיך.`);
      // Timed inside the page: from the click to the status appearing, and to the server's
      // confirmation (a build without optimistic saves shows the status only then).
      const [onScreen, onServer] = await item.evaluate(
        (article) =>
          new Promise((resolve) => {
            const button = [...article.querySelectorAll('button')].find((b) => b.textContent === 'שמירה');
            let seen;
            const started = performance.now();
            const check = () => {
              const status = article.querySelector('[role="status"]');
              if (!status) return;
              seen ??= performance.now() - started;
              if (status.dataset.saveState !== 'sending') {
                observer.disconnect();
                resolve([seen, performance.now() - started]);
              }
            };
            const observer = new MutationObserver(check);
            observer.observe(article, { subtree: true, childList: true, attributes: true });
            button.click();
            check();
          }),
      );
      shown.push(onScreen);
      confirmed.push(onServer);
    }
    await page.context().close();
    const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
    console.log(`| ${label} | ${median(shown).toFixed(0)} ms | ${median(confirmed).toFixed(0)} ms |`);
  }

  console.log(`# minutes item save, median of ${ITEMS} items — ${new Date().toISOString().slice(0, 10)}`);
  console.log('| machine | click → "saved" on screen | click → server confirmed |');
  console.log('|---|---|---|');
  await measure('idle');
  // Load: 16 clients reading the deep read as fast as they can, beside the browser.
  const body = path.join(tmpdir(), 'workit-minutes-load.json');
  const query = '{ towns(limit: 14) { items { nameEn forum { bodies { name members { role person { fullName organisation { name sector } } } } } } } }';
  writeFileSync(body, JSON.stringify({ query }));
  const load = spawn('wrk', ['-t', '2', '-c', '16', '-d', '60s', '-s', path.join(root, 'bench/floor/post.lua'), `${server.url}/graphql`], {
    stdio: 'ignore',
    env: { ...process.env, WORKIT_BENCH_BODY: body, WORKIT_BENCH_TOKEN: token },
  });
  try {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await measure('under load (16 clients on the deep read)');
  } finally {
    load.kill();
  }
} finally {
  await browser.close();
  server.stop();
}
