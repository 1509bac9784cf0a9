import { LineChart } from '@mantine/charts';
import { Table, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import { ScrollTable } from '@/components/ScrollTable';
import { useFormat } from '@/hooks/useFormat';
import { languageMeta } from '@/lib/i18n';

import { parseQuarter, quartersBetween } from './quarters';

type Point = { quarter: string; value: number };
type PathPoint = { quarter: string; expected: number };

export type ChartMetric = {
  name: string;
  baseline?: number | null;
  target?: number | null;
  measurements: Point[];
  path: PathPoint[];
};

/** Rows of the chart and its table: every quarter from the first known to the last. */
function rowsOf(metric: ChartMetric) {
  const known = [...metric.measurements.map((m) => m.quarter), ...metric.path.map((p) => p.quarter)].sort();
  const first = known[0];
  const last = known[known.length - 1];
  if (!first || !last) return [];
  return quartersBetween(first, last).map((quarter) => ({
    quarter,
    value: metric.measurements.find((m) => m.quarter === quarter)?.value ?? null,
    expected: metric.path.find((p) => p.quarter === quarter)?.expected ?? null,
  }));
}

/** How a quarter reads on an axis: `Q3 26` / `3/26`, short enough for ten years of ticks. */
function useQuarterTick() {
  const { i18n } = useTranslation();
  const hebrew = languageMeta(i18n.language).dir === 'rtl';
  return (text: string) => {
    const q = parseQuarter(text);
    if (!q) return text;
    return hebrew ? `${q.quarter}/${String(q.year).slice(2)}` : `Q${q.quarter} ${String(q.year).slice(2)}`;
  };
}

/**
 * A metric's quarters with the straight path to its target and the baseline and target lines.
 * In right-to-left languages time runs right to left and the value axis stands on the right.
 */
export function MetricChart({ metric, titleId }: { metric: ChartMetric; titleId: string }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const tick = useQuarterTick();
  const rtl = languageMeta(i18n.language).dir === 'rtl';
  const rows = rowsOf(metric);
  if (rows.length === 0) return null;
  const referenceLines = [
    ...(metric.target != null ? [{ y: metric.target, label: t('metrics.target'), color: 'teal.7' }] : []),
    ...(metric.baseline != null ? [{ y: metric.baseline, label: t('metrics.baseline'), color: 'gray.6' }] : []),
  ];
  return (
    <figure aria-labelledby={titleId} style={{ margin: 0 }}>
      <VisuallyHidden>{t('metrics.chartDescription', { name: metric.name })}</VisuallyHidden>
      <LineChart
        h={220}
        data={rows}
        dataKey="quarter"
        series={[
          { name: 'value', label: t('metrics.measured'), color: 'blue.7' },
          { name: 'expected', label: t('metrics.path'), color: 'orange.6', strokeDasharray: '6 4' },
        ]}
        referenceLines={referenceLines}
        connectNulls
        withLegend
        legendProps={{ verticalAlign: 'bottom' }}
        curveType="linear"
        valueFormatter={(value) => format.number(value)}
        xAxisProps={{ reversed: rtl, tickFormatter: tick, minTickGap: 16 }}
        yAxisProps={{ orientation: rtl ? 'right' : 'left', width: 56, domain: ['auto', 'auto'] }}
      />
    </figure>
  );
}

/** The same numbers as a table, newest first: what a screen reader or a printout reads. */
export function MetricTable({ metric, caption }: { metric: ChartMetric & { measurements: (Point & { note?: string | null; recordedBy?: string | null })[] }; caption: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const label = (text: string) => {
    const q = parseQuarter(text);
    return q ? format.quarter(q.year, q.quarter) : text;
  };
  const rows = [...metric.measurements].reverse();
  return (
    <ScrollTable minWidth={420} mah={320} label={caption}>
      <Table striped stickyHeader>
        <caption style={{ captionSide: 'top', textAlign: 'start' }}>{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('metrics.quarter')}</Table.Th>
            <Table.Th scope="col">{t('metrics.value')}</Table.Th>
            <Table.Th scope="col">{t('metrics.path')}</Table.Th>
            <Table.Th scope="col">{t('metrics.note')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((m) => (
            <Table.Tr key={m.quarter}>
              <Table.Td>{label(m.quarter)}</Table.Td>
              <Table.Td>{format.number(m.value)}</Table.Td>
              <Table.Td>{format.number(metric.path.find((p) => p.quarter === m.quarter)?.expected ?? null)}</Table.Td>
              <Table.Td>{m.note ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
