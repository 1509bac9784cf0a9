import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from 'urql';

import { graphql } from '@/gql';
import type { Locale, MeQuery } from '@/gql/graphql';

import { setLanguage } from './i18n';
import { hasSession, onSessionChange, type SessionEnd } from './session';

export const MeQueryDocument = graphql(`
  query Me {
    me {
      id
      email
      displayName
      systemRole
      locale
      hasCalendarFeed
      weeklyDigest
      region {
        id
        nameHe
        nameEn
        nameAr
      }
      towns {
        roles
        town {
          id
          nameHe
          nameEn
          nameAr
        }
      }
    }
    serverInfo {
      demo
    }
  }
`);

export type Me = MeQuery['me'];

export const SetMyLocaleMutation = graphql(`
  mutation SetMyLocale($locale: Locale!) {
    setMyLocale(locale: $locale) {
      id
      locale
    }
  }
`);

/** A language picked before signing in is newer than the account's: it is saved on sign-in. */
const PENDING_LANGUAGE = 'workit.pendingLanguage';

export function chooseLanguageBeforeSignIn(code: string) {
  setLanguage(code);
  try {
    sessionStorage.setItem(PENDING_LANGUAGE, code);
  } catch {
    // Not carried over; the account's language applies after sign-in.
  }
}

function takePendingLanguage(): string | null {
  try {
    const code = sessionStorage.getItem(PENDING_LANGUAGE);
    sessionStorage.removeItem(PENDING_LANGUAGE);
    return code;
  } catch {
    return null;
  }
}

/** The GraphQL name of a language the server stores, or null (then only this device keeps it). */
export function accountLocale(code: string): Locale | null {
  const upper = code.toUpperCase();
  return upper === 'HE' || upper === 'EN' || upper === 'AR' ? upper : null;
}

type SessionState =
  | { status: 'loading' }
  | { status: 'signedOut'; ended: SessionEnd | null }
  | { status: 'signedIn'; me: Me; demo: boolean };

type SessionContextValue = SessionState & { reload: () => Promise<void> };

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useClient();
  const { i18n } = useTranslation();
  const [state, setState] = useState<SessionState>({ status: hasSession() ? 'loading' : 'signedOut', ended: null } as SessionState);

  const reload = useCallback(async () => {
    if (!hasSession()) {
      setState({ status: 'signedOut', ended: null });
      return;
    }
    const result = await client.query(MeQueryDocument, {}, { requestPolicy: 'network-only' }).toPromise();
    if (result.data?.me) {
      setState({ status: 'signedIn', me: result.data.me, demo: result.data.serverInfo.demo });
      // The account's language follows the user from device to device, unless they just
      // picked one on the sign-in page: that choice is newer and becomes the account's.
      const pending = takePendingLanguage();
      const pendingLocale = pending && accountLocale(pending);
      if (pendingLocale) {
        if (pendingLocale !== result.data.me.locale) void client.mutation(SetMyLocaleMutation, { locale: pendingLocale }).toPromise();
      } else {
        const preferred = result.data.me.locale.toLowerCase();
        if (preferred !== i18n.language) setLanguage(preferred);
      }
    } else if (!hasSession()) {
      setState({ status: 'signedOut', ended: 'expired' });
    }
  }, [client, i18n]);

  useEffect(() => {
    void reload();
    return onSessionChange((ended) => {
      if (ended) setState({ status: 'signedOut', ended });
    });
  }, [reload]);

  const value = useMemo(() => ({ ...state, reload }), [state, reload]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in account; only for pages behind the sign-in guard. */
export function useMe(): { me: Me; demo: boolean } {
  const session = useSession();
  if (session.status !== 'signedIn') throw new Error('useMe without a signed-in session');
  return { me: session.me, demo: session.demo };
}

/** Where an account lands: their town, their region, or all towns. */
export function homePath(me: Me): string {
  const firstTown = me.towns[0]?.town.id;
  if (me.systemRole === 'REGIONAL_COORDINATOR' && me.region) return `/regions/${me.region.id}`;
  if (me.systemRole === 'NONE' && firstTown) return `/towns/${firstTown}`;
  return '/towns';
}


