import { Alert } from '@mantine/core';

/** Why a form or an action failed, announced to screen readers; nothing when it did not. */
export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <Alert color="red" role="alert">
      {message}
    </Alert>
  );
}
