// What the benchmark scripts share: a GraphQL request that fails loudly, signing in, the server's
// memory, and the median of a run's figures.
import { readFileSync } from 'node:fs';

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
