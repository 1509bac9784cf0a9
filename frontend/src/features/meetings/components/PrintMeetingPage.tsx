import { Anchor, Button, Checkbox, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';

import { ErrorState, Loading } from '@/components/PageState';
import { useFormat } from '@/hooks/useFormat';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';

import { PrintMeetingQuery } from '../api/queries';

/** The agenda as a handout: item times from the start, the four things, and optional name tags. */
export default function PrintMeetingPage() {
  const { meetingId = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const [nameTags, setNameTags] = useState(false);
  const [{ data, fetching, error }, refetch] = useQuery({ query: PrintMeetingQuery, variables: { id: meetingId } });
  const meeting = data?.meeting;
  useDocumentTitle(meeting && t('print.title', { title: meeting.title }));
  if (error) return <ErrorState error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!meeting) return fetching ? <Loading /> : null;

  const time = (date: Date) => new Intl.DateTimeFormat(format.locale, { timeStyle: 'short' }).format(date);
  const start = new Date(meeting.startsAt).getTime();
  // Each item starts when the ones before it have run their minutes.
  const rows = meeting.agenda.map((item, index) => {
    const before = meeting.agenda.slice(0, index).reduce((sum, i) => sum + i.minutes, 0);
    return { ...item, at: new Date(start + before * 60_000) };
  });

  return (
    <Stack gap="md" className="print-page">
      <Group className="no-print" justify="space-between">
        <Anchor component={Link} to={`/meetings/${meeting.id}`} size="sm">
          {t('print.back')}
        </Anchor>
        <Group>
          <Checkbox label={t('print.nameTags')} checked={nameTags} onChange={(e) => setNameTags(e.currentTarget.checked)} />
          <Button leftSection={<IconPrinter size={16} aria-hidden />} onClick={() => window.print()}>
            {t('print.print')}
          </Button>
        </Group>
      </Group>
      <Title order={1}>{t('print.title', { title: meeting.title })}</Title>
      <Text>
        {meeting.body.name} · {new Intl.DateTimeFormat(format.locale, { dateStyle: 'full', timeStyle: 'short' }).format(new Date(meeting.startsAt))}–
        {time(new Date(meeting.endsAt))}
        {meeting.place ? ` · ${meeting.place}` : ''}
      </Text>
      {(['goal', 'course', 'method', 'product'] as const)
        .filter((field) => meeting[field])
        .map((field) => (
          <Text key={field} size="sm">
            <strong>{t(`meetings.${field}`)}:</strong> {meeting[field]}
          </Text>
        ))}
      <Table withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('print.time')}</Table.Th>
            <Table.Th>{t('meetings.itemTitle')}</Table.Th>
            <Table.Th>{t('meetings.itemKind')}</Table.Th>
            <Table.Th>{t('meetings.itemMinutes')}</Table.Th>
            <Table.Th>{t('meetings.presenter')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>{time(item.at)}</Table.Td>
              <Table.Td>{item.title}</Table.Td>
              <Table.Td>{t(`agendaKinds.${item.kind}`)}</Table.Td>
              <Table.Td>{item.minutes}</Table.Td>
              <Table.Td>{item.presenter}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {meeting.attendance.length > 0 && (
        <Text size="sm">
          <strong>{t('print.invitees')}:</strong> {meeting.attendance.map((a) => a.person.fullName).join(', ')}
        </Text>
      )}
      {nameTags && (
        <div className="name-tags" data-testid="name-tags">
          {meeting.attendance.map((a) => (
            <div key={a.person.id} className="name-tag">
              <div className="name-tag-name">{a.person.fullName}</div>
              <div>{[a.person.jobTitle, a.person.organisation?.name].filter(Boolean).join(' · ')}</div>
            </div>
          ))}
        </div>
      )}
    </Stack>
  );
}
