import { Alert, Button, Group, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CombinedError } from 'urql';

import { FormError } from '@/components/FormError';
import { EmptyState, ErrorState, Loading } from '@/components/PageState';

/** The frame both directory tabs share: search, archived toggle, "new", and the list states. */
/** What the list is filtered by: the search text and whether archived rows show. */
export type ListFilters = {
  search: string;
  setSearch: (value: string) => void;
  showArchived: boolean;
  setShowArchived: (value: boolean) => void;
};

export function DirectoryList({
  filters: { search, setSearch: onSearch, showArchived, setShowArchived: onShowArchived },
  canEdit,
  newLabel,
  onNew,
  total,
  loading,
  error,
  onRetry,
  emptyMessage,
  problem,
  children,
}: {
  filters: ListFilters;
  canEdit: boolean;
  newLabel: string;
  onNew: () => void;
  total: number | undefined;
  loading: boolean;
  error: CombinedError | undefined;
  onRetry: () => void;
  emptyMessage: string;
  /** Why the last action on a row failed (archiving, restoring). */
  problem: string | null;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const newButton = canEdit && (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={onNew}>
      {newLabel}
    </Button>
  );
  return (
    <Stack mt="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label={t('directory.search')}
            type="search"
            leftSection={<IconSearch size={16} aria-hidden />}
            value={search}
            onChange={(e) => onSearch(e.currentTarget.value)}
            w={{ base: '100%', sm: 260 }}
          />
          <Switch label={t('directory.showArchived')} checked={showArchived} onChange={(e) => onShowArchived(e.currentTarget.checked)} mb={8} />
        </Group>
        {newButton}
      </Group>
      {!canEdit && (
        <Alert variant="light" color="gray">
          {t('directory.readOnly')}
        </Alert>
      )}
      {error && <ErrorState error={error} onRetry={onRetry} />}
      <FormError message={problem} />
      {total === undefined && loading && <Loading />}
      {total !== undefined && (
        <Text size="sm" c="dimmed" aria-live="polite">
          {t('directory.count', { count: total })}
        </Text>
      )}
      {total === 0 ? <EmptyState message={search ? t('directory.noMatches') : emptyMessage} action={!search && newButton} /> : children}
    </Stack>
  );
}
