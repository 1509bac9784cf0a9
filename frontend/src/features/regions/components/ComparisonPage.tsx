import { Anchor, Button, Group, SegmentedControl, Select, Stack, Table, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { IconArrowsSort, IconDownload, IconSearch, IconSortAscending, IconSortDescending } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';

import { ScrollTable } from '@/components/ScrollTable';
import { ErrorState, Loading } from '@/components/PageState';
import type { ComparisonQuery as ComparisonData, FigureFieldsFragment, HealthSignalKind, Indicator, ShareFieldsFragment, Stage, TotalsFieldsFragment } from '@/gql/graphql';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useFormat } from '@/hooks/useFormat';
import { downloadWithSession } from '@/lib/download';
import { betterWhen, changeText, figureText } from '@/lib/indicators';
import { localName } from '@/lib/names';

import { ComparisonQuery } from '../api/queries';
import { TrendView } from './TrendView';

type Row = ComparisonData['comparison']['rows'][number];
type Format = ReturnType<typeof useFormat> & { threshold: number };
/** A line of many towns: the sums of the forum figures and the indicators computed from sums. */
type Line = TotalsFieldsFragment & { indicators: FigureFieldsFragment[] };
const STAGES: Stage[] = ['KICK_OFF', 'MAPPING_AND_PLANNING', 'IMPLEMENTATION'];

/** A column: how a town's cell reads and sorts, which way is better (for the heat map), and
 * how a line of many towns reads. */
type Column = {
  key: string;
  value: (row: Row) => number | null;
  cell: (row: Row, t: TFunction, format: Format) => string;
  /** `1` when more is better, `-1` when less is, `0` when neither (no colour). */
  better: 1 | -1 | 0;
  total: (totals: Line, t: TFunction, format: Format) => string;
  link?: (row: Row, quarter: string) => string;
  /** The column's heading, when it is not `compare.columns.<key>`. */
  header?: (t: TFunction) => string;
};

const percent = (format: Format, value: number | null | undefined) => (value == null ? '—' : `${format.number(Math.round(value * 100))}%`);
const share = (format: Format, s: ShareFieldsFragment) => (s.whole === 0 ? '—' : `${percent(format, s.value)} (${format.number(s.part)}/${format.number(s.whole)})`);
const signal = (row: Row, kind: HealthSignalKind) => row.health.find((h) => h.kind === kind);
const healthTotal = (kind: HealthSignalKind) => (totals: TotalsFieldsFragment, t: TFunction, format: Format) => {
  const ok = totals.health.find((h) => h.kind === kind)?.ok;
  return ok && ok.whole > 0 ? t('compare.townsOk', { part: format.number(ok.part), whole: format.number(ok.whole) }) : '—';
};

/** The employment indicators the server compares (in its order), each with its change. */
const COMPARED: Indicator[] = ['JOB_SEEKERS', 'JOB_SEEKERS_WOMEN', 'JOB_SEEKERS_AGE_18_30', 'UNEMPLOYMENT_RATE', 'AVERAGE_WAGE', 'EMPLOYERS', 'JOBS'];

function indicatorColumns(): Column[] {
  const text = (figure: FigureFieldsFragment | undefined, t: TFunction, f: Format) => {
    if (!figure) return '—';
    const change = changeText(figure.indicator, figure.change, f, t);
    return change ? `${figureText(figure, f, t, f.threshold)} (${change})` : figureText(figure, f, t, f.threshold);
  };
  const of = (figures: FigureFieldsFragment[], indicator: Indicator) => figures.find((x) => x.indicator === indicator);
  return COMPARED.map((indicator) => ({
    key: indicator,
    value: (r) => of(r.indicators, indicator)?.value ?? null,
    cell: (r, t, f) => text(of(r.indicators, indicator), t, f),
    better: betterWhen(indicator),
    total: (x, t, f) => text(of(x.indicators, indicator), t, f),
    link: (r) => `/towns/${r.town.id}/indicators`,
    header: (t) => t(`indicators.names.${indicator}`),
  }));
}

const COLUMNS: Column[] = [
  { key: 'stage', value: (r) => (r.stage ? STAGES.indexOf(r.stage) + 1 : null), cell: (r, t) => (r.stage ? t(`stages.${r.stage}`) : '—'), better: 0, total: (x, t) => t('compare.townCount', { count: x.towns }) },
  { key: 'milestones', value: (r) => r.milestones.value ?? null, cell: (r, _t, f) => `${f.number(r.milestones.part)}/${f.number(r.milestones.whole)}`, better: 1, total: (x, _t, f) => share(f, x.milestones) },
  { key: 'attendance', value: (r) => signal(r, 'ATTENDANCE')?.value ?? null, cell: (r, _t, f) => percent(f, signal(r, 'ATTENDANCE')?.value), better: 1, total: healthTotal('ATTENDANCE') },
  { key: 'cadence', value: (r) => signal(r, 'FORUM_CADENCE')?.value ?? null, cell: (r, t) => { const v = signal(r, 'FORUM_CADENCE')?.value; return v == null ? '—' : t('compare.days', { count: v }); }, better: -1, total: healthTotal('FORUM_CADENCE') },
  { key: 'sectors', value: (r) => signal(r, 'SECTOR_COVERAGE')?.value ?? null, cell: (r, _t, f) => { const v = signal(r, 'SECTOR_COVERAGE')?.value; return v == null ? '—' : `${f.number(v)}/7`; }, better: 1, total: healthTotal('SECTOR_COVERAGE') },
  { key: 'seniority', value: (r) => signal(r, 'SENIORITY_MIX')?.value ?? null, cell: (r, _t, f) => percent(f, signal(r, 'SENIORITY_MIX')?.value), better: 1, total: healthTotal('SENIORITY_MIX') },
  { key: 'teams', value: (r) => r.activeTeams, cell: (r, _t, f) => f.number(r.activeTeams), better: 1, total: (x, _t, f) => f.number(x.activeTeams) },
  { key: 'openTasks', value: (r) => r.openTasks, cell: (r, _t, f) => f.number(r.openTasks), better: 0, total: (x, _t, f) => f.number(x.openTasks) },
  { key: 'overdueTasks', value: (r) => r.overdueTasks, cell: (r, _t, f) => f.number(r.overdueTasks), better: -1, total: (x, _t, f) => f.number(x.overdueTasks), link: (r) => `/towns/${r.town.id}/plan` },
  { key: 'openDecisions', value: (r) => r.openDecisions, cell: (r, _t, f) => f.number(r.openDecisions), better: 0, total: (x, _t, f) => f.number(x.openDecisions) },
  { key: 'overdueDecisions', value: (r) => r.overdueDecisions, cell: (r, _t, f) => f.number(r.overdueDecisions), better: -1, total: (x, _t, f) => f.number(x.overdueDecisions), link: (r) => `/towns/${r.town.id}/decisions` },
  { key: 'focuses', value: (r) => r.focuses.reduce((n, k) => n + k.count, 0), cell: (r, t, f) => r.focuses.map((k) => `${t(`focuses.kinds.${k.kind}`)} ${f.number(k.count)}`).join(' · ') || '—', better: 0, total: (x, _t, f) => f.number(x.focuses.reduce((n, k) => n + k.count, 0)), link: (r) => `/towns/${r.town.id}/focuses` },
  { key: 'onTrack', value: (r) => r.onTrack.value ?? null, cell: (r, _t, f) => share(f, r.onTrack), better: 1, total: (x, _t, f) => share(f, x.onTrack) },
  { key: 'control', value: (r) => (r.controlApproved ? 1 : 0), cell: (r, t) => (r.controlApproved ? t('compare.approved') : t('compare.notApproved')), better: 1, total: (x, _t, f) => share(f, x.controlsApproved), link: (r, q) => `/towns/${r.town.id}/control?quarter=${q}` },
  ...indicatorColumns(),
];

function SortIcon({ active, descending }: { active: boolean; descending: boolean }) {
  const Icon = !active ? IconArrowsSort : descending ? IconSortDescending : IconSortAscending;
  return <Icon size={14} aria-hidden />;
}

/** Sequential blues (colour-blind safe); the value is always written in the cell too. */
const HEAT = ['var(--mantine-color-blue-0)', 'var(--mantine-color-blue-1)', 'var(--mantine-color-blue-2)', 'var(--mantine-color-blue-3)', 'var(--mantine-color-blue-4)'];

/** Each coloured column's lowest and highest value, read once per render rather than per cell. */
function rangesOf(rows: Row[]): Map<string, [number, number]> {
  const ranges = new Map<string, [number, number]>();
  for (const column of COLUMNS) {
    if (column.better === 0) continue;
    const values = rows.map(column.value).filter((v): v is number => v != null);
    if (values.length > 0) ranges.set(column.key, [Math.min(...values), Math.max(...values)]);
  }
  return ranges;
}

function heat(column: Column, ranges: Map<string, [number, number]>, row: Row): string | undefined {
  const value = column.value(row);
  const range = ranges.get(column.key);
  if (column.better === 0 || value == null || !range) return undefined;
  const [min, max] = range;
  if (max === min) return HEAT[2];
  const good = column.better === 1 ? (value - min) / (max - min) : (max - value) / (max - min);
  return HEAT[Math.min(HEAT.length - 1, Math.floor(good * HEAT.length))];
}

const sticky = { position: 'sticky', insetInlineStart: 0, zIndex: 2, background: 'var(--mantine-color-body)' } as const;

/** Towns side by side for a region (`/regions/:regionId/compare`) or the country (`/compare`):
 * a sortable table or a heat map of the same columns, with the region's and the country's
 * lines; every cell leads to the town page behind it. */
export default function ComparisonPage() {
  const { regionId } = useParams();
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const [{ data, fetching, error }, refetch] = useQuery({ query: ComparisonQuery, variables: { regionId: regionId ?? null } });
  const sortKey = params.get('sort') ?? 'town';
  const descending = params.get('dir') === 'desc';
  const initial = params.get('view');
  const [view, setView] = useState<'table' | 'heat' | 'trend'>(initial === 'heat' || initial === 'trend' ? initial : 'table');
  const region = data?.regions.find((r) => r.id === regionId);
  const title = regionId ? t('compare.regionTitle', { region: localName(region, i18n.language) }) : t('compare.title');
  useDocumentTitle(data && title);
  if (error) return <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!data) return fetching ? <Loading /> : null;
  const comparison = data.comparison;
  const numbers: Format = { ...format, threshold: comparison.threshold };
  const name = (row: Row) => localName(row.town, i18n.language);
  const column = COLUMNS.find((c) => c.key === sortKey);
  const needle = (params.get('q') ?? '').trim().toLowerCase();
  const stageFilter = params.get('stage');
  const shown = comparison.rows.filter(
    (row) => (!needle || `${row.town.nameHe} ${row.town.nameEn} ${row.town.nameAr ?? ''}`.toLowerCase().includes(needle)) && (!stageFilter || row.stage === stageFilter),
  );
  const rows = shown.sort((a, b) => {
    const order = column ? (column.value(a) ?? -Infinity) - (column.value(b) ?? -Infinity) : name(a).localeCompare(name(b), i18n.language);
    return descending ? -order : order;
  });
  const ranges = rangesOf(rows);
  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const sortBy = (key: string) => {
    const next = new URLSearchParams(params);
    next.set('sort', key);
    next.set('dir', sortKey === key && !descending ? 'desc' : 'asc');
    setParams(next, { replace: true });
  };
  const ariaSort = (key: string) => (sortKey === key ? (descending ? 'descending' : 'ascending') : 'none');
  const exportPath = (ext: string) => `/export/comparison/towns.${ext}?lang=${i18n.language}${regionId ? `&region=${regionId}` : ''}`;
  const lines: [string, Line | null][] = [
    [regionId ? t('compare.regionLine', { region: localName(region, i18n.language) }) : '', comparison.regionTotals && comparison.regionIndicators ? { ...comparison.regionTotals, indicators: comparison.regionIndicators } : null],
    [t('compare.countryLine'), { ...comparison.countryTotals, indicators: comparison.countryIndicators }],
  ];

  return (
    <Stack>
      <Title order={1}>{title}</Title>
      <Group justify="space-between" wrap="wrap">
        <Group gap="xs">
          <SegmentedControl
            aria-label={t('compare.view')}
            value={view}
            onChange={(v) => {
              setView(v as 'table' | 'heat' | 'trend');
              const next = new URLSearchParams(params);
              next.set('view', v);
              setParams(next, { replace: true });
            }}
            data={[
              { value: 'table', label: t('compare.table') },
              { value: 'heat', label: t('compare.heat') },
              { value: 'trend', label: t('compare.trends') },
            ]}
          />
          <TextInput aria-label={t('compare.filter')} placeholder={t('compare.filter')} leftSection={<IconSearch size={16} aria-hidden />} value={params.get('q') ?? ''} onChange={(e) => setParam('q', e.currentTarget.value)} w={200} />
          <Select aria-label={t('compare.stageFilter')} placeholder={t('compare.stageFilter')} clearable w={220} data={STAGES.map((s) => ({ value: s, label: t(`stages.${s}`) }))} value={stageFilter} onChange={(v) => setParam('stage', v)} />
          {!regionId && (
            <Select aria-label={t('towns.region')} placeholder={t('compare.pickRegion')} w={200} data={data.regions.map((r) => ({ value: r.id, label: localName(r, i18n.language) }))} value={null} onChange={(id) => id && navigate(`/regions/${id}/compare`)} />
          )}
        </Group>
        <Group gap="xs">
          {regionId && (
            <Button component={Link} to={`/regions/${regionId}/employers`} variant="light">
              {t('surveys.nav')}
            </Button>
          )}
          <Button variant="light" leftSection={<IconDownload size={16} aria-hidden />} onClick={() => void downloadWithSession(exportPath('xlsx'), 'comparison.xlsx')}>
            {t('compare.exportXlsx')}
          </Button>
          <Button variant="light" leftSection={<IconDownload size={16} aria-hidden />} onClick={() => void downloadWithSession(exportPath('csv'), 'comparison.csv')}>
            {t('compare.exportCsv')}
          </Button>
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        {t('compare.intro', { quarter: comparison.quarter })} {comparison.indicatorQuarter && t('compare.indicatorsIntro', { quarter: comparison.indicatorQuarter })} {t('indicators.smallNote', { threshold: comparison.threshold })}
      </Text>
      {view === 'trend' ? (
        <TrendView regionId={regionId ?? null} />
      ) : (
      <ScrollTable minWidth={2200} label={title} mah="75vh">
        <Table stickyHeader striped={view === 'table'} withColumnBorders data-view={view}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" style={{ ...sticky, zIndex: 3 }} aria-sort={ariaSort('town')}>
                <UnstyledButton onClick={() => sortBy('town')} fw={700} fz="sm">
                  <Group gap={4} wrap="nowrap">
                    {t('compare.columns.town')} <SortIcon active={sortKey === 'town'} descending={descending} />
                  </Group>
                </UnstyledButton>
              </Table.Th>
              {COLUMNS.map((c) => (
                <Table.Th key={c.key} scope="col" aria-sort={ariaSort(c.key)}>
                  <UnstyledButton onClick={() => sortBy(c.key)} fw={700} fz="sm" data-sort={c.key}>
                    <Group gap={4} wrap="nowrap">
                      {c.header ? c.header(t) : t(`compare.columns.${c.key}`)} <SortIcon active={sortKey === c.key} descending={descending} />
                    </Group>
                  </UnstyledButton>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.town.id} data-town={row.town.nameEn}>
                <Table.Th scope="row" style={sticky}>
                  <Anchor component={Link} to={`/towns/${row.town.id}`}>
                    {name(row)}
                  </Anchor>
                </Table.Th>
                {COLUMNS.map((c) => {
                  const text = c.cell(row, t, numbers);
                  return (
                    <Table.Td key={c.key} data-column={c.key} style={view === 'heat' ? { background: heat(c, ranges, row), color: 'var(--mantine-color-black)' } : undefined}>
                      {c.link ? (
                        <Anchor component={Link} to={c.link(row, comparison.quarter)} c={view === 'heat' ? 'black' : undefined} underline={view === 'heat' ? 'always' : 'hover'}>
                          {text}
                        </Anchor>
                      ) : (
                        text
                      )}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
            {rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={COLUMNS.length + 1}>{comparison.rows.length > 0 ? t('compare.noMatch') : t('compare.noRows')}</Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
          <Table.Tfoot>
            {lines.map(([label, totals]) =>
              totals ? (
                <Table.Tr key={label} data-line={label}>
                  <Table.Th scope="row" style={sticky}>
                    {label}
                  </Table.Th>
                  {COLUMNS.map((c) => (
                    <Table.Td key={c.key} fw={600}>
                      {c.total(totals, t, numbers)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ) : null,
            )}
          </Table.Tfoot>
        </Table>
      </ScrollTable>
      )}
    </Stack>
  );
}
