import { Anchor, Button, Group, Modal, MultiSelect, Select, Stack, Table, Text, Textarea, Title, UnstyledButton } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';

import { ScrollTable } from '@/components/ScrollTable';
import { FormActions } from '@/components/FormActions';
import { FormError } from '@/components/FormError';
import { ErrorState, Loading } from '@/components/PageState';
import type { BarrierKind, BarriersPageQuery as Data, Severity, TargetGroup } from '@/gql/graphql';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useProblem } from '@/hooks/useProblem';
import { useSaveFlow } from '@/hooks/useSaveFlow';
import { localName } from '@/lib/names';

import { barrierChanged } from '../api/changes';
import { BarriersPageQuery, CreateBarrierMutation, DeleteBarrierMutation, UpdateBarrierMutation } from '../api/queries';

const GROUPS: TargetGroup[] = ['WOMEN', 'YOUTH', 'AGED_45_PLUS', 'HAREDIM', 'ARABS', 'DISABILITIES', 'ETHIOPIAN_ORIGIN', 'NEW_IMMIGRANTS', 'ACADEMICS', 'LONG_TERM_UNEMPLOYED'];
const KINDS: BarrierKind[] = ['EDUCATION', 'ACCESSIBILITY_TRANSPORT', 'LANGUAGE', 'ETHNIC', 'GENDER', 'EXPERIENCE', 'AGE', 'DISABILITY', 'PERSONAL'];
const SEVERITIES: Severity[] = ['LOW', 'MEDIUM', 'HIGH'];
/** Dark enough for white text (axe contrast). */
const SEVERITY_COLOR: Record<Severity, string> = { LOW: '#1f6f33', MEDIUM: '#94520a', HIGH: '#b52a2a' };

type Barrier = Data['barriers'][number];
type Cell = { group: TargetGroup; kind: BarrierKind; barrier?: Barrier };

function BarrierDialog({ townId, data, cell, onClose }: { townId: string; data: Data; cell: Cell; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const [, create] = useMutation(CreateBarrierMutation);
  const [, update] = useMutation(UpdateBarrierMutation);
  const [, remove] = useMutation(DeleteBarrierMutation);
  const { problem, report } = useProblem();
  const b = cell.barrier;
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      severity: (b?.severity ?? 'MEDIUM') as string,
      practices: b?.practices ?? '',
      partnerIds: b?.partners.map((p) => p.id) ?? ([] as string[]),
      focusId: b?.focusId ?? (null as string | null),
      taskIds: b?.taskIds ?? ([] as string[]),
    },
  });
  const flow = useSaveFlow(form, b?.version ?? 0, async () => null, () => []);
  const submit = form.onSubmit(async (v) => {
    const input = { group: cell.group, kind: cell.kind, severity: v.severity as Severity, practices: v.practices || null, partnerIds: v.partnerIds, focusId: v.focusId, taskIds: v.taskIds };
    const result = b ? await update({ id: b.id, version: flow.version, input }, barrierChanged) : await create({ townId, input }, barrierChanged);
    if (await flow.handle({ error: result.error, ok: !result.error && !!result.data })) onClose(true);
  });
  const names = { group: t(`mapping.groups.${cell.group}`), kind: t(`barriers.kinds.${cell.kind}`) };
  const forum = data.town.forum;
  return (
    <Modal opened onClose={() => onClose(false)} title={b ? t('barriers.edit', names) : t('barriers.new', names)} size="lg" closeButtonProps={{ 'aria-label': t('app.closeDialog') }}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Select label={t('barriers.severity')} allowDeselect={false} data={SEVERITIES.map((s) => ({ value: s, label: t(`barriers.severities.${s}`) }))} {...form.getInputProps('severity')} />
          <Textarea label={t('barriers.practices')} autosize minRows={2} {...form.getInputProps('practices')} />
          <MultiSelect label={t('barriers.partners')} searchable data={data.organisations.items.map((o) => ({ value: o.id, label: o.name }))} {...form.getInputProps('partnerIds')} />
          <Select label={t('barriers.focus')} clearable data={(forum?.focuses ?? []).map((f) => ({ value: f.id, label: f.title }))} {...form.getInputProps('focusId')} />
          <MultiSelect label={t('barriers.tasks')} searchable data={(forum?.workPlan ?? []).map((task) => ({ value: task.id, label: task.title }))} {...form.getInputProps('taskIds')} />
          <FormError message={flow.formError ?? problem} />
          <Group justify="space-between">
            {b ? (
              <Button variant="outline" color="red.9" onClick={async () => { if (report(await remove({ id: b.id, version: b.version }, barrierChanged))) onClose(true); }}>
                {t('barriers.delete')}
              </Button>
            ) : (
              <span />
            )}
            <FormActions onCancel={() => onClose(false)} submitting={form.submitting} />
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Population groups × barriers: each rated cell shows its severity; a click (or Enter) opens it. */
export default function BarriersPage() {
  const { townId = '' } = useParams();
  const [search] = useSearchParams();
  const { t, i18n } = useTranslation();
  const [{ data, error }, refetch] = useQuery({ query: BarriersPageQuery, variables: { townId }, context: barrierChanged });
  const [cell, setCell] = useState<Cell | null>(null);
  const town = data?.town;
  const townName = localName(town, i18n.language);
  const title = t('barriers.pageTitle', { town: townName });
  useDocumentTitle(townName && title);
  if (error) return <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!data || !town) return <Loading />;
  const canEdit = town.viewerMay.editForum;
  const find = (group: TargetGroup, kind: BarrierKind) => data.barriers.find((b) => b.group === group && b.kind === kind);
  const prefill = search.get('practices');
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/towns/${townId}`} size="sm">
        {townName}
      </Anchor>
      <Stack gap={4}>
        <Title order={1}>{title}</Title>
        <Text c="dimmed">{t('barriers.intro')}</Text>
        {prefill && <Text size="sm">{prefill}</Text>}
      </Stack>
      <ScrollTable minWidth={900} label={t('barriers.matrix')}>
        <Table withTableBorder withColumnBorders data-testid="barrier-matrix">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('barriers.group')}</Table.Th>
              {KINDS.map((k) => (
                <Table.Th key={k} style={{ minWidth: 90 }}>
                  {t(`barriers.kinds.${k}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {GROUPS.map((g) => (
              <Table.Tr key={g}>
                <Table.Th scope="row">{t(`mapping.groups.${g}`)}</Table.Th>
                {KINDS.map((k) => {
                  const b = find(g, k);
                  const label = t('barriers.cellLabel', { group: t(`mapping.groups.${g}`), kind: t(`barriers.kinds.${k}`), severity: b ? t(`barriers.severities.${b.severity}`) : t('barriers.none') });
                  const content = b ? t(`barriers.severities.${b.severity}`) : canEdit ? '+' : '';
                  return (
                    <Table.Td key={k} p={0} style={{ background: b ? SEVERITY_COLOR[b.severity] : undefined }} data-cell={`${g}-${k}`}>
                      {canEdit || b ? (
                        <UnstyledButton aria-label={label} onClick={() => canEdit && setCell({ group: g, kind: k, barrier: b })} p="xs" w="100%" ta="center" c={b ? 'white' : 'dimmed'} fw={b ? 700 : 400} title={b?.practices ?? undefined}>
                          {content}
                        </UnstyledButton>
                      ) : null}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {data.barriers.length > 0 && (
        <Stack gap="xs">
          {data.barriers.map((b) => (
            <Text key={b.id} size="sm">
              <b>
                {t(`mapping.groups.${b.group}`)} · {t(`barriers.kinds.${b.kind}`)}
              </b>{' '}
              ({t(`barriers.severities.${b.severity}`)}){b.practices ? ' — ' : ''}
              {b.practices && <bdi>{b.practices}</bdi>}
              {b.partners.length > 0 && ` · ${t('barriers.partners')}: ${b.partners.map((p) => p.name).join(', ')}`}
            </Text>
          ))}
        </Stack>
      )}
      {cell && (
        <BarrierDialog
          townId={townId}
          data={data}
          cell={cell}
          onClose={() => setCell(null)}
        />
      )}
    </Stack>
  );
}
