// The floor benchmark: each dashboard's GraphQL answer against the same JSON built by one
// hand-written PostgreSQL statement ("the floor"), both measured with standard tools — wrk for
// HTTP, pgbench for the floor — at concurrency 1, 4 and 16 on the same throwaway database.
// Also: the server's memory idle and at peak, its time from start to a ready /readyz, the SQL
// statements per request, and the same dashboards on SQLite (absolute figures).
//
//   node bench/floor.mjs [--seconds 10] [--rounds 1] [--scale demo|national] [--only control,deep-read] [--no-build]
//
// --rounds N measures each dashboard and its floor N times, back to back, and prints the medians,
// the ratio as the median of each round's own ratio, and that ratio's range: on a shared machine
// whose speed drifts, a pair measured a few seconds apart is what compares fairly.
//
// Needs PostgreSQL 15 binaries (/usr/lib/postgresql/15/bin or WORKIT_BENCH_PG_BIN), psql,
// pgbench and wrk (installed with apt when missing and run as root). It builds and measures the
// deployed build, `cargo build --profile production` (link-time optimised, ADR 0022; a cold build
// takes about 26 minutes on two cores). WORKIT_BENCH_BIN names another build to measure (with
// --no-build). Results go to docs/performance.md by hand, with the machine and date.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { accessToken, cpuMs, graphql, median, memoryMiB, postgresCpuMs, postgresProcessCount } from './lib.mjs';

const root = path.resolve(import.meta.dirname, '..');
const here = path.join(root, 'bench/floor');
const options = parseArguments(process.argv.slice(2));
const pgBin = process.env.WORKIT_BENCH_PG_BIN ?? '/usr/lib/postgresql/15/bin';
// WORKIT_BENCH_BIN measures another build (say, the one before a change) on the same machine.
const binary = process.env.WORKIT_BENCH_BIN ?? path.join(root, 'target/production/workit');
const isRoot = process.getuid?.() === 0;
const CONCURRENCY = [1, 4, 16];
const ACCOUNT = { email: 'national@demo.workit.example', password: 'workit-demo' };

// Each dashboard: a GraphQL request and its floor, one SQL statement answering the same JSON.
// `variables` works out the request's variables (GraphQL) and the floor's (`:name` in its SQL).
const DASHBOARDS = [
  {
    name: 'comparison',
    // The country's towns, as national staff compare them.
    variables: async (base, token) => {
      const [year, number] = (await lastClosedQuarter(base, token)).split('-Q').map(Number);
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jerusalem' }).format(new Date()).replaceAll('-', '');
      return { graphql: {}, sql: { today, quarter: year * 10 + number } };
    },
  },
  {
    name: 'meetings',
    // Kiryat Gat's 12 meetings before now, with agenda, decisions and attendance.
    variables: async (base, token) => {
      const town = (await graphql(base, '{ towns(search: "Kiryat Gat", limit: 1) { items { id } } }', token)).towns.items[0].id;
      const past = (await graphql(base, `{ meetings(townId: "${town}", to: "${new Date().toISOString()}", limit: 1) { totalCount } }`, token)).meetings.totalCount;
      const offset = Math.max(0, past - 12);
      return { graphql: { t: town, o: offset }, sql: { town, offset } };
    },
  },
  {
    name: 'control',
    // Kiryat Gat's control of the last closed quarter.
    variables: async (base, token) => {
      const town = (await graphql(base, '{ towns(search: "Kiryat Gat", limit: 1) { items { id forum { id } } } }', token)).towns.items[0];
      const quarter = await lastClosedQuarter(base, token);
      const [year, number] = quarter.split('-Q').map(Number);
      return { graphql: { t: town.id, q: quarter }, sql: { forum: town.forum.id, year, number } };
    },
  },
  { name: 'deep-read', variables: async () => ({ graphql: {}, sql: {} }) },
].filter(
  (d) => !options.only || options.only.split(',').includes(d.name),
);

const lastClosedQuarter = async (base, token) => (await graphql(base, '{ lastClosedQuarter }', token)).lastClosedQuarter;

function parseArguments(args) {
  const parsed = { seconds: 10, rounds: 1, scale: 'demo', only: null, build: true };
  for (let i = 0; i < args.length; i++) {
    const [flag, value] = [args[i], args[i + 1]];
    if (flag === '--seconds') (parsed.seconds = Number(value)), i++;
    else if (flag === '--rounds') (parsed.rounds = Number(value)), i++;
    else if (flag === '--scale') (parsed.scale = value), i++;
    else if (flag === '--only') (parsed.only = value), i++;
    else if (flag === '--no-build') parsed.build = false;
    else throw new Error(`unknown argument ${flag}`);
  }
  if (!Number.isInteger(parsed.rounds) || parsed.rounds < 1) throw new Error('--rounds takes a whole number of at least 1');
  return parsed;
}

function ensureTools() {
  const missing = ['wrk', 'pgbench', 'psql'].filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
  if (missing.length === 0) return;
  const packages = missing.map((tool) => (tool === 'wrk' ? 'wrk' : 'postgresql-client-15'));
  if (!isRoot) throw new Error(`install ${packages.join(' ')} first`);
  execFileSync('apt-get', ['install', '-y', '-qq', ...new Set(packages)], { stdio: 'inherit' });
}

async function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A throwaway PostgreSQL cluster, run as the `postgres` user when we are root. */
async function startPostgres() {
  const dir = mkdtempSync(path.join(tmpdir(), 'workit-floor-pg-'));
  chmodSync(dir, 0o777);
  const data = path.join(dir, 'data');
  const port = await freePort();
  const asPostgres = (command) => (isRoot ? ['runuser', ['-u', 'postgres', '--', 'sh', '-c', command]] : ['sh', ['-c', command]]);
  const [initCmd, initArgs] = asPostgres(`"${pgBin}/initdb" -D "${data}" -A trust -U postgres --no-sync >"${dir}/init.log" 2>&1`);
  execFileSync(initCmd, initArgs);
  const [cmd, args] = asPostgres(
    `exec "${pgBin}/postgres" -D "${data}" -k "${dir}" -h 127.0.0.1 -p ${port} -c fsync=off -c max_connections=100 -c timezone=UTC >"${dir}/pg.log" 2>&1`,
  );
  const process_ = spawn(cmd, args, { stdio: 'ignore' });
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  for (let i = 0; i < 100; i++) {
    if (spawnSync('psql', ['-X', '-q', '-c', 'select 1', url], { stdio: 'ignore' }).status === 0) break;
    await sleep(100);
  }
  // The postmaster (under runuser and sh): its processes are the ones whose CPU is counted.
  const pid = Number(readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  return {
    url,
    port,
    pid,
    stop() {
      // To the postmaster itself (a fast shutdown): a run started in the background of a script
      // inherits SIGINT ignored, and runuser, which would pass it on, then never sees it.
      try {
        process.kill(pid, 'SIGINT');
      } catch {
        process_.kill('SIGTERM');
      }
      // Gone before the next benchmark starts: a cluster still shutting down is no one's load.
      spawnSync('sh', ['-c', `for i in $(seq 100); do [ -e /proc/${pid} ] || break; sleep 0.1; done; rm -rf "${dir}"`]);
    },
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function workit(database, ...args) {
  execFileSync(binary, ['--database-url', database, ...args], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, WORKIT_LOG: 'error' } });
}

/** Starts `workit serve`, timing the start to the first ready `/readyz`. */
async function startServer(database, log = 'error') {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const server = spawn(
    binary,
    ['--database-url', database, 'serve', '--demo', '--no-migrate', '--bind', `127.0.0.1:${port}`, '--static-dir', '/nonexistent', '--access-token-minutes', '600'],
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, WORKIT_LOG: log, WORKIT_LOGIN_BURST_PER_IP: '1000' } },
  );
  // The log, for the per-request trace lines (statements=…); plain text, as stderr is a pipe.
  const lines = [];
  server.stderr.setEncoding('utf8').on('data', (chunk) => lines.push(...chunk.split('\n').filter(Boolean)));
  let readyMs = null;
  while (readyMs === null) {
    if (performance.now() - started > 30_000) throw new Error('server did not become ready');
    try {
      const response = await fetch(`${base}/readyz`);
      if (response.ok) readyMs = performance.now() - started;
    } catch {
      await sleep(1);
    }
  }
  return { server, base, readyMs, lines };
}

const signIn = (base) => accessToken(base, ACCOUNT.email, ACCOUNT.password);

/** The first place where two JSON values differ, or null. */
function difference(a, b, at = '$') {
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || (a === null) !== (b === null)) {
    return `${at}: ${JSON.stringify(a)?.slice(0, 80)} ≠ ${JSON.stringify(b)?.slice(0, 80)}`;
  }
  if (Array.isArray(a)) {
    if (a.length !== b.length) return `${at}: ${a.length} items ≠ ${b.length} items`;
    for (let i = 0; i < a.length; i++) {
      const found = difference(a[i], b[i], `${at}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (a && typeof a === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const key of keys) {
      const found = difference(a[key], b[key], `${at}.${key}`);
      if (found) return found;
    }
    return null;
  }
  return a === b ? null : `${at}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
}

const objectsIn = (value) =>
  Array.isArray(value) ? value.reduce((n, v) => n + objectsIn(v), 0) : value && typeof value === 'object' ? 1 + Object.values(value).reduce((n, v) => n + objectsIn(v), 0) : 0;

function toMs(text) {
  const [, number, unit] = text.match(/([\d.]+)(us|ms|s)/);
  return Number(number) * { us: 0.001, ms: 1, s: 1000 }[unit];
}

function runWrk(base, bodyFile, token, concurrency) {
  const output = execFileSync(
    'wrk',
    ['-t', String(Math.min(concurrency, 2)), '-c', String(concurrency), '-d', `${options.seconds}s`, '--latency', '-s', path.join(here, 'post.lua'), `${base}/graphql`],
    { encoding: 'utf8', env: { ...process.env, WORKIT_BENCH_BODY: bodyFile, WORKIT_BENCH_TOKEN: token } },
  );
  if (/Non-2xx or 3xx responses/.test(output) || /Socket errors/.test(output)) throw new Error(`wrk saw failed requests:\n${output}`);
  return {
    requests: Number(output.match(/(\d+) requests in/)[1]),
    rps: Number(output.match(/Requests\/sec:\s+([\d.]+)/)[1]),
    // The distribution's own lines: a "+/- Stdev" column such as "68.50%" also ends in 50%.
    p50: toMs(output.match(/^\s+50%\s+(\S+)/m)[1]),
    p99: toMs(output.match(/^\s+99%\s+(\S+)/m)[1]),
  };
}

const sqlVariables = (flag, variables) => Object.entries(variables).flatMap(([name, value]) => [flag, `${name}=${value}`]);

function runPgbench(postgres, sqlFile, variables, concurrency) {
  const logDir = mkdtempSync(path.join(tmpdir(), 'workit-pgbench-'));
  const prefix = path.join(logDir, 'tx');
  const [databaseBefore, processesBefore] = [postgresCpuMs(postgres.pid), postgresProcessCount(postgres.pid)];
  const output = execFileSync(
    'pgbench',
    ['-n', '-M', 'prepared', '-c', String(concurrency), '-j', String(Math.min(concurrency, 2)), '-T', String(options.seconds), '-f', sqlFile, ...sqlVariables('-D', variables), '-l', `--log-prefix=${prefix}`, '-h', '127.0.0.1', '-p', String(postgres.port), '-U', 'postgres', 'workit'],
    { encoding: 'utf8', cwd: logDir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // Each log line: client, transaction, latency in µs, script, epoch, µs.
  const latencies = readdirSync(logDir)
    .flatMap((file) => readFileSync(path.join(logDir, file), 'utf8').split('\n'))
    .filter(Boolean)
    .map((line) => Number(line.split(' ')[2]) / 1000)
    .sort((a, b) => a - b);
  const databaseUs = ((postgresCpuMs(postgres.pid, { settleTo: processesBefore }) - databaseBefore) * 1000) / latencies.length;
  rmSync(logDir, { recursive: true, force: true });
  const at = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return { rps: Number(output.match(/tps = ([\d.]+) \(without initial connection time\)/)[1]), p50: at(0.5), p99: at(0.99), databaseUs };
}

/** SQL statements one request runs, from the server's per-request trace line. */
async function statementsPerRequest(database, query, variables) {
  const { server, base, lines } = await startServer(database, 'info');
  try {
    const token = await signIn(base);
    await graphql(base, query, token, variables);
    await sleep(200);
    const traces = lines.filter((line) => line.includes('statements='));
    return Number(traces.at(-1)?.match(/statements=(\d+)/)?.[1] ?? NaN);
  } finally {
    server.kill('SIGTERM');
  }
}

const f = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');

async function main() {
  ensureTools();
  if (options.build) execFileSync('cargo', ['build', '--profile', 'production', '--locked', '-q', '-p', 'workit'], { cwd: root, stdio: 'inherit' });
  const work = mkdtempSync(path.join(tmpdir(), 'workit-floor-'));
  const postgres = await startPostgres();
  const servers = [];
  process.on('exit', () => {
    for (const s of servers) s.kill('SIGKILL');
    postgres.stop();
    rmSync(work, { recursive: true, force: true });
  });
  execFileSync('psql', ['-X', '-q', '-c', 'CREATE DATABASE workit', postgres.url]);
  const pgDatabase = postgres.url.replace(/\/postgres$/, '/workit');
  const sqliteDatabase = `sqlite://${work}/bench.db`;
  console.log(`# floor benchmark — ${new Date().toISOString().slice(0, 10)}, ${options.scale} data, ${options.seconds} s per run`);
  for (const database of [pgDatabase, sqliteDatabase]) {
    workit(database, 'migrate');
    workit(database, 'seed-demo', '--scale', options.scale);
  }
  // Statistics for the planner, as a database that has been in use has: straight after loading,
  // before autovacuum's first pass, the national floor ran a plan thirty times slower.
  execFileSync('psql', ['-X', '-q', '-c', 'ANALYZE', pgDatabase]);

  for (const [engine, database] of [['PostgreSQL', pgDatabase], ['SQLite', sqliteDatabase]]) {
    // One start varies by tens of milliseconds on a shared machine: the median of five.
    const starts = [];
    for (let i = 0; i < 5; i++) {
      const started = await startServer(database);
      starts.push(started.readyMs);
      started.server.kill('SIGTERM');
      await new Promise((resolve) => started.server.once('exit', resolve));
    }
    const readyMs = starts.sort((a, b) => a - b)[2];
    const { server, base } = await startServer(database);
    servers.push(server);
    await sleep(1000);
    const idle = memoryMiB(server.pid);
    const token = await signIn(base);
    console.log(`\n## ${engine}: ready ${f(readyMs)} ms after start (median of 5; ${starts.map((ms) => f(ms)).join(', ')}), idle RSS ${f(idle.rss)} MiB`);
    console.log('| dashboard | objects | statements | c | ours req/s | floor req/s | ratio | ours p50 ms | floor p50 ms | p50 ratio | ours p99 ms | floor p99 ms | ours server CPU µs/req | ours database CPU µs/req | floor database CPU µs/req |');
    console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const dashboard of DASHBOARDS) {
      const query = readFileSync(path.join(here, `${dashboard.name}.graphql`), 'utf8').trim();
      const sqlFile = path.join(here, `${dashboard.name}.sql`);
      const variables = await dashboard.variables(base, token);
      const ours = await graphql(base, query, token, variables.graphql);
      if (engine === 'PostgreSQL') {
        const floor = JSON.parse(
          execFileSync('psql', ['-X', '-At', '-v', 'ON_ERROR_STOP=1', ...sqlVariables('-v', variables.sql), '-f', sqlFile, pgDatabase], { encoding: 'utf8' }),
        );
        const found = difference(ours, floor);
        if (found) throw new Error(`${dashboard.name}: the API and the floor differ at ${found}`);
      }
      const statements = await statementsPerRequest(database, query, variables.graphql);
      const bodyFile = path.join(work, `${dashboard.name}.json`);
      writeFileSync(bodyFile, JSON.stringify({ query, variables: variables.graphql }));
      for (const concurrency of CONCURRENCY) {
        const rounds = [];
        for (let round = 0; round < options.rounds; round++) {
          // CPU per request, the server's and the database's: steadier than throughput on a
          // shared machine, and it says which side a change saved.
          const [serverBefore, databaseBefore] = [cpuMs(server.pid), postgresCpuMs(postgres.pid)];
          const api = runWrk(base, bodyFile, token, concurrency);
          const serverUs = ((cpuMs(server.pid) - serverBefore) * 1000) / api.requests;
          const databaseUs = engine === 'PostgreSQL' ? ((postgresCpuMs(postgres.pid) - databaseBefore) * 1000) / api.requests : null;
          const floor = engine === 'PostgreSQL' ? runPgbench(postgres, sqlFile, variables.sql, concurrency) : null;
          rounds.push({ api, serverUs, databaseUs, floor });
        }
        const mid = (pick) => median(rounds.map(pick));
        const floor = engine === 'PostgreSQL' ? { rps: mid((r) => r.floor.rps), p50: mid((r) => r.floor.p50), p99: mid((r) => r.floor.p99), databaseUs: mid((r) => r.floor.databaseUs) } : null;
        // Each round's own ratio, then their median and range: a pair measured seconds apart.
        const ratioOf = (pick) => {
          if (!floor) return '—';
          const values = rounds.map((r) => pick(r.api) / pick(r.floor));
          const range = values.length > 1 ? ` (${f(Math.min(...values), 2)}–${f(Math.max(...values), 2)})` : '';
          return `${f(median(values), 2)}×${range}`;
        };
        const [ratio, p50Ratio] = [ratioOf((m) => m.rps), ratioOf((m) => m.p50)];
        const databaseUs = engine === 'PostgreSQL' ? mid((r) => r.databaseUs) : null;
        console.log(
          `| ${dashboard.name} | ${objectsIn(ours)} | ${statements} | ${concurrency} | ${f(mid((r) => r.api.rps), 0)} | ${floor ? f(floor.rps, 0) : '—'} | ${ratio} | ${f(mid((r) => r.api.p50))} | ${floor ? f(floor.p50) : '—'} | ${p50Ratio} | ${f(mid((r) => r.api.p99))} | ${floor ? f(floor.p99) : '—'} | ${f(mid((r) => r.serverUs), 0)} | ${databaseUs === null ? '—' : f(databaseUs, 0)} | ${floor ? f(floor.databaseUs, 0) : '—'} |`,
        );
      }
    }
    console.log(`peak RSS ${f(memoryMiB(server.pid).peak)} MiB`);
    server.kill('SIGTERM');
  }
}

// The exit handler stops the servers and PostgreSQL, whichever way the run ends.
main().then(
  () => process.exit(0),
  (error) => {
    console.error(error.stack ?? error);
    process.exit(1);
  },
);
