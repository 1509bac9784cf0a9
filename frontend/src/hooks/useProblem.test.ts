import { act, renderHook } from '@testing-library/react';
import { CombinedError } from 'urql';
import { describe, expect, it } from 'vitest';

import '@/lib/i18n';

import { useProblem } from './useProblem';

const refusal = (code: string, fields: unknown[] = []) =>
  new CombinedError({ graphQLErrors: [{ message: code, extensions: { code, fields } }] });

describe('useProblem', () => {
  it('shows a refused action in the user language and clears it when the next one succeeds', () => {
    const { result } = renderHook(() => useProblem());
    let ok = true;
    act(() => {
      ok = result.current.report({ error: refusal('FORBIDDEN') });
    });
    expect(ok).toBe(false);
    expect(result.current.problem).toBe('אין לך הרשאה לפעולה זו.');
    act(() => {
      ok = result.current.report({});
    });
    expect(ok).toBe(true);
    expect(result.current.problem).toBeNull();
  });

  it('words the first field error when the server named a field', () => {
    const { result } = renderHook(() => useProblem());
    act(() => {
      result.current.report({ error: refusal('VALIDATION', [{ field: 'status', code: 'plan_locked', params: {} }]) });
    });
    expect(result.current.problem).toBe('תוכנית המפגש נעולה במצב זה.');
  });
});
