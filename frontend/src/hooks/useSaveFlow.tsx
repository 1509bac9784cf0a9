import type { UseFormReturnType } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CombinedError } from 'urql';

import { ConflictDialog, type FieldChange } from '@/components/ConflictDialog';
import { failureMessage, fieldMessage, toFailure } from '@/lib/errors';

type Saved = { error?: CombinedError; ok: boolean };

/**
 * The save flow every edit form shares: it tracks the version the form edits; server
 * field errors land next to their fields in the user's language; a `CONFLICT` opens the
 * conflict screen with what changed, keeping what the user typed.
 */
export function useSaveFlow<V extends Record<string, unknown>>(
  form: UseFormReturnType<V>,
  initialVersion: number,
  latest: () => Promise<{ values: V; version: number } | null>,
  diff: (theirs: V, yours: V) => FieldChange[],
) {
  const { t } = useTranslation();
  const [version, setVersion] = useState(initialVersion);
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ changes: FieldChange[]; theirs: V; version: number } | null>(null);

  async function handle(result: Saved): Promise<boolean> {
    setFormError(null);
    if (result.ok) return true;
    const failure = toFailure(result.error);
    if (!failure) return false;
    if (failure.code === 'CONFLICT' && failure.currentVersion != null) {
      const current = await latest();
      if (current) {
        setConflict({ changes: diff(current.values, form.getValues()), theirs: current.values, version: current.version });
        return false;
      }
    }
    const fieldErrors = Object.fromEntries(Object.entries(failure.fields).map(([field, e]) => [field, fieldMessage(t, e.code, e.params)]));
    if (Object.keys(fieldErrors).length) form.setErrors(fieldErrors);
    setFormError(failureMessage(t, failure));
    return false;
  }

  const resolve = (takeTheirs: boolean) => {
    if (conflict) {
      if (takeTheirs) form.setValues(conflict.theirs);
      setVersion(conflict.version);
    }
    setConflict(null);
  };

  const conflictDialog = (
    <ConflictDialog opened={!!conflict} changes={conflict?.changes ?? []} onKeepMine={() => resolve(false)} onTakeTheirs={() => resolve(true)} />
  );

  return { version, handle, formError, conflictDialog };
}
