import { Alert, Button, FileInput, Group, List, Modal, Stack, Table, Text } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ScrollTable } from './ScrollTable';
import { useFormat } from '@/hooks/useFormat';
import { accessToken } from '@/lib/session';

/** One value an import changes; each import adds the fields that say where. */
export type ImportChange = { row: number; before: number | null; after: number };
type Outcome<C> = { changes: C[]; unchanged: number; applied: boolean };
type RowError = { row: number; column: string; message: string };

/** What a change's row shows before its "before" and "after" columns. */
export type ChangeColumn<C> = { header: string; cell: (change: C) => ReactNode };

/** The file limits the server enforces (docs/permissions.md, "Limits"). */
const MAX_MB = 5;

async function send<C>(path: string, file: File, language: string): Promise<{ outcome?: Outcome<C>; errors?: RowError[] }> {
  const token = await accessToken();
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'accept-language': language, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: file,
  });
  const body = await response.json().catch(() => null);
  if (response.ok && body) return { outcome: body as Outcome<C> };
  return { errors: (body?.errors as RowError[] | undefined) ?? [{ row: 0, column: '', message: '' }] };
}

/**
 * The one importer's dialog: a CSV or Excel file is checked row by row and the changes are shown
 * before anything is written; confirming writes all of them or none. `path(apply)` is the
 * import's address; `columns` say what the file holds; `fields` ask what the import needs
 * besides the file (its source).
 */
export function ImportDialog<C extends ImportChange>({
  title,
  path,
  columns,
  changeColumns,
  fields,
  ready = true,
  onClose,
}: {
  title: string;
  path: (apply: boolean) => string;
  columns: ReactNode;
  changeColumns: ChangeColumn<C>[];
  fields?: ReactNode;
  ready?: boolean;
  onClose: (imported: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<Outcome<C> | null>(null);
  const [errors, setErrors] = useState<RowError[] | null>(null);
  const [done, setDone] = useState<Outcome<C> | null>(null);

  async function check(chosen: File | null) {
    setFile(chosen);
    setPreview(null);
    setErrors(null);
    setDone(null);
    if (!chosen) return;
    if (chosen.size > MAX_MB * 1024 * 1024) {
      setErrors([{ row: 0, column: '', message: t('validation.file_too_large', { max: MAX_MB }) }]);
      return;
    }
    setBusy(true);
    const result = await send<C>(path(false), chosen, i18n.language);
    setBusy(false);
    if (result.outcome) setPreview(result.outcome);
    else setErrors(result.errors ?? []);
  }

  async function apply() {
    if (!file) return;
    setBusy(true);
    const result = await send<C>(path(true), file, i18n.language);
    setBusy(false);
    if (result.outcome) {
      setDone(result.outcome);
      setPreview(null);
    } else setErrors(result.errors ?? []);
  }

  return (
    <Modal opened onClose={() => onClose(!!done)} title={title} size="xl" closeButtonProps={{ 'aria-label': t('app.closeDialog') }}>
      <Stack>
        <Text size="sm">{t('import.explain')}</Text>
        <Text size="sm" component="div">
          {columns}
        </Text>
        {fields}
        <FileInput
          label={t('import.file')}
          description={t('import.fileHint', { max: MAX_MB })}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          leftSection={<IconFileSpreadsheet size={18} aria-hidden />}
          value={file}
          onChange={check}
          clearable
          clearButtonProps={{ 'aria-label': t('import.clear') }}
        />
        {busy && <Text role="status">{t('states.loading')}</Text>}
        {errors && (
          <Alert color="red" role="alert" title={t('import.refused')}>
            <List size="sm">
              {errors.slice(0, 50).map((e, i) => (
                <List.Item key={i}>{e.row > 0 ? t('import.at', { row: e.row, column: e.column, message: e.message }) : e.message || t('states.error')}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {preview && (
          <Stack>
            <Text role="status">{t('import.preview', { changes: preview.changes.length, unchanged: preview.unchanged })}</Text>
            {preview.changes.length > 0 && (
              <ScrollTable minWidth={500} mah={320} label={title}>
                <Table striped stickyHeader>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('import.row')}</Table.Th>
                      {changeColumns.map((c) => (
                        <Table.Th key={c.header} scope="col">
                          {c.header}
                        </Table.Th>
                      ))}
                      <Table.Th scope="col">{t('import.before')}</Table.Th>
                      <Table.Th scope="col">{t('import.after')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {preview.changes.slice(0, 500).map((c, i) => (
                      <Table.Tr key={i}>
                        <Table.Td>{c.row}</Table.Td>
                        {changeColumns.map((column) => (
                          <Table.Td key={column.header}>{column.cell(c)}</Table.Td>
                        ))}
                        <Table.Td>{c.before == null ? t('import.new') : format.number(c.before)}</Table.Td>
                        <Table.Td>{format.number(c.after)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollTable>
            )}
          </Stack>
        )}
        {done && (
          <Alert color="teal" role="status">
            {t('import.done', { changes: done.changes.length })}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onClose(!!done)}>
            {done ? t('import.close') : t('forum.cancel')}
          </Button>
          {preview && preview.changes.length > 0 && (
            <Button onClick={apply} loading={busy} disabled={!ready}>
              {t('import.confirm', { changes: preview.changes.length })}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
