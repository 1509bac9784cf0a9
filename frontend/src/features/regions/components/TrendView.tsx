import { Anchor, Card, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { LineChart } from '@mantine/charts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQuery } from 'urql';

import { ErrorState, Loading } from '@/components/PageState';
import type { Indicator } from '@/gql/graphql';
import { useFormat } from '@/hooks/useFormat';
import { languageMeta } from '@/lib/i18n';
import { figureText, INDICATOR_GROUPS } from '@/lib/indicators';
import { localName } from '@/lib/names';

import { TrendQuery } from '../api/queries';

/** Small multiples: one chosen indicator's last twelve quarters in every compared town, each
 * against the median of the towns shown (a dashed reference line); a chart leads to the town's
 * data. Withheld points are gaps. */
export function TrendView({ regionId }: { regionId: string | null }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [indicator, setIndicator] = useState<Indicator>('JOB_SEEKERS');
  const [{ data, fetching, error }, refetch] = useQuery({ query: TrendQuery, variables: { regionId, indicator } });
  const options = INDICATOR_GROUPS.map((group) => ({
    group: t(`indicators.groups.${group.key}`),
    items: group.indicators.map((i) => ({ value: i, label: t(`indicators.names.${i}`) })),
  }));
  const name = t(`indicators.names.${indicator}`);
  const trend = data?.comparison.trend;
  const threshold = data?.comparison.threshold ?? 10;
  // Time reads in the language's direction, as in the metric charts.
  const rtl = languageMeta(i18n.language).dir === 'rtl';
  const medianLabel = regionId ? t('indicators.median') : t('indicators.medianCountry');
  // One scale for every town, so the charts compare at a glance.
  const highest = Math.max(0, ...(trend?.towns.flatMap((row) => row.figures.map((f) => f.value ?? 0)) ?? []), ...(trend?.median.map((m) => m ?? 0) ?? []));
  return (
    <Stack>
      <Select label={t('indicators.pick')} data={options} value={indicator} onChange={(v) => v && setIndicator(v as Indicator)} allowDeselect={false} w={320} searchable />
      {error && <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
      {!trend && fetching && <Loading />}
      {trend && trend.towns.length === 0 && <Text c="dimmed">{t('compare.noRows')}</Text>}
      {trend && (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3, xl: 4 }} aria-label={t('indicators.trendOf', { name })}>
          {trend.towns.map((row) => {
            const town = localName(row.town, i18n.language);
            const last = row.figures[row.figures.length - 1];
            const median = trend.median[trend.median.length - 1];
            const points = trend.quarters.map((quarter, i) => ({ quarter, value: row.figures[i]?.value ?? null, median: trend.median[i] ?? null }));
            const label = t('indicators.chartLabel', {
              town,
              name,
              value: figureText(last, format, t, threshold),
              median: median == null ? '—' : figureText({ indicator, value: median }, format, t, threshold),
            });
            return (
              <Card withBorder key={row.town.id} padding="sm" data-town={row.town.nameEn}>
                <Anchor component={Link} to={`/towns/${row.town.id}/indicators`} fw={600}>
                  {town}
                </Anchor>
                <Text size="sm">{figureText(last, format, t, threshold)}</Text>
                <LineChart
                  h={120}
                  data={points}
                  dataKey="quarter"
                  withXAxis={false}
                  withDots={false}
                  connectNulls={false}
                  curveType="linear"
                  gridAxis="none"
                  xAxisProps={{ reversed: rtl }}
                  yAxisProps={{ width: 48, orientation: rtl ? 'right' : 'left', domain: [0, Math.ceil(highest * 1.05) || 1] }}
                  valueFormatter={(v) => format.number(Math.round(v * 10) / 10)}
                  series={[
                    { name: 'value', label: town, color: 'blue.7' },
                    { name: 'median', label: medianLabel, color: 'gray.7', strokeDasharray: '5 5' },
                  ]}
                  role="img"
                  aria-label={label}
                />
              </Card>
            );
          })}
        </SimpleGrid>
      )}
    </Stack>
  );
}
