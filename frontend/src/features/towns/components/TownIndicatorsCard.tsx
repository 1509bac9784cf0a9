import { Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Sparkline } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import type { TownOverviewQuery } from '@/gql/graphql';
import { useFormat } from '@/hooks/useFormat';
import { languageMeta } from '@/lib/i18n';
import { betterWhen, changeText, figureText, figureWithChange, HEADLINE, series } from '@/lib/indicators';

type Indicators = NonNullable<TownOverviewQuery['town']>['indicators'];

/** The town's latest employment figures with their trend and change on a year earlier, so a
 * referent can bring them to the next meeting; the whole table is a click away. */
export function TownIndicatorsCard({ townId, indicators }: { townId: string; indicators: Indicators }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const rtl = languageMeta(i18n.language).dir === 'rtl';
  const latest = indicators.periods[0];
  return (
    <Card withBorder component="section" aria-labelledby="town-indicators">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3" id="town-indicators">
            {t('indicators.card')}
          </Title>
          <Anchor component={Link} to={`/towns/${townId}/indicators`}>
            {indicators.editable && !latest ? t('indicators.import') : t('indicators.all')}
          </Anchor>
        </Group>
        {!latest ? (
          <Text c="dimmed">{indicators.editable ? t('indicators.noneEditable') : t('indicators.none')}</Text>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              {t('indicators.latest', { period: latest.period, source: latest.source, date: format.date(latest.importedAt) })}
            </Text>
            <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }}>
              {HEADLINE.map((indicator) => {
                const { figure, change } = figureWithChange(indicators.periods, latest, indicator);
                const points = series(indicators.periods, indicator, rtl);
                const good = change == null || change === 0 ? undefined : Math.sign(change) === betterWhen(indicator);
                return (
                  <Stack key={indicator} gap={2} data-indicator={indicator}>
                    <Text size="sm">{t(`indicators.names.${indicator}`)}</Text>
                    <Text fw={700} size="lg">
                      {figureText(figure, format, t, indicators.threshold)}
                    </Text>
                    {change != null && (
                      <Text size="xs" c={good === undefined ? 'dimmed' : good ? 'teal.9' : 'red.9'}>
                        {t('indicators.changeValue', { change: changeText(indicator, change, format, t) })}
                      </Text>
                    )}
                    {points.length > 1 && <Sparkline h={32} data={points} curveType="linear" color="blue.7" fillOpacity={0.2} aria-label={t('indicators.trendOf', { name: t(`indicators.names.${indicator}`) })} role="img" />}
                  </Stack>
                );
              })}
            </SimpleGrid>
          </>
        )}
      </Stack>
    </Card>
  );
}
