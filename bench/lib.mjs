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
 * CPU time a process has used (user and system), in milliseconds, from /proc; with
 * `withEndedChildren`, also that of its children that have ended and been waited for.
 */
export function cpuMs(pid, { withEndedChildren = false } = {}) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may itself hold spaces: utime and stime are 14 and 15,
    // cutime and cstime 16 and 17.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
    const ticks = fields[11] + fields[12] + (withEndedChildren ? fields[13] + fields[14] : 0);
    return (ticks * 1000) / 100; // clock ticks of 10 ms
  } catch {
    return 0; // the process has ended
  }
}

/**
 * CPU time used by every PostgreSQL process on the machine (the benchmark's cluster), in ms.
 * A backend's time moves to the postmaster's ended-children count when its connection closes
 * (pgbench's do at the end of each run), so both are summed.
 */
export function postgresCpuMs() {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') total += cpuMs(pid, { withEndedChildren: true });
    } catch {
      // gone between the listing and the read
    }
  }
  return total;
}
