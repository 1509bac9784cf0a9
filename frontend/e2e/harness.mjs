// Browser-test harness: the real `workit serve` on a fresh SQLite database with the demo data,
// and Debian's Chromium driven by playwright-core.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import { after, before } from 'node:test';

import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const require = createRequire(import.meta.url);

export const PASSWORD = 'workit-demo';
export const login = (local) => `${local}@demo.workit.example`;

/** Starts the server; resolves with its base URL and a stop function. */
export async function startServer() {
  const binary = process.env.WORKIT_BIN ?? path.join(root, 'target/debug/workit');
  const dir = mkdtempSync(path.join(tmpdir(), 'workit-e2e-'));
  const child = spawn(
    binary,
    ['serve', '--demo', '--bind', '127.0.0.1:0', '--static-dir', path.join(root, 'frontend/dist'), '--database-url', `sqlite://${dir}/workit.db`],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, WORKIT_LOG: 'warn', WORKIT_LOGIN_BURST_PER_IP: '500', WORKIT_LOGIN_BURST_PER_ACCOUNT: '100' } },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 60_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = line.match(/running at (http:\/\/\S+?)\/?$/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
  return {
    url,
    stop: () => {
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The real server and a Chromium for one test file: started before its tests and stopped
 * after them. Read `env.server` and `env.browser` inside the tests.
 */
export function serverAndBrowser() {
  const env = { server: undefined, browser: undefined };
  before(async () => {
    env.server = await startServer();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    env.server?.stop();
  });
  return env;
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** A new page in its own context (own storage), failing the test on any page error. */
export async function newPage(browser, { width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  return page;
}

export async function signIn(page, base, local) {
  await page.goto(`${base}/sign-in`);
  await page.locator('input[type=email]').fill(login(local));
  await page.locator('input[type=password]').fill(PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  await page.locator('h1').first().waitFor();
}

/**
 * Picks the language for the next page load as a user does on the sign-in page: the choice
 * becomes the account's (which otherwise wins over the device's). Call before `goto`/`reload`;
 * `reloadIn` does both and waits until the document is in that language.
 */
export async function chooseLanguage(page, code) {
  await page.evaluate((l) => {
    localStorage.setItem('workit.language', l);
    sessionStorage.setItem('workit.pendingLanguage', l);
  }, code);
}

export async function reloadIn(page, code) {
  await chooseLanguage(page, code);
  await page.reload();
  await page.waitForFunction((l) => document.documentElement.lang === l, code);
  // The account takes the choice in a request of its own; let it land before the page moves on.
  await page.waitForLoadState('networkidle');
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core on the page as it is now: the serious and critical violations (WCAG 2.1 AA). */
export async function seriousViolations(page) {
  // Evaluated through the DevTools protocol, which the app's Content-Security-Policy (no
  // inline scripts) rightly does not let a <script> tag do.
  await page.evaluate(axeSource);
  const results = await page.evaluate(async () => {
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return results.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
