import { Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ScrollTable } from './ScrollTable';

export type FieldChange = { label: string; theirs: string; yours: string };

/**
 * Someone saved the same item first. Nothing the user typed is lost: they see which fields
 * changed, and either keep their values on top of the latest version or take the latest.
 */
export function ConflictDialog({
  opened,
  changes,
  onKeepMine,
  onTakeTheirs,
}: {
  opened: boolean;
  changes: FieldChange[];
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onKeepMine} title={t('conflict.title')} size="lg" closeButtonProps={{ 'aria-label': t('app.closeDialog') }}>
      <Stack>
        <Text size="sm">{changes.length ? t('conflict.intro') : t('conflict.noDifferences')}</Text>
        {changes.length > 0 && (
          <ScrollTable minWidth={360} label={t('conflict.title')}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('conflict.field')}</Table.Th>
                  <Table.Th>{t('conflict.theirs')}</Table.Th>
                  <Table.Th>{t('conflict.yours')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {changes.map((change) => (
                  <Table.Tr key={change.label}>
                    <Table.Td>{change.label}</Table.Td>
                    <Table.Td>{change.theirs}</Table.Td>
                    <Table.Td>{change.yours}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onTakeTheirs}>
            {t('conflict.takeTheirs')}
          </Button>
          <Button onClick={onKeepMine}>{t('conflict.keepMine')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The fields whose latest saved value differs from what the user typed. */
export function diffFields<T extends Record<string, unknown>>(labels: Record<keyof T, string>, theirs: T, yours: T): FieldChange[] {
  return (Object.keys(labels) as (keyof T)[])
    .filter((key) => (theirs[key] ?? '') !== (yours[key] ?? ''))
    .map((key) => ({ label: labels[key], theirs: String(theirs[key] ?? '—'), yours: String(yours[key] ?? '—') }));
}
