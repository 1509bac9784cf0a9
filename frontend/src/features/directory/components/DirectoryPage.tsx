import { ActionIcon, Anchor, Badge, Group, Stack, Table, Tabs, Text, Title, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArchive, IconArchiveOff, IconEyeOff, IconPencil } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';

import { ErrorState, Loading } from '@/components/PageState';
import type { OrganisationsQuery as OrganisationsResult, PeopleQuery as PeopleResult } from '@/gql/graphql';
import { useProblem } from '@/hooks/useProblem';
import { localName } from '@/lib/names';

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

function ArchiveButton({ archived, label, onClick }: { archived: boolean; label: string; onClick: () => void }) {
  const { t } = useTranslation();
  const text = `${archived ? t('directory.restore') : t('directory.archive')}: ${label}`;
  return (
    <Tooltip label={text}>
      <ActionIcon variant="subtle" color="gray" aria-label={text} onClick={onClick}>
        {archived ? <IconArchiveOff size={18} aria-hidden /> : <IconArchive size={18} aria-hidden />}
      </ActionIcon>
    </Tooltip>
  );
}

function EditButton({ label, onClick }: { label: string; onClick: () => void }) {
  const { t } = useTranslation();
  const text = `${t('directory.edit')}: ${label}`;
  return (
    <Tooltip label={text}>
      <ActionIcon variant="subtle" aria-label={text} onClick={onClick}>
        <IconPencil size={18} aria-hidden />
      </ActionIcon>
    </Tooltip>
  );
}

function useListFilters() {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [showArchived, setShowArchived] = useState(false);
  return { search, setSearch, debounced, showArchived, setShowArchived };
}

function OrganisationsTab({ townId, canEdit }: { townId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const filters = useListFilters();
  const [editing, setEditing] = useState<Organisation | null | 'new'>(null);
  const [{ data, fetching, error }, refetch] = useQuery({
    query: OrganisationsQuery,
    variables: { townId, search: filters.debounced || null, includeArchived: filters.showArchived, limit: 200 },
  });
  const [, setArchived] = useMutation(SetOrganisationArchivedMutation);
  const { problem, report } = useProblem();
  const reload = () => refetch({ requestPolicy: 'network-only' });
  return (
    <DirectoryList
      search={filters.search}
      onSearch={filters.setSearch}
      showArchived={filters.showArchived}
      onShowArchived={filters.setShowArchived}
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
      <Table.ScrollContainer minWidth={520}>
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('directory.name')}</Table.Th>
              <Table.Th scope="col">{t('directory.sector')}</Table.Th>
              <Table.Th scope="col">{t('directory.website')}</Table.Th>
              {canEdit && <Table.Th scope="col">{t('directory.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data?.organisations.items.map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td>
                  <Group gap="xs">
                    <Text fw={500}>{o.name}</Text>
                    {o.archived && <Badge color="gray">{t('directory.archived')}</Badge>}
                  </Group>
                </Table.Td>
                <Table.Td>{t(`sectors.${o.sector}`)}</Table.Td>
                <Table.Td>
                  {o.website && (
                    <Anchor href={o.website} target="_blank" rel="noreferrer noopener" dir="ltr">
                      {o.website.replace(/^https?:\/\//, '')}
                    </Anchor>
                  )}
                </Table.Td>
                {canEdit && (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <EditButton label={o.name} onClick={() => setEditing(o)} />
                      <ArchiveButton
                        archived={o.archived}
                        label={o.name}
                        onClick={async () => {
                          if (report(await setArchived({ id: o.id, version: o.version, archived: !o.archived }))) reload();
                        }}
                      />
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editing && (
        <OrganisationForm
          townId={townId}
          organisation={editing === 'new' ? null : editing}
          onClose={(saved) => {
            setEditing(null);
            if (saved) reload();
          }}
        />
      )}
    </DirectoryList>
  );
}

function PeopleTab({ townId, canEdit }: { townId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const filters = useListFilters();
  const [editing, setEditing] = useState<Person | null | 'new'>(null);
  const [{ data, fetching, error }, refetch] = useQuery({
    query: PeopleQuery,
    variables: { townId, search: filters.debounced || null, includeArchived: filters.showArchived, limit: 200 },
  });
  const [, setArchived] = useMutation(SetPersonArchivedMutation);
  const { problem, report } = useProblem();
  const reload = () => refetch({ requestPolicy: 'network-only' });
  return (
    <DirectoryList
      search={filters.search}
      onSearch={filters.setSearch}
      showArchived={filters.showArchived}
      onShowArchived={filters.setShowArchived}
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
      <Table.ScrollContainer minWidth={640}>
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('directory.fullName')}</Table.Th>
              <Table.Th scope="col">{t('directory.organisation')}</Table.Th>
              <Table.Th scope="col">{t('directory.jobTitle')}</Table.Th>
              <Table.Th scope="col">{t('directory.email')}</Table.Th>
              <Table.Th scope="col">{t('directory.phone')}</Table.Th>
              {canEdit && <Table.Th scope="col">{t('directory.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data?.people.items.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <Group gap="xs">
                    <Text fw={500}>{p.fullName}</Text>
                    {p.archived && <Badge color="gray">{t('directory.archived')}</Badge>}
                  </Group>
                </Table.Td>
                <Table.Td>{p.organisation?.name}</Table.Td>
                <Table.Td>{p.jobTitle}</Table.Td>
                {p.contactsVisible ? (
                  <>
                    <Table.Td>{p.email && <Anchor href={`mailto:${p.email}`} dir="ltr">{p.email}</Anchor>}</Table.Td>
                    <Table.Td dir="ltr">{p.phone}</Table.Td>
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
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <EditButton label={p.fullName} onClick={() => setEditing(p)} />
                      <ArchiveButton
                        archived={p.archived}
                        label={p.fullName}
                        onClick={async () => {
                          if (report(await setArchived({ id: p.id, version: p.version, archived: !p.archived }))) reload();
                        }}
                      />
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editing && (
        <PersonForm
          townId={townId}
          person={editing === 'new' ? null : editing}
          onClose={(saved) => {
            setEditing(null);
            if (saved) reload();
          }}
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
