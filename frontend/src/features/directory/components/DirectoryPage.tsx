import { ActionIcon, Anchor, Badge, Group, Stack, Table, Tabs, Text, Title, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArchive, IconArchiveOff, IconEyeOff, IconPencil } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';

import { ScrollTable } from '@/components/ScrollTable';
import { SortableTh, useSort } from '@/components/SortableTh';
import { ErrorState, Loading } from '@/components/PageState';
import type { OrganisationsQuery as OrganisationsResult, PeopleQuery as PeopleResult } from '@/gql/graphql';
import { useProblem } from '@/hooks/useProblem';
import { localName } from '@/lib/names';

import { organisationChanged, personChanged } from '../api/changes';
import {
  DirectoryTownQuery,
  OrganisationsQuery,
  PeopleQuery,
  SetOrganisationArchivedMutation,
  SetPersonArchivedMutation,
} from '../api/queries';
import { DirectoryList } from './DirectoryList';
import { OrganisationForm } from './OrganisationForm';
import { PersonForm } from './PersonForm';

type Organisation = OrganisationsResult['organisations']['items'][number];
type Person = PeopleResult['people']['items'][number];

/** A row's name with its "archived" badge. */
function NameCell({ name, archived }: { name: string; archived: boolean }) {
  const { t } = useTranslation();
  return (
    <Table.Td>
      <Group gap="xs">
        <Text fw={500}>{name}</Text>
        {archived && <Badge color="gray">{t('directory.archived')}</Badge>}
      </Group>
    </Table.Td>
  );
}

/** Edit and archive (or restore) one row, each button named after the row. */
function RowActions({ label, archived, onEdit, onArchive }: { label: string; archived: boolean; onEdit: () => void; onArchive: () => void }) {
  const { t } = useTranslation();
  const edit = `${t('directory.edit')}: ${label}`;
  const archive = `${archived ? t('directory.restore') : t('directory.archive')}: ${label}`;
  return (
    <Table.Td data-label={t('directory.actions')}>
      <Group gap={4} wrap="nowrap">
        <Tooltip label={edit}>
          <ActionIcon variant="subtle" aria-label={edit} onClick={onEdit}>
            <IconPencil size={18} aria-hidden />
          </ActionIcon>
        </Tooltip>
        <Tooltip label={archive}>
          <ActionIcon variant="subtle" color="gray" aria-label={archive} onClick={onArchive}>
            {archived ? <IconArchiveOff size={18} aria-hidden /> : <IconArchive size={18} aria-hidden />}
          </ActionIcon>
        </Tooltip>
      </Group>
    </Table.Td>
  );
}

function useListFilters() {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [showArchived, setShowArchived] = useState(false);
  return { search, setSearch, debounced, showArchived, setShowArchived };
}

function OrganisationsTab({ townId, canEdit }: { townId: string; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const { sort, sorted, toggle } = useSort<'name' | 'sector', Organisation>('name', (o, column) => (column === 'name' ? o.name : t(`sectors.${o.sector}`)), i18n.language);
  const filters = useListFilters();
  const [editing, setEditing] = useState<Organisation | null | 'new'>(null);
  const [{ data, fetching, error }, refetch] = useQuery({
    query: OrganisationsQuery,
    variables: { townId, search: filters.debounced || null, includeArchived: filters.showArchived, limit: 200 },
    context: organisationChanged,
  });
  const [, setArchived] = useMutation(SetOrganisationArchivedMutation);
  const { problem, report } = useProblem();
  const reload = () => refetch({ requestPolicy: 'network-only' });
  return (
    <DirectoryList
      filters={filters}
      canEdit={canEdit}
      newLabel={t('directory.newOrganisation')}
      onNew={() => setEditing('new')}
      total={data?.organisations.totalCount}
      loading={fetching}
      error={error}
      onRetry={reload}
      emptyMessage={t('directory.noOrganisations')}
      problem={problem}
    >
      <ScrollTable minWidth={520} label={t('directory.organisations')} stackOnPhone phoneSort={{ labels: { name: t('directory.name'), sector: t('directory.sector') }, sort, onSort: toggle }}>
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <SortableTh column="name" label={t('directory.name')} sort={sort} onSort={toggle} />
              <SortableTh column="sector" label={t('directory.sector')} sort={sort} onSort={toggle} />
              <Table.Th scope="col">{t('directory.website')}</Table.Th>
              {canEdit && <Table.Th scope="col">{t('directory.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted(data?.organisations.items ?? []).map((o) => (
              <Table.Tr key={o.id}>
                <NameCell name={o.name} archived={o.archived} />
                <Table.Td data-label={t('directory.sector')}>{t(`sectors.${o.sector}`)}</Table.Td>
                <Table.Td data-label={t('directory.website')}>
                  {o.website && (
                    <Anchor href={o.website} target="_blank" rel="noreferrer noopener" dir="ltr">
                      {o.website.replace(/^https?:\/\//, '')}
                    </Anchor>
                  )}
                </Table.Td>
                {canEdit && (
                  <RowActions
                    label={o.name}
                    archived={o.archived}
                    onEdit={() => setEditing(o)}
                    onArchive={async () => {
                      report(await setArchived({ id: o.id, version: o.version, archived: !o.archived }, organisationChanged));
                    }}
                  />
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {editing && (
        <OrganisationForm
          townId={townId}
          organisation={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </DirectoryList>
  );
}

function PeopleTab({ townId, canEdit }: { townId: string; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const { sort, sorted, toggle } = useSort<'fullName' | 'organisation' | 'jobTitle', Person>(
    'fullName',
    (p, column) => (column === 'fullName' ? p.fullName : column === 'organisation' ? p.organisation?.name : p.jobTitle),
    i18n.language,
  );
  const labels = { fullName: t('directory.fullName'), organisation: t('directory.organisation'), jobTitle: t('directory.jobTitle') };
  const filters = useListFilters();
  const [editing, setEditing] = useState<Person | null | 'new'>(null);
  const [{ data, fetching, error }, refetch] = useQuery({
    query: PeopleQuery,
    variables: { townId, search: filters.debounced || null, includeArchived: filters.showArchived, limit: 200 },
    context: personChanged,
  });
  const [, setArchived] = useMutation(SetPersonArchivedMutation);
  const { problem, report } = useProblem();
  const reload = () => refetch({ requestPolicy: 'network-only' });
  return (
    <DirectoryList
      filters={filters}
      canEdit={canEdit}
      newLabel={t('directory.newPerson')}
      onNew={() => setEditing('new')}
      total={data?.people.totalCount}
      loading={fetching}
      error={error}
      onRetry={reload}
      emptyMessage={t('directory.noPeople')}
      problem={problem}
    >
      <ScrollTable minWidth={640} label={t('directory.people')} stackOnPhone phoneSort={{ labels, sort, onSort: toggle }}>
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <SortableTh column="fullName" label={labels.fullName} sort={sort} onSort={toggle} />
              <SortableTh column="organisation" label={labels.organisation} sort={sort} onSort={toggle} />
              <SortableTh column="jobTitle" label={labels.jobTitle} sort={sort} onSort={toggle} />
              <Table.Th scope="col">{t('directory.email')}</Table.Th>
              <Table.Th scope="col">{t('directory.phone')}</Table.Th>
              {canEdit && <Table.Th scope="col">{t('directory.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted(data?.people.items ?? []).map((p) => (
              <Table.Tr key={p.id}>
                <NameCell name={p.fullName} archived={p.archived} />
                <Table.Td data-label={labels.organisation}>{p.organisation?.name}</Table.Td>
                <Table.Td data-label={labels.jobTitle}>{p.jobTitle}</Table.Td>
                {p.contactsVisible ? (
                  <>
                    <Table.Td data-label={t('directory.email')}>{p.email && <Anchor href={`mailto:${p.email}`} dir="ltr">{p.email}</Anchor>}</Table.Td>
                    <Table.Td data-label={t('directory.phone')}>{p.phone && <span dir="ltr">{p.phone}</span>}</Table.Td>
                  </>
                ) : (
                  <Table.Td colSpan={2}>
                    <Group gap={4} c="dimmed">
                      <IconEyeOff size={16} aria-hidden />
                      <Text size="sm">{t('directory.contactsHidden')}</Text>
                    </Group>
                  </Table.Td>
                )}
                {canEdit && (
                  <RowActions
                    label={p.fullName}
                    archived={p.archived}
                    onEdit={() => setEditing(p)}
                    onArchive={async () => {
                      report(await setArchived({ id: p.id, version: p.version, archived: !p.archived }, personChanged));
                    }}
                  />
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {editing && (
        <PersonForm
          townId={townId}
          person={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </DirectoryList>
  );
}

/** A town's organisations and people, with create, edit and archive for its role holders. */
export default function DirectoryPage() {
  const { townId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'people' ? 'people' : 'organisations';
  const [{ data, fetching, error }, refetch] = useQuery({ query: DirectoryTownQuery, variables: { id: townId } });
  const townName = localName(data?.town, i18n.language);
  const title = t('directory.title', { town: townName });

  useEffect(() => {
    if (townName) document.title = `${title} · WORKIT Hub`;
  }, [title, townName]);

  if (error) return <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!data) return fetching ? <Loading /> : null;
  const canEdit = data.town.viewerMay.editDirectory;

  return (
    <Stack>
      <Anchor component={Link} to={`/towns/${townId}`} size="sm">
        {townName}
      </Anchor>
      <Title order={1}>{title}</Title>
      <Tabs value={tab} onChange={(value) => setParams(value === 'people' ? { tab: 'people' } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="organisations">{t('directory.organisations')}</Tabs.Tab>
          <Tabs.Tab value="people">{t('directory.people')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="organisations">
          <OrganisationsTab townId={townId} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="people">
          <PeopleTab townId={townId} canEdit={canEdit} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
