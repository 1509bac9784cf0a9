// GraphiQL at GET /graphql in a real Chromium. The page async-graphql serves loads React and
// GraphiQL from unpkg.com, which test machines cannot reach: the same files are fetched from the
// npm registry (pinned to the versions the page asks for) and answered in place of unpkg. What
// is under test is ours: the page, and that GraphiQL's introspection passes the document limits.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { launchBrowser, newPage, startServer } from './harness.mjs';

const PACKAGES = { react: '18.3.1', 'react-dom': '18.3.1', graphiql: '4.1.2' };

let server;
let browser;
let packages;

/** `npm pack` each package into a temporary folder and unpack it: name → folder. */
function fetchPackages() {
  const dir = mkdtempSync(path.join(tmpdir(), 'workit-graphiql-'));
  const folders = { dir };
  for (const [name, version] of Object.entries(PACKAGES)) {
    const tarball = execFileSync('npm', ['pack', `${name}@${version}`, '--silent', '--pack-destination', dir], { encoding: 'utf8' }).trim();
    const folder = path.join(dir, name);
    execFileSync('mkdir', ['-p', folder]);
    execFileSync('tar', ['xzf', path.join(dir, tarball), '-C', folder, '--strip-components=1']);
    folders[name] = folder;
  }
  return folders;
}

before(async () => {
  packages = fetchPackages();
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  server?.stop();
  if (packages) rmSync(packages.dir, { recursive: true, force: true });
});

test('GraphiQL loads the schema by introspection and runs a query', async () => {
  const page = await newPage(browser);
  const served = [];
  await page.context().route('https://unpkg.com/**', async (route) => {
    // https://unpkg.com/<name>@<range>/<file>
    const [, name, file] = new URL(route.request().url()).pathname.match(/^\/((?:@[^/]+\/)?[^@/]+)@[^/]+\/(.+)$/) ?? [];
    if (!packages[name]) return route.abort();
    served.push(`${name}/${file}`);
    const type = file.endsWith('.css') ? 'text/css' : 'application/javascript';
    return route.fulfill({ status: 200, contentType: type, body: readFileSync(path.join(packages[name], file)) });
  });
  await page.context().route('https://graphql.org/**', (route) => route.abort());
  const introspections = [];
  page.on('response', async (response) => {
    if (response.url().endsWith('/graphql') && response.request().method() === 'POST') {
      const body = response.request().postData() ?? '';
      if (body.includes('IntrospectionQuery')) introspections.push({ status: response.status(), json: await response.json() });
    }
  });

  await page.goto(`${server.url}/graphql`);
  await page.locator('.graphiql-container').waitFor();
  assert.ok(served.includes('graphiql/graphiql.min.js'), `GraphiQL came from the test's copy: ${served}`);

  // The documentation explorer lists the root types only once introspection has succeeded.
  await page.getByRole('button', { name: /Show Documentation Explorer/i }).click();
  await page.locator('.graphiql-doc-explorer').getByText('QueryRoot').first().waitFor();
  assert.ok(introspections.length > 0, 'GraphiQL sent its introspection query');
  for (const { status, json } of introspections) {
    assert.equal(status, 200);
    assert.equal(json.errors, undefined, JSON.stringify(json.errors));
    assert.ok(json.data.__schema.types.length > 50);
  }

  // Replace the editor's text and run it: the anonymous server info comes back.
  const editor = page.locator('.graphiql-query-editor .CodeMirror');
  await editor.click();
  await page.evaluate(() => document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue('{ serverInfo { demo } }'));
  await page.getByRole('button', { name: /Execute query/i }).click();
  await page.locator('.graphiql-response').getByText('"demo": true').waitFor();
  assert.deepEqual(page.errors, []);
});
