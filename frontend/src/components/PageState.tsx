import { Alert, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CombinedError } from 'urql';

import { failureMessage, toFailure } from '@/lib/errors';

export function Loading() {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" aria-hidden />
        <Text>{t('states.loading')}</Text>
      </Group>
    </Center>
  );
}

/** What went wrong and what to do about it, with a retry. */
export function ErrorState({ error, onRetry }: { error: CombinedError; onRetry?: () => void }) {
  const { t } = useTranslation();
  const failure = toFailure(error);
  const forbidden = failure?.code === 'FORBIDDEN';
  return (
    <Alert color="red" role="alert" title={forbidden ? t('states.forbidden') : t('states.error')}>
      <Stack gap="xs">
        <Text size="sm">{failure && !forbidden ? failureMessage(t, failure) : null}</Text>
        {!forbidden && <Text size="sm">{t('states.errorHint')}</Text>}
        {onRetry && !forbidden && (
          <Group>
            <Button variant="light" color="red" onClick={onRetry}>
              {t('states.retry')}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

/** An empty list says so and offers the next step. */
export function EmptyState({ message, action }: { message: string; action?: ReactNode }) {
  return (
    <Stack align="center" py="lg" gap="sm">
      <Text c="dimmed">{message}</Text>
      {action}
    </Stack>
  );
}
