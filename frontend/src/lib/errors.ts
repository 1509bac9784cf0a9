import type { CombinedError } from 'urql';
import type { TFunction } from 'i18next';

/** What the UI needs from a failed operation, read from the server's stable codes. */
export type ApiFailure = {
  code: string;
  reason?: string;
  retryAfter?: number;
  currentVersion?: number;
  /** field → { code, params } as the server named them */
  fields: Record<string, { code: string; params: Record<string, string> }>;
};

type Extensions = {
  code?: string;
  reason?: string;
  retryAfter?: number;
  currentVersion?: number;
  fields?: { field: string; code: string; params?: Record<string, string> }[];
};

export function toFailure(error: CombinedError | undefined | null): ApiFailure | null {
  if (!error) return null;
  if (error.networkError && error.graphQLErrors.length === 0) return { code: 'NETWORK', fields: {} };
  return fromExtensions(error.graphQLErrors[0]?.extensions);
}

/** The same from a raw answer's first error, for requests sent outside urql (`postGraphQL`). */
export function fromExtensions(extensions: unknown): ApiFailure {
  const ext = (extensions ?? {}) as Extensions;
  const fields: ApiFailure['fields'] = {};
  for (const field of ext.fields ?? []) fields[field.field] = { code: field.code, params: field.params ?? {} };
  return { code: ext.code ?? 'INTERNAL', reason: ext.reason, retryAfter: ext.retryAfter, currentVersion: ext.currentVersion, fields };
}

/** A field error in the user's language, from its stable code (and its `reason`, where the code has several). */
export function fieldMessage(t: TFunction, code: string, params: Record<string, string> = {}): string {
  const key = params.reason ? `validation.${code}_${params.reason}` : `validation.${code}`;
  return t(key, { ...params, defaultValue: t(`validation.${code}`, { ...params, defaultValue: t('validation.fallback') }) });
}

/** The headline of a failure in the user's language. */
export function failureMessage(t: TFunction, failure: ApiFailure): string {
  const headline = t(`errors.${failure.code}`, { defaultValue: t('errors.INTERNAL') });
  return failure.reason ? t(`errors.${failure.reason}`, { seconds: failure.retryAfter ?? 60, defaultValue: headline }) : headline;
}

/**
 * One line for a failed action that has no form to put field errors on: the first field's
 * message when the server named a field, else the failure's headline.
 */
export function problemMessage(t: TFunction, failure: ApiFailure): string {
  const field = Object.values(failure.fields)[0];
  return field ? fieldMessage(t, field.code, field.params) : failureMessage(t, failure);
}
