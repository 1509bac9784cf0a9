import { Anchor, Badge, Button, Card, Checkbox, Group, List, Modal, Select, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';

import { ScrollTable } from '@/components/ScrollTable';
import { SortableTh, useSort } from '@/components/SortableTh';
import { FormActions } from '@/components/FormActions';
import { FormError } from '@/components/FormError';
import { ErrorState, Loading } from '@/components/PageState';
import type { MappingQuery as MappingData, TargetGroup } from '@/gql/graphql';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useFormat } from '@/hooks/useFormat';
import { useSaveFlow } from '@/hooks/useSaveFlow';
import { downloadWithSession } from '@/lib/download';
import { localName } from '@/lib/names';

import { mappingChanged, mappingLists, swotChanged } from '../api/changes';
import { MappingPageQuery, MappingQuery, SaveMappingMutation, SaveSwotMutation } from '../api/queries';

export const TARGET_GROUPS: TargetGroup[] = ['WOMEN', 'YOUTH', 'AGED_45_PLUS', 'HAREDIM', 'ARABS', 'DISABILITIES', 'ETHIOPIAN_ORIGIN', 'NEW_IMMIGRANTS', 'ACADEMICS', 'LONG_TERM_UNEMPLOYED'];
export const QUESTIONS = ['goals', 'activities', 'targetGroups', 'otherTargetGroups', 'programmes', 'collaborations', 'regionalCommunities'] as const;
const SWOT_PARTS = ['strengths', 'weaknesses', 'opportunities', 'threats'] as const;

type Row = MappingData['organisationMappings'][number];
const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

function MappingDialog({ forumId, row, onClose }: { forumId: string; row: Row; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const [, save] = useMutation(SaveMappingMutation);
  const a = row.answers;
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      goals: a?.goals ?? '',
      activities: a?.activities ?? '',
      targetGroups: (a?.targetGroups ?? []) as string[],
      otherTargetGroups: a?.otherTargetGroups ?? '',
      programmes: (a?.programmes ?? []).join('\n'),
      collaborations: a?.collaborations ?? '',
      regionalCommunities: a?.regionalCommunities ?? '',
    },
  });
  const flow = useSaveFlow(form, row.version ?? 0, async () => null, () => []);
  const submit = form.onSubmit(async (v) => {
    const input = {
      goals: v.goals || null,
      activities: v.activities || null,
      targetGroups: v.targetGroups as TargetGroup[],
      otherTargetGroups: v.otherTargetGroups || null,
      programmes: lines(v.programmes),
      collaborations: v.collaborations || null,
      regionalCommunities: v.regionalCommunities || null,
    };
    const result = await save({ forumId, organisationId: row.organisation.id, version: row.version ?? null, input }, mappingChanged);
    if (await flow.handle({ error: result.error, ok: !result.error && !!result.data })) onClose(true);
  });
  return (
    <Modal opened onClose={() => onClose(false)} title={t('mapping.formTitle', { organisation: row.organisation.name })} size="xl" closeButtonProps={{ 'aria-label': t('app.closeDialog') }}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Textarea label={t('mapping.questions.goals')} autosize minRows={2} {...form.getInputProps('goals')} />
          <Textarea label={t('mapping.questions.activities')} autosize minRows={2} {...form.getInputProps('activities')} />
          <Checkbox.Group label={t('mapping.questions.targetGroups')} {...form.getInputProps('targetGroups')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
              {TARGET_GROUPS.map((g) => (
                <Checkbox key={g} value={g} label={t(`mapping.groups.${g}`)} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Textarea label={t('mapping.questions.otherTargetGroups')} autosize {...form.getInputProps('otherTargetGroups')} />
          <Textarea label={t('mapping.questions.programmes')} autosize minRows={2} {...form.getInputProps('programmes')} />
          <Textarea label={t('mapping.questions.collaborations')} autosize minRows={2} {...form.getInputProps('collaborations')} />
          <Textarea label={t('mapping.questions.regionalCommunities')} autosize {...form.getInputProps('regionalCommunities')} />
          <FormError message={flow.formError} />
          <FormActions onCancel={() => onClose(false)} submitting={form.submitting} />
        </Stack>
      </form>
    </Modal>
  );
}

function SwotDialog({ forumId, latest, meetings, onClose }: { forumId: string; latest: MappingData['swotVersions'][number] | undefined; meetings: { id: string; title: string; startsAt: string }[]; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [, save] = useMutation(SaveSwotMutation);
  const c = latest?.content;
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      strengths: (c?.strengths ?? []).join('\n'),
      weaknesses: (c?.weaknesses ?? []).join('\n'),
      opportunities: (c?.opportunities ?? []).join('\n'),
      threats: (c?.threats ?? []).join('\n'),
      meetingId: null as string | null,
    },
  });
  const flow = useSaveFlow(form, latest?.version ?? 0, async () => null, () => []);
  const submit = form.onSubmit(async (v) => {
    const input = { strengths: lines(v.strengths), weaknesses: lines(v.weaknesses), opportunities: lines(v.opportunities), threats: lines(v.threats) };
    const result = await save({ forumId, basedOn: latest?.version ?? 0, input, meetingId: v.meetingId }, swotChanged);
    if (await flow.handle({ error: result.error, ok: !result.error && !!result.data })) onClose(true);
  });
  return (
    <Modal opened onClose={() => onClose(false)} title={t('swot.edit')} size="xl" closeButtonProps={{ 'aria-label': t('app.closeDialog') }}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {SWOT_PARTS.map((part) => (
              <Textarea key={part} label={t(`swot.${part}`)} description={t('swot.linesHint')} autosize minRows={3} {...form.getInputProps(part)} />
            ))}
          </SimpleGrid>
          <Select label={t('swot.meeting')} clearable data={meetings.map((m) => ({ value: m.id, label: `${m.title} · ${format.date(m.startsAt)}` }))} {...form.getInputProps('meetingId')} />
          <FormError message={flow.formError} />
          <FormActions onCancel={() => onClose(false)} submitting={form.submitting} submitLabel={t('swot.save')} />
        </Stack>
      </form>
    </Modal>
  );
}

/** The forum's organisation mapping (the questionnaire per organisation), what it found for meeting 3, and the SWOT. */
export default function MappingPage() {
  const { townId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [{ data: page, error }] = useQuery({ query: MappingPageQuery, variables: { townId } });
  const forumId = page?.town.forum?.id ?? '';
  const [{ data }, refetch] = useQuery({ query: MappingQuery, variables: { forumId, townId }, pause: !forumId, context: mappingLists });
  const [editing, setEditing] = useState<Row | null>(null);
  const [editingSwot, setEditingSwot] = useState(false);
  const [swotShown, setSwotShown] = useState<number | null>(null);
  const town = page?.town;
  const townName = localName(town, i18n.language);
  const title = t('mapping.pageTitle', { town: townName });
  useDocumentTitle(townName && title);
  // Not yet filled in first when sorted by status: the ones a referent still has to visit.
  const { sort, sorted, toggle } = useSort<'name' | 'sector' | 'status', Row>(
    'name',
    (row, column) => ({ name: row.organisation.name, sector: t(`sectors.${row.organisation.sector}`), status: row.answers ? 1 : 0 })[column],
    i18n.language,
  );
  const labels = { name: t('mapping.organisation'), sector: t('directory.sector'), status: t('stakeholders.columns.status') };
  if (error) return <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!town?.forum || !data) return <Loading />;
  const canEdit = town.viewerMay.editForum;
  const rollUp = data.mappingRollUp;
  const versions = data.swotVersions;
  const swot = versions.find((v) => v.version === swotShown) ?? versions[0];
  const gaps = rollUp.served.filter((g) => g.organisations.length === 0);

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/towns/${townId}`} size="sm">
        {townName}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1}>{title}</Title>
          <Text c="dimmed">{t('mapping.intro')}</Text>
        </Stack>
        <Group>
          <Button component={Link} to={`/towns/${townId}/stakeholders`} variant="light">
            {t('stakeholders.open')}
          </Button>
          <Button component={Link} to={`/towns/${townId}/mapping/print`} variant="light" leftSection={<IconPrinter size={18} aria-hidden />}>
            {t('mapping.printAll')}
          </Button>
        </Group>
      </Group>

      <ScrollTable minWidth={520} label={t('mapping.nav')} stackOnPhone phoneSort={{ labels, sort, onSort: toggle }}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <SortableTh column="name" label={labels.name} sort={sort} onSort={toggle} />
              <SortableTh column="sector" label={labels.sector} sort={sort} onSort={toggle} />
              <Table.Th scope="col">{t('mapping.questions.targetGroups')}</Table.Th>
              <SortableTh column="status" label={labels.status} sort={sort} onSort={toggle} />
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted(data.organisationMappings).map((row) => (
              <Table.Tr key={row.organisation.id}>
                <Table.Td fw={500}>
                  <bdi>{row.organisation.name}</bdi>
                </Table.Td>
                <Table.Td data-label={labels.sector}>{t(`sectors.${row.organisation.sector}`)}</Table.Td>
                <Table.Td data-label={t('mapping.questions.targetGroups')}>{(row.answers?.targetGroups ?? []).map((g) => t(`mapping.groups.${g}`)).join(', ')}</Table.Td>
                <Table.Td data-label={labels.status}>{row.answers ? <Badge color="teal.9">{t('mapping.filled')}</Badge> : <Badge color="gray.8">{t('mapping.notFilled')}</Badge>}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    {canEdit && (
                      <Button size="xs" variant="light" onClick={() => setEditing(row)} aria-label={`${t('mapping.edit')}: ${row.organisation.name}`}>
                        {t('mapping.edit')}
                      </Button>
                    )}
                    <Button size="xs" variant="subtle" component={Link} to={`/towns/${townId}/mapping/print?organisation=${row.organisation.id}`} aria-label={`${t('mapping.print')}: ${row.organisation.name}`}>
                      {t('mapping.print')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>

      <Card withBorder component="section" aria-labelledby="rollup-title" data-testid="mapping-rollup">
        <Stack gap="sm">
          <Title order={2} size="h3" id="rollup-title">
            {t('mapping.rollUp')}
          </Title>
          <Text>{t('mapping.rollUpIntro', { mapped: rollUp.organisationsMapped, total: rollUp.organisationsTotal })}</Text>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Stack gap={4}>
              <Title order={3} size="h5">
                {t('mapping.questions.targetGroups')}
              </Title>
              <List size="sm" spacing={2}>
                {rollUp.served
                  .filter((g) => g.organisations.length > 0)
                  .map((g) => (
                    <List.Item key={g.group}>
                      <b>{t(`mapping.groups.${g.group}`)}</b>: {format.list(g.organisations)}
                    </List.Item>
                  ))}
              </List>
              {gaps.length > 0 && (
                <>
                  <Title order={3} size="h5" c="red.9">
                    {t('mapping.gaps')}
                  </Title>
                  <List size="sm" spacing={2}>
                    {gaps.map((g) => (
                      <List.Item key={g.group}>
                        {t(`mapping.groups.${g.group}`)} — {t('mapping.gap')}
                      </List.Item>
                    ))}
                  </List>
                </>
              )}
            </Stack>
            <Stack gap={4}>
              <Title order={3} size="h5">
                {t('mapping.programmesBySector')}
              </Title>
              {rollUp.programmes.length === 0 ? (
                <Text size="sm">{t('mapping.noProgrammes')}</Text>
              ) : (
                <List size="sm" spacing={2}>
                  {rollUp.programmes.map((p, i) => (
                    <List.Item key={`${p.programme}-${i}`}>
                      <b>{t(`sectors.${p.sector}`)}</b>: <bdi>{p.programme}</bdi> (<bdi>{p.organisation}</bdi>)
                    </List.Item>
                  ))}
                </List>
              )}
              {rollUp.sectorsUnmapped.length > 0 && <Text size="sm">{t('mapping.sectorsUnmapped', { sectors: format.list(rollUp.sectorsUnmapped.map((s) => t(`sectors.${s}`))) })}</Text>}
            </Stack>
          </SimpleGrid>
        </Stack>
      </Card>

      <Card withBorder component="section" aria-labelledby="swot-title" data-testid="swot">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={2} size="h3" id="swot-title">
              {t('swot.title')}
            </Title>
            <Group>
              {swot && (
                <Button variant="light" size="sm" onClick={() => void downloadWithSession(`/export/swot/${forumId}.docx?version=${swot.version}&lang=${i18n.language}`, `swot-${townName}-v${swot.version}.docx`)}>
                  {t('swot.exportDocx')}
                </Button>
              )}
              {canEdit && (
                <Button size="sm" onClick={() => setEditingSwot(true)}>
                  {t('swot.edit')}
                </Button>
              )}
            </Group>
          </Group>
          <Text size="sm" c="dimmed">
            {t('swot.intro')}
          </Text>
          {!swot ? (
            <Text>{t('swot.none')}</Text>
          ) : (
            <>
              <Select
                label={t('swot.versions')}
                allowDeselect={false}
                w={320}
                value={String(swot.version)}
                onChange={(v) => setSwotShown(v ? Number(v) : null)}
                data={versions.map((v) => ({ value: String(v.version), label: v.createdBy ? t('swot.versionBy', { version: v.version, date: format.date(v.createdAt), name: v.createdBy }) : t('swot.version', { version: v.version, date: format.date(v.createdAt) }) }))}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {SWOT_PARTS.map((part) => (
                  <Card key={part} withBorder padding="sm">
                    <Text fw={700}>{t(`swot.${part}`)}</Text>
                    <List size="sm">
                      {swot.content[part].map((line, i) => (
                        <List.Item key={i}>
                          <bdi>{line}</bdi>
                        </List.Item>
                      ))}
                    </List>
                  </Card>
                ))}
              </SimpleGrid>
            </>
          )}
        </Stack>
      </Card>

      {editing && (
        <MappingDialog
          forumId={forumId}
          row={editing}
          onClose={() => setEditing(null)}
        />
      )}
      {editingSwot && (
        <SwotDialog
          forumId={forumId}
          latest={versions[0]}
          meetings={data.meetings.items}
          onClose={() => {
            setEditingSwot(false);
            setSwotShown(null);
          }}
        />
      )}
    </Stack>
  );
}
