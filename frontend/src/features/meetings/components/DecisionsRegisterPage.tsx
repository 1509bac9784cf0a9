import { Anchor, Group, SegmentedControl, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';

import { ScrollTable } from '@/components/ScrollTable';
import { SortableTh, useSort } from '@/components/SortableTh';
import { EmptyState, ErrorState, Loading } from '@/components/PageState';
import type { DecisionStatus, DecisionsRegisterQuery as DecisionsRegisterResult } from '@/gql/graphql';
import { useFormat } from '@/hooks/useFormat';
import { localName } from '@/lib/names';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';

import { DecisionsRegisterQuery } from '../api/queries';
import { DecisionStatusControl } from './DecisionsSection';

type Decision = DecisionsRegisterResult['decisions']['items'][number];
type Column = 'text' | 'meeting' | 'owner' | 'dueOn' | 'status';

/** Every decision of a town's bodies: "decided but not executed" is the default view. */
export default function DecisionsRegisterPage() {
  const { townId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [status, setStatus] = useState<DecisionStatus | 'ALL'>('OPEN');
  const [overdue, setOverdue] = useState(false);
  const [{ data, fetching, error }, refetch] = useQuery({
    query: DecisionsRegisterQuery,
    variables: { townId, status: status === 'ALL' ? null : status, overdue },
  });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  // Due date first, as the server lists them; the meeting column sorts by the meeting's date.
  const { sort, sorted, toggle } = useSort<Column, Decision>(
    'dueOn',
    (d, column) =>
      ({ text: d.text, meeting: d.meeting.startsAt, owner: d.owner?.fullName, dueOn: d.dueOn, status: t(`decisions.values.${d.status}`) })[column],
    i18n.language,
  );
  const labels = { text: t('decisions.text'), meeting: t('decisions.meeting'), owner: t('decisions.owner'), dueOn: t('decisions.dueOn'), status: t('decisions.status') };
  const townName = localName(data?.town, i18n.language);
  const title = t('decisions.register', { town: townName });
  useDocumentTitle(townName && title);
  const canEdit = data?.town.viewerMay.editForum ?? false;

  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/towns/${townId}`} size="sm">
        {townName}
      </Anchor>
      <Title order={1}>{title}</Title>
      <Group wrap="wrap">
        <SegmentedControl
          aria-label={t('decisions.status')}
          value={status}
          onChange={(v) => setStatus(v as DecisionStatus | 'ALL')}
          data={[...(['OPEN', 'DONE', 'CANCELLED'] as const).map((s) => ({ value: s, label: t(`decisions.values.${s}`) })), { value: 'ALL', label: t('decisions.all') }]}
        />
        <Switch label={t('decisions.overdueOnly')} checked={overdue} onChange={(e) => setOverdue(e.currentTarget.checked)} />
      </Group>
      {error && <ErrorState error={error} onRetry={reload} />}
      {!data && fetching && <Loading />}
      {data && data.decisions.items.length === 0 && <EmptyState message={t('decisions.none')} />}
      {data && data.decisions.items.length > 0 && (
        <>
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('directory.count', { count: data.decisions.totalCount })}
          </Text>
          <ScrollTable minWidth={720} label={t('decisions.nav')} stackOnPhone phoneSort={{ labels, sort, onSort: toggle }}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <SortableTh column="text" label={labels.text} sort={sort} onSort={toggle} />
                  <SortableTh column="meeting" label={labels.meeting} sort={sort} onSort={toggle} />
                  <SortableTh column="owner" label={labels.owner} sort={sort} onSort={toggle} />
                  <SortableTh column="dueOn" label={labels.dueOn} sort={sort} onSort={toggle} />
                  <SortableTh column="status" label={labels.status} sort={sort} onSort={toggle} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sorted(data.decisions.items).map((d) => (
                  <Table.Tr key={d.id} data-overdue={String(d.overdue)}>
                    <Table.Td fw={500}>{d.text}</Table.Td>
                    <Table.Td data-label={labels.meeting}>
                      <Anchor component={Link} to={`/meetings/${d.meeting.id}`}>
                        {d.meeting.title}
                      </Anchor>
                      {/* Several teams meet on the same day under like titles: the body tells them apart. */}
                      <Text size="xs" c="dimmed">
                        {format.date(d.meeting.startsAt)} · <bdi>{d.meeting.body.name}</bdi>
                      </Text>
                    </Table.Td>
                    <Table.Td data-label={labels.owner}>{d.owner?.fullName}</Table.Td>
                    <Table.Td data-label={labels.dueOn}>{format.date(d.dueOn)}</Table.Td>
                    <Table.Td data-label={labels.status}>
                      <DecisionStatusControl decision={d} canEdit={canEdit} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        </>
      )}
    </Stack>
  );
}
