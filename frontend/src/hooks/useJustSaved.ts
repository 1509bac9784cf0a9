import { useState } from 'react';

/**
 * Which version of a record this page saved last, so that the form a save's refetch remounts
 * (keyed by version) still says "saved". `scope` keeps the versions of different records apart
 * (a quarter's control, a year's summary).
 */
export function useJustSaved(scope: string) {
  const [saved, setSaved] = useState<string | null>(null);
  return {
    isJustSaved: (version: number) => saved === `${scope}:${version}`,
    markSaved: (version: number) => setSaved(`${scope}:${version}`),
  };
}
