import { CombinedError } from 'urql';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';

import i18n from './i18n';
import { failureMessage, fieldMessage, problemMessage, toFailure } from './errors';

describe('toFailure', () => {
  it('reads the stable code, reason and field errors the server sends', () => {
    const error = new CombinedError({
      graphQLErrors: [
        new GraphQLError('VALIDATION', {
          extensions: { code: 'VALIDATION', fields: [{ field: 'name', code: 'too_long', params: { max: '200' } }] },
        }),
      ],
    });
    expect(toFailure(error)).toEqual({
      code: 'VALIDATION',
      reason: undefined,
      retryAfter: undefined,
      currentVersion: undefined,
      fields: { name: { code: 'too_long', params: { max: '200' } } },
    });
  });

  it('treats a failed connection as a network failure', () => {
    expect(toFailure(new CombinedError({ networkError: new Error('offline') }))?.code).toBe('NETWORK');
  });

  it('keeps the version a conflict reports', () => {
    const error = new CombinedError({ graphQLErrors: [new GraphQLError('CONFLICT', { extensions: { code: 'CONFLICT', currentVersion: 4 } })] });
    expect(toFailure(error)?.currentVersion).toBe(4);
  });
});

describe('messages', () => {
  it('word field errors from their code in the current language', async () => {
    await i18n.changeLanguage('en');
    expect(fieldMessage(i18n.t, 'too_long', { max: '200' })).toBe('At most 200 characters.');
    expect(fieldMessage(i18n.t, 'something_new')).toBe('Not a valid value.');
    expect(fieldMessage(i18n.t, 'weak_password', { reason: 'blank', min: '10' })).toBe('A password cannot be only spaces.');
    expect(fieldMessage(i18n.t, 'weak_password', { reason: 'too_short', min: '10' })).toBe('A password of at least 10 characters.');
    expect(fieldMessage(i18n.t, 'too_long', { reason: 'unknown', max: '5' })).toBe('At most 5 characters.');
    await i18n.changeLanguage('he');
    expect(fieldMessage(i18n.t, 'required')).toBe('שדה חובה.');
  });

  it('say how long to wait when sign-in is rate limited', async () => {
    await i18n.changeLanguage('en');
    expect(failureMessage(i18n.t, { code: 'UNAUTHENTICATED', reason: 'RATE_LIMITED', retryAfter: 12, fields: {} })).toBe(
      'Too many sign-in attempts. Try again in 12 seconds.',
    );
  });

  it('give one line for a failed action: the field message when the server named a field', async () => {
    await i18n.changeLanguage('en');
    const locked = { code: 'VALIDATION', fields: { minutes: { code: 'minutes_locked', params: {} } } } as const;
    expect(problemMessage(i18n.t, locked)).toBe('Approved minutes are locked. Open a correction to change them.');
    expect(problemMessage(i18n.t, { code: 'FORBIDDEN', fields: {} })).toBe('You do not have permission to do this.');
  });
});
