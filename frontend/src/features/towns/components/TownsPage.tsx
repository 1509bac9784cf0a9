import { Anchor, Group, Select, Stack, Table, Text, TextInput, Title, Button } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';

import { ScrollTable } from '@/components/ScrollTable';
import { EmptyState, ErrorState, Loading } from '@/components/PageState';
import { columnLabels, SortableTh, useSort } from '@/components/SortableTh';
import type { TownsQuery as TownsPageData } from '@/gql/graphql';
import { useFormat } from '@/hooks/useFormat';
import { localName } from '@/lib/names';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';

import { TownsQuery } from '../api/queries';
import { StageBadge } from './StageBadge';

const COLUMNS = ['name', 'region', 'stage', 'population', 'cluster'] as const;
type Column = (typeof COLUMNS)[number];
type Town = TownsPageData['towns']['items'][number];

/** All towns (national staff), or one region's towns (`/regions/:regionId`). */
export default function TownsPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { regionId: fixedRegion } = useParams();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const regionFilter = fixedRegion ?? params.get('region') ?? null;

  useEffect(() => {
    const next = new URLSearchParams(params);
    if (debounced) next.set('q', debounced);
    else next.delete('q');
    if (next.toString() !== params.toString()) setParams(next, { replace: true });
  }, [debounced, params, setParams]);

  const [{ data, fetching, error }, refetch] = useQuery({
    query: TownsQuery,
    variables: { search: debounced || null, regionId: regionFilter, limit: 200 },
  });
  const region = data?.regions.find((r) => r.id === regionFilter);
  const { sort, sorted, toggle } = useSort<Column, Town>(
    'name',
    (town, column) =>
      ({
        name: localName(town, i18n.language),
        region: localName(town.region, i18n.language),
        stage: town.forum?.stageNumber,
        population: town.population,
        cluster: town.socioEconomicCluster,
      })[column],
    i18n.language,
  );
  const labels = columnLabels(COLUMNS, (column) => t(`towns.${column}`));
  const title = fixedRegion ? t('towns.regionTitle', { region: localName(region, i18n.language) }) : t('towns.title');

  useDocumentTitle(title);

  // A region's page waits for the region's name rather than show a half-filled heading.
  if (fixedRegion && !region) return error ? <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} /> : <Loading />;

  return (
    <Stack>
      <Title order={1}>{title}</Title>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('towns.search')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          type="search"
          w={{ base: '100%', sm: 280 }}
        />
        {!fixedRegion && (
          <Select
            label={t('towns.region')}
            placeholder={t('towns.allRegions')}
            clearable
            value={regionFilter}
            onChange={(value) => {
              const next = new URLSearchParams(params);
              if (value) next.set('region', value);
              else next.delete('region');
              setParams(next, { replace: true });
            }}
            data={(data?.regions ?? []).map((r) => ({ value: r.id, label: localName(r, i18n.language) }))}
            w={{ base: '100%', sm: 200 }}
          />
        )}
      </Group>
      {error && <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
      {!data && fetching && <Loading />}
      {data && (
        <>
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('towns.count', { count: data.towns.totalCount })}
          </Text>
          {data.towns.items.length === 0 ? (
            <EmptyState message={t('towns.none')} action={<Button variant="light" onClick={() => setSearch('')}>{t('towns.clearSearch')}</Button>} />
          ) : (
            <ScrollTable minWidth={560} label={t('towns.title')} stackOnPhone phoneSort={{ labels, sort, onSort: toggle }}>
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    {COLUMNS.map((column) => (
                      <SortableTh key={column} column={column} label={labels[column]} sort={sort} onSort={toggle} />
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {sorted(data.towns.items).map((town) => (
                    <Table.Tr key={town.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/towns/${town.id}`} fw={500}>
                          {localName(town, i18n.language)}
                        </Anchor>
                      </Table.Td>
                      <Table.Td data-label={labels.region}>{localName(town.region, i18n.language)}</Table.Td>
                      <Table.Td data-label={labels.stage}>{town.forum && <StageBadge stage={town.forum.stage} />}</Table.Td>
                      <Table.Td data-label={labels.population}>{format.number(town.population)}</Table.Td>
                      <Table.Td data-label={labels.cluster}>{format.number(town.socioEconomicCluster)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )}
        </>
      )}
    </Stack>
  );
}
