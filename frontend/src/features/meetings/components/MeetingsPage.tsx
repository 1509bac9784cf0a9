import { Anchor, Button, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';

import { ScrollTable } from '@/components/ScrollTable';
import { SortableTh, useSort } from '@/components/SortableTh';
import { EmptyState, ErrorState, Loading } from '@/components/PageState';
import type { TownMeetingsQuery } from '@/gql/graphql';
import { useFormat } from '@/hooks/useFormat';
import { localName } from '@/lib/names';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';

import { TownMeetingsQuery as Query } from '../api/queries';
import { NewMeetingDialog } from './NewMeetingDialog';
import { type ListedStatus, MeetingStatusBadge, listedStatus } from './StatusBadge';

type Meeting = TownMeetingsQuery['meetings']['items'][number];

type Column = 'startsAt' | 'title' | 'body' | 'status';

/** Meetings in date order — the coming ones soonest first, the past ones latest first — until a column is chosen. */
function MeetingTable({ caption, meetings, latestFirst = false }: { caption: string; meetings: Meeting[]; latestFirst?: boolean }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { sort, sorted, toggle } = useSort<Column, Meeting>(
    'startsAt',
    (m, column) => ({ startsAt: m.startsAt, title: m.title, body: m.body.name, status: STATUSES.indexOf(listedStatus(m.status, m.minutes)) })[column],
    i18n.language,
    !latestFirst,
  );
  const dateTime = (iso: string) => new Intl.DateTimeFormat(format.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">
        {caption}
      </Title>
      {/* On a phone each meeting is a card: its title, when, which body and its status all show
          without scrolling sideways (the table needs 560 px). */}
      <Stack component="ul" gap="xs" hiddenFrom="sm" aria-label={caption} p={0} m={0} style={{ listStyle: 'none' }} data-meeting-cards>
        {sorted(meetings).map((m) => (
          <Paper component="li" key={m.id} withBorder p="sm" radius="md">
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <Anchor component={Link} to={`/meetings/${m.id}`} fw={600}>
                {m.title}
              </Anchor>
              <MeetingStatusBadge status={listedStatus(m.status, m.minutes)} />
            </Group>
            <Text size="sm" c="dimmed">
              {dateTime(m.startsAt)} · <bdi>{m.body.name}</bdi>
            </Text>
          </Paper>
        ))}
      </Stack>
      <ScrollTable minWidth={560} label={caption} visibleFrom="sm">
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <SortableTh column="startsAt" label={t('meetings.startsAt')} sort={sort} onSort={toggle} />
              <SortableTh column="title" label={t('meetings.titleField')} sort={sort} onSort={toggle} />
              <SortableTh column="body" label={t('meetings.body')} sort={sort} onSort={toggle} />
              <SortableTh column="status" label={t('meetings.status')} sort={sort} onSort={toggle} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted(meetings).map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>{dateTime(m.startsAt)}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/meetings/${m.id}`}>
                    {m.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>{m.body.name}</Table.Td>
                <Table.Td>
                  <MeetingStatusBadge status={listedStatus(m.status, m.minutes)} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    </Stack>
  );
}

const DAY = 86_400_000;
const STATUSES: ListedStatus[] = ['DRAFT', 'INVITATIONS_SENT', 'HELD', 'MINUTES_CIRCULATED', 'MINUTES_APPROVED', 'CANCELLED'];
const PERIODS = ['all', 'upcoming', 'quarter', 'year'] as const;
type Period = (typeof PERIODS)[number];

/** A town's meetings: upcoming first, then the past; planning a new one from a template. */
export default function MeetingsPage() {
  const { townId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  // "Now" for splitting upcoming from past, fixed when the page opens.
  const [now] = useState(() => Date.now());
  const [{ data, fetching, error }, refetch] = useQuery({ query: Query, variables: { townId } });
  // Filters live in the address, so a filtered list can be shared and survives a reload.
  const [params, setParams] = useSearchParams();
  const bodyFilter = params.get('body');
  const statusFilter = params.get('status');
  const period = (params.get('period') ?? 'all') as Period;
  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value && !(key === 'period' && value === 'all')) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const townName = localName(data?.town, i18n.language);
  const title = t('meetings.title', { town: townName });
  useDocumentTitle(townName && title);

  if (error) return <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!data) return fetching ? <Loading /> : null;
  const canEdit = data.town.viewerMay.editForum;
  const since = { all: -Infinity, upcoming: now, quarter: now - 91 * DAY, year: now - 365 * DAY }[period];
  const shown = data.meetings.items.filter(
    (m) => (!bodyFilter || m.body.id === bodyFilter) && (!statusFilter || listedStatus(m.status, m.minutes) === statusFilter) && Date.parse(m.startsAt) >= since && (period === 'upcoming' || period === 'all' || Date.parse(m.startsAt) < now),
  );
  const upcoming = shown.filter((m) => Date.parse(m.startsAt) >= now);
  const past = shown.filter((m) => Date.parse(m.startsAt) < now);
  const newButton = canEdit && (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
      {t('meetings.new')}
    </Button>
  );

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/towns/${townId}`} size="sm">
        {townName}
      </Anchor>
      <Group justify="space-between">
        <Title order={1}>{title}</Title>
        {newButton}
      </Group>
      {data.meetings.items.length > 0 && (
        <Group align="flex-end" wrap="wrap">
          <Select label={t('meetings.filterBody')} placeholder={t('meetings.allBodies')} clearable w={220} data={(data.town.forum?.bodies ?? []).map((b) => ({ value: b.id, label: b.name }))} value={bodyFilter} onChange={(v) => setParam('body', v)} />
          <Select label={t('meetings.filterStatus')} placeholder={t('meetings.allStatuses')} clearable w={180} data={STATUSES.map((s) => ({ value: s, label: t(`meetingStatus.${s}`) }))} value={statusFilter} onChange={(v) => setParam('status', v)} />
          <Select label={t('meetings.filterPeriod')} allowDeselect={false} w={220} data={PERIODS.map((p) => ({ value: p, label: t(`meetings.periods.${p}`) }))} value={period} onChange={(v) => setParam('period', v)} />
        </Group>
      )}
      {data.meetings.items.length === 0 && <EmptyState message={t('meetings.none')} action={newButton} />}
      {data.meetings.items.length > 0 && shown.length === 0 && <Text>{t('meetings.noneMatch')}</Text>}
      {upcoming.length > 0 && <MeetingTable caption={t('meetings.upcoming')} meetings={upcoming} />}
      {past.length > 0 && <MeetingTable caption={t('meetings.past')} meetings={past} latestFirst />}
      <Text size="sm" c="dimmed">
        {t('meetings.shown', { shown: shown.length, count: data.meetings.totalCount })}
      </Text>
      {creating && (
        <NewMeetingDialog
          bodies={data.town.forum?.bodies ?? []}
          onClose={(id) => {
            setCreating(false);
            if (id) navigate(`/meetings/${id}`);
          }}
        />
      )}
    </Stack>
  );
}
