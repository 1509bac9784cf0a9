import { Button, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';

import { ErrorState, Loading } from '@/components/PageState';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useFormat } from '@/hooks/useFormat';
import { localName } from '@/lib/names';
import { describeChange } from '@/lib/planChanges';

import { ControlReportQuery } from '../api/queries';
import { MetricChart } from './MetricChart';
import { parseQuarter } from './quarters';

/** The quarter's control for the forum's folder and the mayor: the browser prints it right to
 * left, the summary first and then one focus per page with its metrics' charts. */
export default function ControlReportPage() {
  const { townId = '' } = useParams();
  const [params] = useSearchParams();
  const quarter = params.get('quarter') ?? '';
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [{ data, fetching, error }, refetch] = useQuery({ query: ControlReportQuery, variables: { townId, quarter }, pause: !quarter });
  const town = data?.town;
  const q = parseQuarter(quarter);
  const quarterLabel = q ? format.quarter(q.year, q.quarter) : quarter;
  const title = t('control.pageTitle', { town: localName(town, i18n.language), quarter: quarterLabel });
  useDocumentTitle(town && title);
  if (error) return <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!town?.forum) return fetching ? <Loading /> : null;
  const control = town.forum.control;
  const figures = control.approved ?? control.live;
  const note = (focusId: string) => control.focusNotes.find((n) => n.focusId === focusId)?.note;
  const counts = (c: typeof figures.total) => t('control.previousCounts', { due: c.due, done: c.done, late: c.late, dropped: c.dropped });

  return (
    <Stack gap="md" className="print-page">
      <Group className="no-print" justify="space-between">
        <Button component={Link} variant="default" to={`/towns/${townId}/control?quarter=${quarter}`}>
          {t('print.back')}
        </Button>
        <Button leftSection={<IconPrinter size={16} aria-hidden />} onClick={() => window.print()}>
          {t('print.print')}
        </Button>
      </Group>
      <Title order={1}>{title}</Title>
      <Text fw={600} data-report-status={control.status}>
        {control.status === 'APPROVED' ? t('control.approvedOn', { date: format.date(control.approvedAt), by: control.approvedBy ?? '' }) : t(`control.statuses.${control.status}`)}
      </Text>
      <section aria-labelledby="report-summary">
        <Title order={2} size="h3" id="report-summary">
          {t('control.summary')}
        </Title>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{control.summary || t('control.noSummary')}</Text>
      </section>
      <section aria-labelledby="report-execution">
        <Title order={2} size="h3" id="report-execution">
          {t('control.planVsExecution')}
        </Title>
        <Text>{counts(figures.total)}</Text>
        <List size="sm">
          {figures.teams.map((team) => (
            <List.Item key={team.bodyId}>
              {team.name}: {counts(team.execution)}
            </List.Item>
          ))}
        </List>
      </section>
      {control.planChanges.length > 0 && (
        <section aria-labelledby="report-changes">
          <Title order={2} size="h3" id="report-changes">
            {t('control.planChanges')}
          </Title>
          <List size="sm">
            {control.planChanges.map((change) => (
              <List.Item key={change.id}>
                {describeChange(t, change)} ({t(`control.changeStatuses.${change.status}`)}){change.reason ? ` — ${change.reason}` : ''}
              </List.Item>
            ))}
          </List>
        </section>
      )}
      {figures.focuses.map((focus) => {
        const metrics = town.forum?.focuses.find((f) => f.id === focus.focusId)?.metrics ?? [];
        return (
          <section key={focus.focusId} className="print-focus" aria-label={focus.title} data-report-focus={focus.focusId}>
            <Title order={2}>{focus.title}</Title>
            {note(focus.focusId) && <Text style={{ whiteSpace: 'pre-wrap' }}>{note(focus.focusId)}</Text>}
            <Table withTableBorder my="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('metrics.name')}</Table.Th>
                  <Table.Th>{t('control.value')}</Table.Th>
                  <Table.Th>{t('control.expected')}</Table.Th>
                  <Table.Th>{t('metrics.target')}</Table.Th>
                  <Table.Th>{t('control.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {focus.metrics.map((m) => (
                  <Table.Tr key={m.metricId}>
                    <Table.Td>{m.name}</Table.Td>
                    <Table.Td>{m.value == null ? t('control.noValue') : format.number(m.value)}</Table.Td>
                    <Table.Td>{m.expected == null ? '—' : format.number(Math.round(m.expected * 100) / 100)}</Table.Td>
                    <Table.Td>{m.target == null ? '—' : format.number(m.target)}</Table.Td>
                    <Table.Td>{t(`metrics.statuses.${m.status}`)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Text size="sm">{counts(focus.execution)}</Text>
            {metrics.map((metric) => (
              <div key={metric.id} className="print-chart">
                <Title order={3} size="h5" id={`report-metric-${metric.id}`}>
                  {metric.name}
                </Title>
                <MetricChart metric={metric} titleId={`report-metric-${metric.id}`} />
              </div>
            ))}
          </section>
        );
      })}
    </Stack>
  );
}
