import { Anchor, Badge, Button, Card, Group, List, Select, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';

import { ScrollTable } from '@/components/ScrollTable';
import { FormError } from '@/components/FormError';
import { ErrorState, Loading } from '@/components/PageState';
import type { YearSummaryQuery as YearSummaryData } from '@/gql/graphql';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useFormat } from '@/hooks/useFormat';
import { useJustSaved } from '@/hooks/useJustSaved';
import { useProblem } from '@/hooks/useProblem';
import { downloadWithSession } from '@/lib/download';
import { localName } from '@/lib/names';

import { yearSummaryChanged } from '../api/changes';
import { SaveYearSummaryMutation, YearSummaryQuery } from '../api/queries';
import { parseQuarter } from './quarters';

type Summary = NonNullable<YearSummaryData['town']['forum']>['yearSummary'];
type Counts = Summary['execution'];
const SECTIONS = ['products', 'successes', 'efforts', 'challenges', 'lessons'] as const;
type Section = (typeof SECTIONS)[number];
type Texts = Record<string, Record<Section, string>>;

function CountsText({ counts }: { counts: Counts }) {
  const { t } = useTranslation();
  return <Text size="sm">{t('year.export.counts', { due: counts.due, done: counts.done, late: counts.late, dropped: counts.dropped, open: counts.open })}</Text>;
}

/** Stateful form for one year; mount with `key` so a refetch starts it afresh. `saved` says this
 * version is the one the user just saved here (the notice outlives the refetch the save starts). */
function YearForm({ townId, forumId, summary, canEdit, saved: justSaved, onSaved }: { townId: string; forumId: string; summary: Summary; canEdit: boolean; saved: boolean; onSaved: (version: number) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [, save] = useMutation(SaveYearSummaryMutation);
  const { problem, report } = useProblem();
  const [overall, setOverall] = useState(summary.overall);
  const [texts, setTexts] = useState<Texts>(() => Object.fromEntries(summary.focuses.map((f) => [f.focusId, { products: f.texts.products, successes: f.texts.successes, efforts: f.texts.efforts, challenges: f.texts.challenges, lessons: f.texts.lessons }])));
  const [version, setVersion] = useState(summary.version);
  const [saved, setSaved] = useState(justSaved);
  const quarterLabel = (text: string | null | undefined) => {
    const q = text ? parseQuarter(text) : null;
    return q ? format.quarter(q.year, q.quarter) : '';
  };
  const value = (v: number | null | undefined) => (v == null ? '—' : format.number(Math.round(v * 100) / 100));

  async function submit() {
    const input = { overall, focuses: Object.entries(texts).map(([focusId, text]) => ({ focusId, ...text })) };
    const result = await save({ forumId, year: summary.year, input, version: version || null }, yearSummaryChanged);
    const ok = report(result);
    setSaved(ok);
    if (ok && result.data) {
      setVersion(result.data.saveYearSummary.version);
      onSaved(result.data.saveYearSummary.version);
    }
  }

  return (
    <Stack gap="lg">
      <Card withBorder component="section" aria-labelledby="year-overall">
        <Stack gap="xs">
          <Title order={2} size="h3" id="year-overall">
            {t('year.execution')}
          </Title>
          <CountsText counts={summary.execution} />
          <Textarea label={t('year.overall')} autosize minRows={3} value={overall} onChange={(e) => setOverall(e.currentTarget.value)} readOnly={!canEdit} />
        </Stack>
      </Card>
      {summary.focuses.length === 0 && <Text c="dimmed">{t('year.noFocuses')}</Text>}
      {summary.focuses.map((focus) => (
        <Card key={focus.focusId} withBorder component="section" aria-label={focus.title} data-year-focus={focus.focusId}>
          <Stack gap="sm">
            <Title order={2} size="h3">
              {focus.title}
            </Title>
            {focus.metrics.length > 0 && (
              <ScrollTable minWidth={560} label={t('year.movement')} stackOnPhone>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('year.export.metric')}</Table.Th>
                      <Table.Th scope="col">{t('year.export.from')}</Table.Th>
                      <Table.Th scope="col">{t('year.export.to')}</Table.Th>
                      <Table.Th scope="col">{t('year.export.change')}</Table.Th>
                      <Table.Th scope="col">{t('year.export.target')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {focus.metrics.map((m) => (
                      <Table.Tr key={m.metricId} data-year-metric={m.metricId}>
                        <Table.Td fw={500}>{m.name}</Table.Td>
                        <Table.Td data-label={t('year.export.from')}>{m.fromValue == null ? '—' : `${value(m.fromValue)} (${quarterLabel(m.fromQuarter)})`}</Table.Td>
                        <Table.Td data-label={t('year.export.to')}>{m.toValue == null ? '—' : `${value(m.toValue)} (${quarterLabel(m.toQuarter)})`}</Table.Td>
                        <Table.Td data-label={t('year.export.change')}>{m.change == null ? t('year.noMovement') : `${m.change > 0 ? '+' : ''}${value(m.change)}`}</Table.Td>
                        <Table.Td data-label={t('year.export.target')}>{value(m.target)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollTable>
            )}
            <CountsText counts={focus.execution} />
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {SECTIONS.map((section) => (
                <Textarea
                  key={section}
                  label={t(`year.sections.${section}`)}
                  autosize
                  minRows={2}
                  readOnly={!canEdit}
                  value={texts[focus.focusId]?.[section] ?? ''}
                  onChange={(e) => {
                    const text = e.currentTarget.value;
                    setTexts((current) => {
                      const before = current[focus.focusId] ?? { products: '', successes: '', efforts: '', challenges: '', lessons: '' };
                      return { ...current, [focus.focusId]: { ...before, [section]: text } };
                    });
                  }}
                />
              ))}
            </SimpleGrid>
          </Stack>
        </Card>
      ))}
      <Card withBorder component="section" aria-labelledby="year-quarters">
        <Title order={2} size="h3" id="year-quarters" mb="xs">
          {t('year.quarters')}
        </Title>
        <List spacing="xs">
          {summary.quarters.map((q) => (
            <List.Item key={q.quarter}>
              <Group gap={6}>
                <Anchor component={Link} to={`/towns/${townId}/control?quarter=${q.quarter}`}>
                  {quarterLabel(q.quarter)}
                </Anchor>
                <Badge variant="light" color={q.status === 'APPROVED' ? 'teal' : 'gray'}>
                  {t(`control.statuses.${q.status}`)}
                </Badge>
              </Group>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {q.summary || t('year.noControl')}
              </Text>
            </List.Item>
          ))}
        </List>
      </Card>
      <FormError message={problem} />
      {saved && !problem && (
        <Text role="status" size="sm" c="teal.9">
          {t('year.saved')}
        </Text>
      )}
      {canEdit && (
        <Group justify="flex-end">
          <Button onClick={submit}>{t('year.save')}</Button>
        </Group>
      )}
    </Stack>
  );
}

/** A forum's year: the four controls gathered, the metric movement and plan execution per
 * focus, and the texts the forum writes for its seventh meeting; exported to Word. */
export default function YearSummaryPage() {
  const { townId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const year = Number(params.get('year')) || thisYear;
  const [{ data, fetching, error }, refetch] = useQuery({ query: YearSummaryQuery, variables: { townId, year } });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const justSaved = useJustSaved(String(year));
  const town = data?.town;
  const townName = localName(town, i18n.language);
  const title = t('year.pageTitle', { town: townName, year });
  useDocumentTitle(townName && title);
  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!town?.forum) return fetching ? <Loading /> : null;
  const forum = town.forum;
  const years = Array.from({ length: 5 }, (_, i) => String(thisYear - i));
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/towns/${townId}`} size="sm">
        {townName}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Title order={1}>{title}</Title>
        <Group gap="xs">
          <Button variant="light" leftSection={<IconDownload size={18} aria-hidden />} onClick={() => void downloadWithSession(`/export/year-summary/${forum.id}.docx?year=${year}&lang=${i18n.language}`, `year-summary-${year}.docx`)}>
            {t('year.download')}
          </Button>
          <Select aria-label={t('year.year')} w={110} allowDeselect={false} data={years} value={String(year)} onChange={(v) => v && setParams({ year: v })} />
        </Group>
      </Group>
      <Text c="dimmed">{t('year.intro')}</Text>
      <YearForm key={`${year}:${forum.yearSummary.version}`} townId={townId} forumId={forum.id} summary={forum.yearSummary} canEdit={town.viewerMay.editForum} saved={justSaved.isJustSaved(forum.yearSummary.version)} onSaved={justSaved.markSaved} />
    </Stack>
  );
}
