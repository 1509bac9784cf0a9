import { Client, cacheExchange, fetchExchange } from 'urql';

import { accessToken, endSession, refreshSession } from './session';

type GraphQLBody = { errors?: { extensions?: { code?: string; reason?: string } }[] };

/**
 * Every request carries a fresh access token and the UI language. An `UNAUTHENTICATED`
 * answer gets one refresh and one retry; if that fails, the session has ended and the app
 * returns to sign-in (keeping the page the user was on).
 */
async function authedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const send = async () => {
    const token = await accessToken();
    const headers = new Headers(init?.headers);
    headers.set('accept-language', document.documentElement.lang || 'he');
    if (token) headers.set('authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };
  const response = await send();
  const body = (await response.clone().json().catch(() => null)) as GraphQLBody | null;
  const code = body?.errors?.[0]?.extensions?.code;
  if (code !== 'UNAUTHENTICATED') return response;
  if (await refreshSession()) return send();
  endSession('expired');
  return response;
}

export function createClient(): Client {
  return new Client({
    url: '/graphql',
    exchanges: [cacheExchange, fetchExchange],
    fetch: authedFetch,
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
  });
}
