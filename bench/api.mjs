// Load benchmark of the GraphQL API: the release binary with the demo data on a fresh SQLite
// file (or WORKIT_BENCH_DATABASE_URL), loopback only, a fixed number of requests per scenario.
// Prints latency percentiles, throughput and the server's peak memory.
//
//   cargo build --release -p workit && node bench/api.mjs [requests-per-scenario] [concurrency]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

import { graphql, memoryMiB } from './lib.mjs';

const root = path.resolve(import.meta.dirname, '..');
const REQUESTS = Number(process.argv[2] ?? 2000);
const CONCURRENCY = Number(process.argv[3] ?? 16);
const binary = process.env.WORKIT_BIN ?? path.join(root, 'target/release/workit');
const dir = mkdtempSync(path.join(tmpdir(), 'workit-bench-'));
const database = process.env.WORKIT_BENCH_DATABASE_URL ?? `sqlite://${dir}/bench.db`;

// WORKIT_BENCH_SCALE=national seeds the synthetic country (257 towns) first.
if (process.env.WORKIT_BENCH_SCALE === 'national') {
  const { execFileSync } = await import('node:child_process');
  execFileSync(binary, ['--database-url', database.startsWith('sqlite') ? `${database}?mode=rwc` : database, 'seed-demo', '--scale', 'national'], { stdio: 'ignore', env: { ...process.env, WORKIT_LOG: 'error' } });
}

const server = spawn(binary, ['serve', '--demo', '--bind', '127.0.0.1:0', '--database-url', database, '--static-dir', '/nonexistent'], {
  stdio: ['ignore', 'pipe', 'ignore'],
  env: { ...process.env, WORKIT_LOG: 'error', WORKIT_LOGIN_BURST_PER_ACCOUNT: '1000', WORKIT_LOGIN_BURST_PER_IP: '1000' },
});
const base = await new Promise((resolve, reject) => {
  setTimeout(() => reject(new Error('server did not start')), 60_000).unref();
  createInterface({ input: server.stdout }).on('line', (line) => {
    const m = line.match(/running at (http:\/\/\S+?)\/?$/);
    if (m) resolve(m[1]);
  });
});

const gql = (query, variables = {}, token) => graphql(base, query, token, variables);

const login = await gql('mutation { login(email: "national@demo.workit.example", password: "workit-demo") { accessToken } }');
const token = login.login.accessToken;
const someTown = (await gql('{ towns(limit: 1) { items { id } } }', {}, token)).towns.items[0].id;

// The forum with the most focuses, for the plans scenarios.
const forums = (await gql('{ towns(limit: 50) { items { id forum { id focuses { id } } } } }', {}, token)).towns.items;
const planTown = forums.reduce((best, t) => ((t.forum?.focuses.length ?? 0) > (best.forum?.focuses.length ?? 0) ? t : best));

const { lastClosedQuarter } = await gql('{ lastClosedQuarter }', {}, token);

const scenarios = {
  me: ['{ me { id systemRole towns { roles } } }', {}],
  'towns list (14, one level)': ['{ towns(limit: 50) { totalCount items { id nameHe nameEn population region { nameHe } forum { stage } } } }', {}],
  'all towns with forum, bodies, members, people, organisations': [
    '{ towns(limit: 14) { items { nameEn forum { bodies { name members { role person { fullName organisation { name sector } } } } } } } }',
    {},
  ],
  'town overview': [
    'query($id: ID!) { town(id: $id) { nameHe labourOffice { name manager { fullName email } } forum { stage bodies { name members { role joinedOn person { fullName organisation { name sector } } } } } } }',
    { id: someTown },
  ],
  'health of all 14 forums (regional view)': ['{ towns(limit: 14) { items { nameEn forum { stage health { kind status value } } } } }', {}],
  "focuses page: focuses, metrics with 40 quarters, status, path": [
    'query($id: ID!) { town(id: $id) { forum { focuses { title team { name } metrics { name status due expected path { quarter expected } measurements { quarter value } } } dueMetrics { name } } } }',
    { id: planTown.id },
  ],
  "work plan of a town (tasks, owners, partners, decisions)": [
    'query($id: ID!, $y: Int!) { town(id: $id) { forum { workPlan { title state plannedQuarter owner { fullName } partners { name } team { name } decisions { text } } planApproval(year: $y) { changes { change } } } } }',
    { id: planTown.id, y: new Date().getFullYear() },
  ],
  'quarterly control page (live and approved figures, health, proposals)': [
    'query($id: ID!, $q: String!) { town(id: $id) { forum { control(quarter: $q) { status summary version planChanges { kind status subject } live { total { due done late } teams { name execution { due } } focuses { title metrics { name value expected status changeSincePrevious } tasks { title execution } } openDecisions { text } health { kind status value } } approved { focuses { metrics { value status } } } } } } }',
    { id: planTown.id, q: lastClosedQuarter },
  ],
  'year summary page (metric movement, execution, four controls)': [
    'query($id: ID!, $y: Int!) { town(id: $id) { forum { yearSummary(year: $y) { overall execution { due done } focuses { title execution { due } metrics { name fromValue toValue change } texts { lessons } } quarters { quarter status } } } } }',
    { id: planTown.id, y: Number(lastClosedQuarter.slice(0, 4)) },
  ],
  'comparison of every town in the country (rows and the country line)': [
    '{ comparison { quarter rows { town { nameEn } stage milestones { part whole } health { kind status value } activeTeams openTasks overdueTasks openDecisions overdueDecisions focuses { kind count } onTrack { part whole } controlApproved indicators { indicator value withheld change } } countryTotals { towns onTrack { value } } countryIndicators { indicator value } } }',
    {},
  ],
  'people of a town (200)': ['query($id: ID) { people(townId: $id, limit: 200) { totalCount items { fullName email organisation { name } } } }', { id: someTown }],
};

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

console.log(`engine: ${database.split(':')[0]}, ${REQUESTS} requests per scenario, concurrency ${CONCURRENCY}`);
console.log('| scenario | req/s | p50 ms | p95 ms | p99 ms |');
console.log('|---|---|---|---|---|');
const only = process.env.WORKIT_BENCH_ONLY;
for (const [name, [query, variables]] of Object.entries(scenarios).filter(([n]) => !only || n.includes(only))) {
  for (let i = 0; i < 20; i++) await gql(query, variables, token); // warm-up
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        next += 1;
        const t0 = performance.now();
        await gql(query, variables, token);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const f = (n) => n.toFixed(1);
  console.log(`| ${name} | ${Math.round(latencies.length / seconds)} | ${f(percentile(latencies, 50))} | ${f(percentile(latencies, 95))} | ${f(percentile(latencies, 99))} |`);
}
const memory = memoryMiB(server.pid);
console.log(`\nserver memory: peak RSS ${memory.peak.toFixed(0)} MiB, now ${memory.rss.toFixed(0)} MiB`);
server.kill('SIGTERM');
rmSync(dir, { recursive: true, force: true });
