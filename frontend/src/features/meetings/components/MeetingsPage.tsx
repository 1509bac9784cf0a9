import { Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery } from 'urql';

import { EmptyState, ErrorState, Loading } from '@/components/PageState';
import type { TownMeetingsQuery } from '@/gql/graphql';
import { useFormat } from '@/hooks/useFormat';
import { localName } from '@/lib/names';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';

import { TownMeetingsQuery as Query } from '../api/queries';
import { NewMeetingDialog } from './NewMeetingDialog';
import { MeetingStatusBadge } from './StatusBadge';

type Meeting = TownMeetingsQuery['meetings']['items'][number];

function MeetingTable({ caption, meetings }: { caption: string; meetings: Meeting[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const dateTime = (iso: string) => new Intl.DateTimeFormat(format.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">
        {caption}
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('meetings.startsAt')}</Table.Th>
              <Table.Th scope="col">{t('meetings.titleField')}</Table.Th>
              <Table.Th scope="col">{t('meetings.body')}</Table.Th>
              <Table.Th scope="col">{t('meetings.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {meetings.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>{dateTime(m.startsAt)}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/meetings/${m.id}`}>
                    {m.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>{m.body.name}</Table.Td>
                <Table.Td>
                  <MeetingStatusBadge status={m.status} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** A town's meetings: upcoming first, then the past; planning a new one from a template. */
export default function MeetingsPage() {
  const { townId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  // "Now" for splitting upcoming from past, fixed when the page opens.
  const [now] = useState(() => Date.now());
  const [{ data, fetching, error }, refetch] = useQuery({ query: Query, variables: { townId } });
  const townName = localName(data?.town, i18n.language);
  const title = t('meetings.title', { town: townName });
  useDocumentTitle(townName && title);

  if (error) return <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!data) return fetching ? <Loading /> : null;
  const canEdit = data.town.viewerMay.editForum;
  const upcoming = data.meetings.items.filter((m) => Date.parse(m.startsAt) >= now);
  const past = data.meetings.items.filter((m) => Date.parse(m.startsAt) < now).reverse();
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
      {data.meetings.items.length === 0 && <EmptyState message={t('meetings.none')} action={newButton} />}
      {upcoming.length > 0 && <MeetingTable caption={t('meetings.upcoming')} meetings={upcoming} />}
      {past.length > 0 && <MeetingTable caption={t('meetings.past')} meetings={past} />}
      <Text size="sm" c="dimmed">
        {t('directory.count', { count: data.meetings.totalCount })}
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
