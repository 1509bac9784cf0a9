import { Alert, Button, Group, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';

import { ScrollTable } from '@/components/ScrollTable';
import { FormError } from '@/components/FormError';
import type { AttendanceStatus, MeetingPageQuery } from '@/gql/graphql';
import { useProblem } from '@/hooks/useProblem';
import { useFormat } from '@/hooks/useFormat';

import { meetingChanged } from '../api/changes';
import { InviteToMeetingMutation, RecordAttendanceMutation, TownPeopleForMeetingsQuery } from '../api/queries';

type Meeting = MeetingPageQuery['meeting'];
const RECORDED: AttendanceStatus[] = ['ATTENDED', 'ABSENT', 'EXCUSED'];

/** Invitees and their attendance, against the two-thirds rule; guests can be added. */
export function AttendanceSection({ meeting, townId, canEdit }: { meeting: Meeting; townId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [, record] = useMutation(RecordAttendanceMutation);
  const [, invite] = useMutation(InviteToMeetingMutation);
  const [guest, setGuest] = useState<string | null>(null);
  const { problem: error, report } = useProblem();
  const recordable = canEdit && (meeting.status === 'INVITATIONS_SENT' || meeting.status === 'HELD');
  const [{ data: people }] = useQuery({ query: TownPeopleForMeetingsQuery, variables: { townId }, pause: !recordable });
  const invited = new Set(meeting.attendance.map((a) => a.person.id));
  const summary = meeting.attendanceSummary;

  return (
    <Stack gap="xs" component="section" aria-labelledby="attendance-title">
      <Title order={2} size="h3" id="attendance-title">
        {t('attendance.title')}
      </Title>
      {meeting.attendance.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('attendance.none')}
        </Text>
      ) : (
        <>
          {summary.rate != null && (
            <Alert color={summary.meetsTwoThirds ? 'teal' : 'yellow'} variant="light" data-two-thirds={String(summary.meetsTwoThirds)}>
              {t('attendance.summary', { attended: summary.attended, recorded: summary.recorded, rate: format.number(Math.round(summary.rate * 100)) })} —{' '}
              {summary.meetsTwoThirds ? t('attendance.met') : t('attendance.notMet')}
            </Alert>
          )}
          <ScrollTable minWidth={420} label={t('attendance.title')} stackOnPhone>
            <Table>
              <Table.Tbody>
                {meeting.attendance.map((a) => (
                  <Table.Tr key={a.person.id}>
                    <Table.Td fw={500}>{a.person.fullName}</Table.Td>
                    <Table.Td>
                      {recordable ? (
                        <SegmentedControl
                          size="xs"
                          aria-label={`${t('attendance.title')}: ${a.person.fullName}`}
                          value={a.status}
                          onChange={async (value) => report(await record({ meetingId: meeting.id, personId: a.person.id, status: value as AttendanceStatus }, meetingChanged))}
                          data={[{ value: 'INVITED', label: t('attendance.status.INVITED') }, ...RECORDED.map((s) => ({ value: s, label: t(`attendance.status.${s}`) }))]}
                        />
                      ) : (
                        t(`attendance.status.${a.status}`)
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        </>
      )}
      {recordable && (
        <Group align="flex-end">
          <Select
            label={t('attendance.addGuest')}
            searchable
            clearable
            value={guest}
            onChange={setGuest}
            data={(people?.people.items ?? []).filter((p) => !invited.has(p.id)).map((p) => ({ value: p.id, label: p.fullName }))}
            w={{ base: '100%', sm: 280 }}
          />
          <Button
            variant="light"
            disabled={!guest}
            onClick={async () => {
              if (!guest) return;
              report(await invite({ meetingId: meeting.id, personId: guest }, meetingChanged));
              setGuest(null);
            }}
          >
            {t('attendance.invite')}
          </Button>
        </Group>
      )}
      <FormError message={error} />
    </Stack>
  );
}
