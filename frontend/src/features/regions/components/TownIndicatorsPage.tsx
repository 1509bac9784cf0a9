import { Anchor, Button, Code, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { Sparkline } from '@mantine/charts';
import { IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';

import { ScrollTable } from '@/components/ScrollTable';
import { type ImportChange, ImportDialog } from '@/components/ImportDialog';
import { ErrorState, Loading } from '@/components/PageState';
import type { Indicator } from '@/gql/graphql';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';
import { useFormat } from '@/hooks/useFormat';
import { languageMeta } from '@/lib/i18n';
import { changeText, figureText, figureWithChange, INDICATOR_GROUPS, series } from '@/lib/indicators';
import { localName } from '@/lib/names';

import { TownIndicatorsQuery } from '../api/queries';

type IndicatorChange = ImportChange & { townName: string; period: string; indicator: Indicator };

/** A town's employment indicators (`/towns/:townId/indicators`): every indicator by period,
 * newest first, with its trend and change on a year earlier; those who may import a BI file here
 * (preview, then all or nothing). Small counts are withheld for viewers outside the town. */
export default function TownIndicatorsPage() {
  const { townId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const rtl = languageMeta(i18n.language).dir === 'rtl';
  const [{ data, fetching, error }, refetch] = useQuery({ query: TownIndicatorsQuery, variables: { id: townId } });
  const [importing, setImporting] = useState(false);
  const [source, setSource] = useState('');
  const town = data?.town;
  const name = localName(town, i18n.language);
  useDocumentTitle(town && t('indicators.title', { town: name }));
  if (error) return <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!town) return fetching ? <Loading /> : null;
  const { periods, threshold, exact, editable } = town.indicators;
  const latest = periods[0];
  const shown = periods.slice(0, 8);
  const reload = () => refetch({ requestPolicy: 'network-only' });

  return (
    <Stack>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Anchor component={Link} to={`/towns/${town.id}`} size="sm">
            {name}
          </Anchor>
          <Title order={1}>{t('indicators.title', { town: name })}</Title>
          {latest && (
            <Text c="dimmed" size="sm">
              {t('indicators.latest', { period: latest.period, source: latest.source, date: format.date(latest.importedAt) })}
            </Text>
          )}
        </Stack>
        {editable && (
          <Button
            leftSection={<IconFileImport size={18} aria-hidden />}
            onClick={() => {
              setSource(t('indicators.defaultSource'));
              setImporting(true);
            }}
          >
            {t('indicators.import')}
          </Button>
        )}
      </Group>
      <Text size="sm">{exact ? t('indicators.exactNote', { threshold }) : t('indicators.smallNote', { threshold })}</Text>
      {!latest ? (
        <Text c="dimmed">{editable ? t('indicators.noneEditable') : t('indicators.none')}</Text>
      ) : (
        <ScrollTable minWidth={900} label={t('indicators.title', { town: name })}>
          <Table striped withColumnBorders stickyHeader>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('indicators.indicator')}</Table.Th>
                {shown.map((p) => (
                  <Table.Th key={p.period} scope="col">
                    {p.period}
                  </Table.Th>
                ))}
                <Table.Th scope="col">{t('indicators.change')}</Table.Th>
                <Table.Th scope="col">{t('indicators.trend')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            {INDICATOR_GROUPS.map((group) => (
              <Table.Tbody key={group.key}>
                <Table.Tr>
                  <Table.Th scope="colgroup" colSpan={shown.length + 3} bg="var(--mantine-color-gray-1)">
                    {t(`indicators.groups.${group.key}`)}
                  </Table.Th>
                </Table.Tr>
                {group.indicators.map((indicator) => {
                  const label = t(`indicators.names.${indicator}`);
                  const points = series(periods, indicator, rtl);
                  return (
                    <Table.Tr key={indicator} data-indicator={indicator}>
                      <Table.Th scope="row">{label}</Table.Th>
                      {shown.map((p) => (
                        <Table.Td key={p.period}>{figureText(p.figures.find((f) => f.indicator === indicator), format, t, threshold)}</Table.Td>
                      ))}
                      <Table.Td>{changeText(indicator, figureWithChange(periods, latest, indicator).change, format, t)}</Table.Td>
                      <Table.Td miw={110}>{points.length > 1 && <Sparkline w={100} h={28} data={points} curveType="linear" color="blue.7" role="img" aria-label={t('indicators.trendOf', { name: label })} />}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            ))}
          </Table>
        </ScrollTable>
      )}
      {importing && (
        <ImportDialog<IndicatorChange>
          title={t('indicators.importTitle')}
          path={(apply) => `/import/indicators?town=${town.id}&source=${encodeURIComponent(source.trim())}&apply=${apply}`}
          ready={source.trim().length > 0}
          columns={
            <>
              {t('indicators.importColumns')} <Code>תקופה</Code>, <Code>דורשי עבודה</Code>, <Code>דורשי עבודה נשים</Code>, <Code>מובטלים</Code>, <Code>כוח עבודה</Code>, <Code>שכר ממוצע</Code> / <Code>period</Code>, <Code>job seekers</Code>, <Code>unemployed</Code>, <Code>labour force</Code>
            </>
          }
          fields={<TextInput label={t('indicators.source')} description={t('indicators.sourceHint')} value={source} onChange={(e) => setSource(e.currentTarget.value)} required maxLength={200} />}
          changeColumns={[
            { header: t('indicators.period'), cell: (c) => c.period },
            { header: t('indicators.indicator'), cell: (c) => t(`indicators.names.${c.indicator}`) },
          ]}
          onClose={(imported) => {
            setImporting(false);
            if (imported) reload();
          }}
        />
      )}
    </Stack>
  );
}
