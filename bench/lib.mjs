// What the benchmark scripts share: a GraphQL request that fails loudly, signing in, the server's
// memory, and the median of a run's figures.
import { readdirSync, readFileSync } from 'node:fs';

export async function graphql(base, query, token, variables = {}) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${base}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** An access token for `email`. */
export async function accessToken(base, email, password) {
  const data = await graphql(base, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', null, { e: email, p: password });
  return data.login.accessToken;
}

/** The middle value (the upper one of an even count). */
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Resident memory of a process now (`rss`) and at its peak (`peak`), in MiB. */
export function memoryMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key) => Number(status.match(new RegExp(`${key}:\\s+(\\d+) kB`))?.[1] ?? 0);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

/**
 * The fields of `/proc/<pid>/stat` after the command name (which may itself hold spaces), as
 * numbers: the first is field 3 (the state, not a number), the second field 4 (the parent's pid).
 * Throws when the process has ended.
 */
function statFields(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
}

/**
 * CPU time a process has used (user and system), in milliseconds, from /proc; with
 * `withEndedChildren`, also that of its children that have ended and been waited for.
 */
export function cpuMs(pid, { withEndedChildren = false } = {}) {
  try {
    // utime and stime are fields 14 and 15, cutime and cstime 16 and 17.
    const fields = statFields(pid);
    const ticks = fields[11] + fields[12] + (withEndedChildren ? fields[13] + fields[14] : 0);
    return (ticks * 1000) / 100; // clock ticks of 10 ms
  } catch {
    return 0; // the process has ended
  }
}

/** The cluster's processes: its postmaster and the backends and workers it started. */
function clusterPids(postmaster) {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return Number(pid) === postmaster || statFields(pid)[1] === postmaster;
      } catch {
        return false; // gone between the listing and the read
      }
    });
}

/**
 * CPU time used by one PostgreSQL cluster (`postmaster`, its pid, and its children), in ms.
 * Only that cluster: another on the machine — a developer's, or the previous benchmark's
 * still shutting down — would otherwise be counted, and its processes ending read as negative
 * time. A backend's time moves to the postmaster's ended-children count when its connection
 * closes (pgbench's do at the end of each run), so both are summed. Between a backend's end and
 * the postmaster waiting for it, its time is in neither place; pass `settleTo`, the number of
 * processes there were before the run, to wait (at most a second) until the ended ones are gone.
 */
export function postgresCpuMs(postmaster, { settleTo } = {}) {
  let pids = clusterPids(postmaster);
  for (let waited = 0; settleTo !== undefined && pids.length > settleTo && waited < 1000; waited += 10) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    pids = clusterPids(postmaster);
  }
  return pids.reduce((total, pid) => total + cpuMs(pid, { withEndedChildren: true }), 0);
}

/** How many processes the cluster runs now: `postgresCpuMs`'s `settleTo` after a run. */
export const postgresProcessCount = (postmaster) => clusterPids(postmaster).length;
