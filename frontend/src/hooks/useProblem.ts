import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CombinedError } from 'urql';

import { problemMessage, toFailure } from '@/lib/errors';

/**
 * The one line a failed action shows, in the user's language: every mutation without a form
 * reports its result here, so no refusal vanishes silently.
 */
export function useProblem() {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);
  /** Shows the result's failure (or clears the last one); true when the action succeeded. */
  const report = useCallback(
    (result: { error?: CombinedError | null }) => {
      const failure = toFailure(result.error);
      setProblem(failure ? problemMessage(t, failure) : null);
      return !failure;
    },
    [t],
  );
  const clear = useCallback(() => setProblem(null), []);
  return { problem, report, clear };
}
