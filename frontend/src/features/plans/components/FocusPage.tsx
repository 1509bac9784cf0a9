import { Alert, Anchor, Badge, Button, Card, Group, List, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconEdit, IconPlus } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';

import { ScrollTable } from '@/components/ScrollTable';
import { ErrorState, Loading } from '@/components/PageState';
import type { FocusPageQuery } from '@/gql/graphql';
import { useFormat } from '@/hooks/useFormat';
import { localName } from '@/lib/names';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';

import { focusLists } from '../api/changes';
import { FocusPageQuery as Query } from '../api/queries';
import { FocusDialog } from './FocusDialog';
import { MeasurementDialog } from './MeasurementDialog';
import { MetricChart, MetricTable } from './MetricChart';
import { MetricDialog } from './MetricDialog';
import { parseQuarter, STATE_COLOR, STATUS_FILL } from './quarters';

type Focus = NonNullable<FocusPageQuery['focus']>;
type Metric = Focus['metrics'][number];

const THEORY = ['problem', 'activities', 'outputs', 'outcomes', 'impact'] as const;

function MetricCard({ metric, canEdit, onRecord, onEdit }: { metric: Metric; canEdit: boolean; onRecord: () => void; onEdit: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const titleId = useId();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const latest = metric.measurements[metric.measurements.length - 1];
  const q = (text?: string | null) => {
    const parsed = parseQuarter(text);
    return parsed ? format.quarter(parsed.year, parsed.quarter) : '';
  };
  const unit = metric.unit === 'OTHER' ? metric.unitLabel ?? '' : t(`metrics.unitsShort.${metric.unit}`);
  return (
    <Card withBorder component="section" aria-labelledby={titleId} data-metric={metric.id}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={3} id={titleId} size="h4">
              {metric.name}
            </Title>
            <Text size="sm" c="dimmed">
              {t(`metrics.kinds.${metric.kind}`)} · {t(`metrics.directions.${metric.direction}`)} · {t(`metrics.sources.${metric.source}`)}
              {metric.recorder ? ` · ${t('metrics.recordedByPerson', { name: metric.recorder.fullName })}` : ''}
            </Text>
          </Stack>
          <Group gap="xs">
            <Badge size="lg" color={STATUS_FILL[metric.status]} autoContrast data-status={metric.status}>
              {t(`metrics.statuses.${metric.status}`)}
            </Badge>
            {metric.due && <Badge color="red.9">{t('metrics.due')}</Badge>}
          </Group>
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          <Stack gap={0}>
            <Text size="xs" c="dimmed">{t('metrics.latest')}</Text>
            <Text fw={600}>{latest ? `${format.number(latest.value)} ${unit}` : '—'}</Text>
            <Text size="xs">{q(latest?.quarter)}</Text>
          </Stack>
          <Stack gap={0}>
            <Text size="xs" c="dimmed">{t('metrics.expectedNow')}</Text>
            <Text fw={600}>{metric.expected != null ? `${format.number(Math.round(metric.expected * 100) / 100)} ${unit}` : '—'}</Text>
          </Stack>
          <Stack gap={0}>
            <Text size="xs" c="dimmed">{t('metrics.baseline')}</Text>
            <Text fw={600}>{metric.baseline != null ? `${format.number(metric.baseline)} ${unit}` : '—'}</Text>
            <Text size="xs">{q(metric.baselineQuarter)}</Text>
          </Stack>
          <Stack gap={0}>
            <Text size="xs" c="dimmed">{t('metrics.target')}</Text>
            <Text fw={600}>{metric.target != null ? `${format.number(metric.target)} ${unit}` : '—'}</Text>
            <Text size="xs">{q(metric.targetQuarter)}</Text>
          </Stack>
        </SimpleGrid>
        <Group justify="space-between">
          <SegmentedControl
            size="xs"
            value={view}
            onChange={(v) => setView(v as 'chart' | 'table')}
            data={[
              { value: 'chart', label: t('metrics.chart') },
              { value: 'table', label: t('metrics.table') },
            ]}
            aria-label={t('metrics.viewAs', { name: metric.name })}
          />
          {canEdit && (
            <Group gap="xs">
              <Button size="xs" variant="light" leftSection={<IconEdit size={14} aria-hidden />} onClick={onEdit}>
                {t('metrics.editButton')}
              </Button>
              {metric.indicator ? (
                <Text size="xs" c="dimmed" data-fed={metric.indicator}>
                  {t('metrics.fedFrom', { indicator: t(`indicators.names.${metric.indicator}`) })}
                </Text>
              ) : (
                <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={onRecord}>
                  {t('metrics.record')}
                </Button>
              )}
            </Group>
          )}
        </Group>
        {metric.measurements.length === 0 && metric.path.length === 0 ? (
          <Text size="sm" c="dimmed">{t('metrics.noData')}</Text>
        ) : view === 'chart' ? (
          <MetricChart metric={metric} titleId={titleId} />
        ) : (
          <MetricTable metric={metric} caption={t('metrics.tableCaption', { name: metric.name })} />
        )}
      </Stack>
    </Card>
  );
}

/** One focus: its theory of change and goals, its metrics with their charts, and its tasks. */
export default function FocusPage() {
  const { focusId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [{ data, fetching, error }, refetch] = useQuery({ query: Query, variables: { id: focusId }, context: focusLists });
  const [editing, setEditing] = useState(false);
  const [metricDialog, setMetricDialog] = useState<Metric | 'new' | null>(null);
  const [recording, setRecording] = useState<Metric | null>(null);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const focus = data?.focus;
  useDocumentTitle(focus?.title);

  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!focus) return fetching ? <Loading /> : <Text>{t('app.notFound')}</Text>;
  const town = focus.forum.town;
  const canEdit = town.viewerMay.editForum;
  const unmet = focus.goals.filter((g) => g.unmetCriteria.length > 0);

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/towns/${town.id}/focuses`} size="sm">
        {t('focuses.pageTitle', { town: localName(town, i18n.language) })}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1}>{focus.title}</Title>
          <Group gap="xs">
            <Badge variant="light">{t(`focuses.kinds.${focus.kind}`)}</Badge>
            <Badge variant="dot">{t(`focuses.statuses.${focus.status}`)}</Badge>
            <Text size="sm">{t('focuses.priority', { n: focus.priority })}</Text>
            {focus.targetPopulation && <Text size="sm">· {focus.targetPopulation}</Text>}
            {focus.team && <Text size="sm">· {t('focuses.ownedBy', { team: focus.team.name })}</Text>}
          </Group>
          {focus.closedReason && <Text size="sm">{t('focuses.closedBecause', { reason: focus.closedReason })}</Text>}
        </Stack>
        {canEdit && (
          <Button variant="light" leftSection={<IconEdit size={18} aria-hidden />} onClick={() => setEditing(true)}>
            {t('focuses.editButton')}
          </Button>
        )}
      </Group>

      <section aria-labelledby="theory-title">
        <Title order={2} id="theory-title" size="h3" mb="xs">
          {t('focuses.theory')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }}>
          {THEORY.map((part) => (
            <Card key={part} withBorder padding="sm">
              <Text fw={600} size="sm">
                {t(`focuses.theoryParts.${part}`)}
              </Text>
              {focus.theory[part].length === 0 ? (
                <Text size="sm" c="dimmed">—</Text>
              ) : (
                <List size="sm" spacing={2}>
                  {focus.theory[part].map((line, i) => (
                    <List.Item key={i}>{line}</List.Item>
                  ))}
                </List>
              )}
            </Card>
          ))}
        </SimpleGrid>
      </section>

      <section aria-labelledby="goals-title">
        <Title order={2} id="goals-title" size="h3" mb="xs">
          {t('focuses.goals')}
        </Title>
        {focus.goals.length === 0 ? (
          <Text c="dimmed">{t('focuses.noGoals')}</Text>
        ) : (
          <List spacing="xs">
            {focus.goals.map((goal, i) => (
              <List.Item key={i}>
                <Text>{goal.text}</Text>
                {goal.unmetCriteria.length > 0 && (
                  <Text size="sm" c="red.9">
                    {t('focuses.openCriteria', { criteria: format.list(goal.unmetCriteria.map((c) => t(`focuses.criterion.${c}`))) })}
                  </Text>
                )}
              </List.Item>
            ))}
          </List>
        )}
        {unmet.length === 0 && focus.goals.length > 0 && (
          <Text size="sm" c="teal.8" mt="xs">
            {t('focuses.allCriteriaMet')}
          </Text>
        )}
      </section>

      <section aria-labelledby="metrics-title">
        <Group justify="space-between" mb="xs">
          <Title order={2} id="metrics-title" size="h3">
            {t('metrics.title')}
          </Title>
          {canEdit && (
            <Button variant="light" leftSection={<IconPlus size={18} aria-hidden />} onClick={() => setMetricDialog('new')}>
              {t('metrics.new')}
            </Button>
          )}
        </Group>
        {focus.metrics.length === 0 && (
          <Alert color="yellow">{t('focuses.noMetrics')}</Alert>
        )}
        <Stack>
          {focus.metrics.map((metric) => (
            <MetricCard key={metric.id} metric={metric} canEdit={canEdit} onRecord={() => setRecording(metric)} onEdit={() => setMetricDialog(metric)} />
          ))}
        </Stack>
      </section>

      <section aria-labelledby="tasks-title">
        <Group justify="space-between" mb="xs">
          <Title order={2} id="tasks-title" size="h3">
            {t('plan.focusTasks')}
          </Title>
          <Anchor component={Link} to={`/towns/${town.id}/plan`}>
            {t('plan.open')}
          </Anchor>
        </Group>
        {focus.tasks.length === 0 ? (
          <Text c="dimmed">{t('plan.noTasks')}</Text>
        ) : (
          <ScrollTable minWidth={480} label={t('plan.focusTasks')} stackOnPhone>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('plan.export.task')}</Table.Th>
                  <Table.Th scope="col">{t('plan.export.owner')}</Table.Th>
                  <Table.Th scope="col">{t('plan.export.due')}</Table.Th>
                  <Table.Th scope="col">{t('plan.export.state')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {focus.tasks.map((task) => (
                  <Table.Tr key={task.id}>
                    <Table.Td>{task.title}</Table.Td>
                    <Table.Td data-label={t('plan.export.owner')}>{task.owner?.fullName ?? ''}</Table.Td>
                    <Table.Td data-label={t('plan.export.due')}>{format.date(task.dueOn)}</Table.Td>
                    <Table.Td data-label={t('plan.export.state')} style={{ whiteSpace: 'nowrap' }}>
                      <Badge color={STATE_COLOR[task.state]} variant="light" style={{ overflow: 'visible' }}>
                        {t(`plan.state.${task.state}`)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </section>

      {editing && (
        <FocusDialog
          forumId={focus.forum.id}
          focus={focus}
          onClose={() => setEditing(false)}
        />
      )}
      {metricDialog && (
        <MetricDialog
          townId={town.id}
          focusId={focus.id}
          metric={metricDialog === 'new' ? undefined : metricDialog}
          usual={data.usualOutcomeMetrics}
          onClose={() => setMetricDialog(null)}
        />
      )}
      {recording && (
        <MeasurementDialog
          metric={recording}
          lastClosed={data.lastClosedQuarter}
          onClose={() => setRecording(null)}
        />
      )}
    </Stack>
  );
}
