import { Alert, Button, Code, FileInput, Group, List, Modal, Stack, Table, Text } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useFormat } from '@/hooks/useFormat';
import { accessToken } from '@/lib/session';

type Change = { row: number; metricName: string; quarter: string; before: number | null; after: number; note: string | null };
type Outcome = { changes: Change[]; unchanged: number; applied: boolean };
type RowError = { row: number; column: string; message: string };

/** The file limits the server enforces (docs/permissions.md, "Limits"). */
const MAX_MB = 5;

async function send(forumId: string, file: File, apply: boolean, language: string): Promise<{ outcome?: Outcome; errors?: RowError[] }> {
  const token = await accessToken();
  const response = await fetch(`/import/forums/${forumId}/measurements?apply=${apply}`, {
    method: 'POST',
    headers: { 'accept-language': language, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: file,
  });
  const body = await response.json().catch(() => null);
  if (response.ok && body) return { outcome: body as Outcome };
  return { errors: (body?.errors as RowError[] | undefined) ?? [{ row: 0, column: '', message: '' }] };
}

/**
 * Imports measurements from a CSV or Excel file: every row is checked and the changes are
 * shown before anything is written; confirming writes all of them or none.
 */
export function ImportDialog({ forumId, onClose }: { forumId: string; onClose: (imported: boolean) => void }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<Outcome | null>(null);
  const [errors, setErrors] = useState<RowError[] | null>(null);
  const [done, setDone] = useState<Outcome | null>(null);

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
    const result = await send(forumId, chosen, false, i18n.language);
    setBusy(false);
    if (result.outcome) setPreview(result.outcome);
    else setErrors(result.errors ?? []);
  }

  async function apply() {
    if (!file) return;
    setBusy(true);
    const result = await send(forumId, file, true, i18n.language);
    setBusy(false);
    if (result.outcome) {
      setDone(result.outcome);
      setPreview(null);
    } else setErrors(result.errors ?? []);
  }

  return (
    <Modal opened onClose={() => onClose(!!done)} title={t('import.title')} size="xl" closeButtonProps={{ 'aria-label': t('forum.cancel') }}>
      <Stack>
        <Text size="sm">{t('import.explain')}</Text>
        <Text size="sm">
          {t('import.columns')} <Code>מדד</Code>, <Code>רבעון</Code>, <Code>ערך</Code>, <Code>הערה</Code> / <Code>metric</Code>, <Code>quarter</Code>, <Code>value</Code>, <Code>note</Code>
        </Text>
        <FileInput
          label={t('import.file')}
          description={t('import.fileHint', { max: MAX_MB })}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          leftSection={<IconFileSpreadsheet size={18} aria-hidden />}
          value={file}
          onChange={check}
          clearable
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
              <Table.ScrollContainer type="native" minWidth={500} mah={320} tabIndex={0} aria-label={t('import.title')}>
                <Table striped stickyHeader>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('import.row')}</Table.Th>
                      <Table.Th scope="col">{t('metrics.name')}</Table.Th>
                      <Table.Th scope="col">{t('metrics.quarter')}</Table.Th>
                      <Table.Th scope="col">{t('import.before')}</Table.Th>
                      <Table.Th scope="col">{t('import.after')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {preview.changes.slice(0, 500).map((c) => (
                      <Table.Tr key={`${c.row}`}>
                        <Table.Td>{c.row}</Table.Td>
                        <Table.Td>{c.metricName}</Table.Td>
                        <Table.Td>{c.quarter}</Table.Td>
                        <Table.Td>{c.before == null ? t('import.new') : format.number(c.before)}</Table.Td>
                        <Table.Td>{format.number(c.after)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
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
            <Button onClick={apply} loading={busy}>
              {t('import.confirm', { changes: preview.changes.length })}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
