import { Card, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';

import { ScrollTable } from '@/components/ScrollTable';
import type { SurveySummaryFieldsFragment } from '@/gql/graphql';
import { useFormat } from '@/hooks/useFormat';

type Count = { value?: number | null; withheld?: string | null };

/** A count of employers as the viewer may see it: "<10" or "withheld" outside the town. */
export function useCountText(threshold: number) {
  const { t } = useTranslation();
  const format = useFormat();
  return (c: Count) => (c.value != null ? format.number(c.value) : c.withheld === 'SMALL' ? t('surveys.withheld', { threshold }) : t('surveys.withheldComplementary'));
}

/** What a round (or a region's year) adds up to: positions by occupation, industries, hiring horizon and training needs. */
export function SurveyResults({ summary }: { summary: SurveySummaryFieldsFragment }) {
  const threshold = summary.threshold;
  const { t } = useTranslation();
  const format = useFormat();
  const countText = useCountText(threshold);
  const horizons = summary.horizons.map((h) => ({ answer: t(`surveys.horizons.${h.answer}`), employers: h.employers.value ?? 0 }));
  const industries = summary.industries.filter((i) => i.employers.value !== 0);
  return (
    <Stack data-testid="survey-results">
      {!summary.exact && (
        <Text size="sm" c="dimmed">
          {t('surveys.notExact', { threshold })}
        </Text>
      )}
      <Group3 summary={summary} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={3} size="h5" mb="xs">
            {t('surveys.byOccupation')}
          </Title>
          {summary.byOccupation.length === 0 ? (
            <Text size="sm">{t('surveys.noAnswers')}</Text>
          ) : (
            <ScrollTable minWidth={280} label={t('surveys.byOccupation')}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('surveys.columns.occupation')}</Table.Th>
                    <Table.Th>{t('surveys.columns.code')}</Table.Th>
                    <Table.Th>{t('surveys.columns.count')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {summary.byOccupation.map((o) => (
                    <Table.Tr key={`${o.occupation}-${o.code ?? ''}`}>
                      <Table.Td>
                        <bdi>{o.occupation}</bdi>
                      </Table.Td>
                      <Table.Td>{o.code}</Table.Td>
                      <Table.Td>{format.number(o.positions)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )}
        </Card>
        <Card withBorder>
          <Title order={3} size="h5" mb="xs">
            {t('surveys.horizon')}
          </Title>
          <BarChart h={200} data={horizons} dataKey="answer" series={[{ name: 'employers', color: 'blue.8', label: t('surveys.columns.company') }]} orientation="vertical" yAxisProps={{ width: 150 }} />
          <List size="sm" mt="xs">
            {summary.horizons.map((h) => (
              <List.Item key={h.answer}>
                {t(`surveys.horizons.${h.answer}`)}: {countText(h.employers)}
              </List.Item>
            ))}
          </List>
        </Card>
        <Card withBorder>
          <Title order={3} size="h5" mb="xs">
            {t('surveys.byIndustry')}
          </Title>
          <List size="sm">
            {industries.map((i) => (
              <List.Item key={i.answer}>
                {t(`surveys.industries.${i.answer}`)}: {countText(i.employers)}
                {(() => {
                  const positions = summary.industryPositions.find((p) => p.industry === i.answer)?.positions;
                  return positions ? ` · ${t('surveys.openPositionsTotal')}: ${format.number(positions)}` : '';
                })()}
              </List.Item>
            ))}
          </List>
        </Card>
        <Card withBorder>
          <Title order={3} size="h5" mb="xs">
            {t('surveys.trainingNeeds')}
          </Title>
          <List size="sm">
            {summary.trainingNeeds.map((n) => (
              <List.Item key={n.answer}>
                {t(`surveys.trainingNeeds.${n.answer}`)}: {countText(n.employers)}
              </List.Item>
            ))}
          </List>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}

function Group3({ summary }: { summary: SurveySummaryFieldsFragment }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }}>
      <Text size="xl" fw={700}>
        {t('surveys.responses', { count: summary.responses })}
      </Text>
      <Text size="xl" fw={700}>
        {t('surveys.openPositionsTotal')}: {format.number(summary.openPositions)}
      </Text>
      <Text size="sm">{t('surveys.wantsHelp', { count: summary.wantsHiringHelp })}</Text>
      <Text size="sm">
        {t('surveys.wantsCommunity', { count: summary.wantsCommunity })}
        {summary.satisfaction != null && (
          <>
            <br />
            {t('surveys.satisfactionMean', { value: format.number(Math.round(summary.satisfaction * 10) / 10) })}
          </>
        )}
      </Text>
    </SimpleGrid>
  );
}
