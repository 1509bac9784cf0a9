/**
 * The sign-in session: a short-lived access token kept in memory and a single-use refresh
 * token kept in localStorage (so a reload keeps the user signed in). Refreshing is
 * single-flight across tabs (Web Locks), because presenting a used refresh token signs the
 * whole session out by design.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

import { stringifyDocument } from 'urql';

import { graphql } from '@/gql';

const REFRESH_KEY = 'workit.refreshToken';
/** Refresh this long before the access token expires, so requests never race the expiry. */
const EARLY_REFRESH_MS = 60_000;

export const RefreshMutation = graphql(`
  mutation Refresh($refreshToken: String!) {
    refresh(refreshToken: $refreshToken) {
      accessToken
      accessTokenExpiresAt
      refreshToken
    }
  }
`);

export const LogoutMutation = graphql(`
  mutation Logout($refreshToken: String) {
    logout(refreshToken: $refreshToken)
  }
`);

export type SessionEnd = 'expired' | 'signedOut';
type Access = { token: string; expiresAt: number };

let access: Access | null = null;
let inflight: Promise<boolean> | null = null;
const listeners = new Set<(ended: SessionEnd | null) => void>();

function readRefresh(): string | null {
  try {
    return localStorage.getItem(REFRESH_KEY);
  } catch {
    return null;
  }
}

function writeRefresh(token: string | null) {
  try {
    if (token) localStorage.setItem(REFRESH_KEY, token);
    else localStorage.removeItem(REFRESH_KEY);
  } catch {
    // Without storage the session lasts until the tab closes.
  }
}

export function onSessionChange(listener: (ended: SessionEnd | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function hasSession(): boolean {
  return access !== null || readRefresh() !== null;
}

export function startSession(tokens: { accessToken: string; accessTokenExpiresAt: string; refreshToken: string }) {
  access = { token: tokens.accessToken, expiresAt: Date.parse(tokens.accessTokenExpiresAt) };
  writeRefresh(tokens.refreshToken);
  listeners.forEach((l) => l(null));
}

export function endSession(reason: SessionEnd) {
  access = null;
  writeRefresh(null);
  listeners.forEach((l) => l(reason));
}

export type RawResult<R> = { data?: R | null; errors?: { extensions?: { code?: string; reason?: string; retryAfter?: number } }[] };

/** A request outside urql, for the operations that manage the session itself. */
export async function postGraphQL<R, V>(operation: TypedDocumentNode<R, V>, variables: V, token?: string): Promise<RawResult<R>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'accept-language': document.documentElement.lang || 'he' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query: stringifyDocument(operation), variables }) });
  return response.json();
}

async function doRefresh(): Promise<boolean> {
  const before = readRefresh();
  const run = async () => {
    const current = readRefresh();
    if (!current) return false;
    // Another tab refreshed while we waited for the lock: its token is ours too.
    if (before && current !== before && access && access.expiresAt - Date.now() > EARLY_REFRESH_MS) return true;
    try {
      const result = await postGraphQL(RefreshMutation, { refreshToken: current });
      if (result.data?.refresh) {
        startSession(result.data.refresh);
        return true;
      }
      endSession('expired');
      return false;
    } catch {
      return false; // Offline: keep the refresh token for the next try.
    }
  };
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? locks.request('workit-refresh', run) : run();
}

export function refreshSession(): Promise<boolean> {
  inflight ??= doRefresh().finally(() => {
    inflight = null;
  });
  return inflight;
}

/** A valid access token, refreshing first when it is missing or about to expire. */
export async function accessToken(): Promise<string | null> {
  if (access && access.expiresAt - Date.now() > EARLY_REFRESH_MS) return access.token;
  if (!readRefresh()) return access?.token ?? null;
  await refreshSession();
  return access?.token ?? null;
}

export async function signOut() {
  const refreshToken = readRefresh();
  const token = access?.token;
  endSession('signedOut');
  try {
    await postGraphQL(LogoutMutation, { refreshToken }, token);
  } catch {
    // Signed out locally either way; the server-side session expires on its own.
  }
}
