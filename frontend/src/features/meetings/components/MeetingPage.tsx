import { Alert, Anchor, Button, Card, Group, List, Modal, SimpleGrid, Stack, Text, Textarea, Timeline, Title } from '@mantine/core';
import { IconCalendarPlus, IconPrinter } from '@tabler/icons-react';
import { memo, useState } from 'react';

import type { MeetingPageQuery as MeetingPageData } from '@/gql/graphql';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';

import { FormError } from '@/components/FormError';
import { ErrorState, Loading } from '@/components/PageState';
import type { MeetingStatus } from '@/gql/graphql';
import { downloadWithSession } from '@/lib/download';
import { problemMessage, toFailure } from '@/lib/errors';
import { useFormat } from '@/hooks/useFormat';
import { localName } from '@/lib/names';
import { useDocumentTitle } from '@/hooks/useDocumentTitle';

import { meetingChanged } from '../api/changes';
import { MeetingPageQuery, SetMeetingStatusMutation } from '../api/queries';
import { AgendaEditor } from './AgendaEditor';
import { AttendanceSection } from './AttendanceSection';
import { DecisionsSection } from './DecisionsSection';
import { PlanChangesSection } from './PlanChangesSection';
import { MinutesSection } from './MinutesSection';
import { OutboxSection } from './OutboxSection';
import { SaveTemplateButton } from './SaveTemplateButton';
import { MeetingStatusBadge, listedStatus } from './StatusBadge';

const NEXT: Record<MeetingStatus, MeetingStatus[]> = {
  DRAFT: ['INVITATIONS_SENT', 'CANCELLED'],
  INVITATIONS_SENT: ['HELD', 'CANCELLED'],
  HELD: [],
  MINUTES_APPROVED: [],
  CANCELLED: [],
};

type HistoryEvent = NonNullable<MeetingPageData['meeting']>['history'][number];

/** A history entry's details in the reader's words: dates as dates, "from … to …" rather than an arrow. */
function EventText({ event }: { event: HistoryEvent }) {
  const { t } = useTranslation();
  const format = useFormat();
  const when = (iso: string) => new Intl.DateTimeFormat(format.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  let text: string | null = null;
  if (event.movedFrom && event.movedTo) {
    text = t('meetings.eventDetails.moved', { from: when(event.movedFrom), fromMinutes: event.movedFromMinutes, to: when(event.movedTo), toMinutes: event.movedToMinutes });
  } else if (event.minutesVersion != null && event.commentDeadline) {
    text = t('meetings.eventDetails.circulatedVersion', { version: event.minutesVersion, date: format.date(event.commentDeadline) });
  } else if (event.minutesVersion != null && event.reason) {
    text = t('meetings.eventDetails.correctionOf', { version: event.minutesVersion, reason: event.reason });
  } else if (event.minutesVersion != null) {
    text = t('meetings.eventDetails.approvedVersion', { version: event.minutesVersion });
  }
  if (text) return <Text size="sm">{text}</Text>;
  return event.reason ? (
    <Text size="sm">
      <bdi>{event.reason}</bdi>
    </Text>
  ) : null;
}

// The page draws itself again whenever its query starts or ends a refetch, and after every click
// in its own header; its sections (20 invitees' controls, every minutes item) redraw only when
// their part of the meeting changed.
const Attendance = memo(AttendanceSection);
const Decisions = memo(DecisionsSection);
const PlanChanges = memo(PlanChangesSection);
const Minutes = memo(MinutesSection);
const Outbox = memo(OutboxSection);

/** One meeting: its plan, the four things every meeting has, the agenda, states and history. */
export default function MeetingPage() {
  const { meetingId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [{ data, fetching, error }, refetch] = useQuery({ query: MeetingPageQuery, variables: { id: meetingId } });
  const [, setStatus] = useMutation(SetMeetingStatusMutation);
  const [cancelling, setCancelling] = useState(false);
  const [inviting, setInviting] = useState(false);
  const [reason, setReason] = useState('');
  const [statusError, setStatusError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const meeting = data?.meeting;
  useDocumentTitle(meeting?.title);

  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!meeting) return fetching ? <Loading /> : null;
  const town = meeting.body.forum.town;
  const canEdit = town.viewerMay.editForum;
  const canApprove = town.viewerMay.approveMinutes;
  const editable = canEdit && (meeting.status === 'DRAFT' || meeting.status === 'INVITATIONS_SENT');
  const dateTime = (iso: string) => new Intl.DateTimeFormat(format.locale, { dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso));
  const time = (iso: string) => new Intl.DateTimeFormat(format.locale, { timeStyle: 'short' }).format(new Date(iso));

  const move = async (status: MeetingStatus, why?: string) => {
    setStatusError(null);
    const result = await setStatus({ id: meeting.id, version: meeting.version, status, reason: why ?? null }, meetingChanged);
    const failure = toFailure(result.error);
    if (failure) {
      setStatusError(problemMessage(t, failure));
      return false;
    }
    return true;
  };

  const actions = canEdit ? NEXT[meeting.status] : [];

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/towns/${town.id}/meetings`} size="sm">
        {t('meetings.title', { town: localName(town, i18n.language) })}
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Title order={1}>{meeting.title}</Title>
          <Text c="dimmed">
            {meeting.body.name} · {dateTime(meeting.startsAt)}–{time(meeting.endsAt)}
          </Text>
          {(meeting.place || meeting.onlineUrl) && (
            <Text size="sm">
              {meeting.place}
              {meeting.place && meeting.onlineUrl && ' · '}
              {meeting.onlineUrl && (
                <Anchor href={meeting.onlineUrl} target="_blank" rel="noreferrer noopener" dir="ltr">
                  {meeting.onlineUrl}
                </Anchor>
              )}
            </Text>
          )}
        </Stack>
        <Group gap="xs">
          <MeetingStatusBadge status={listedStatus(meeting.status, meeting.minutes)} />
          <Button variant="light" leftSection={<IconCalendarPlus size={16} aria-hidden />} onClick={() => void downloadWithSession(`/calendar/meetings/${meeting.id}.ics`, `meeting-${meeting.id}.ics`)}>
            {t('meetings.downloadIcs')}
          </Button>
          <Button variant="default" component={Link} to={`/meetings/${meeting.id}/print`} leftSection={<IconPrinter size={16} aria-hidden />}>
            {t('meetings.printAgenda')}
          </Button>
          {canEdit && <SaveTemplateButton meetingId={meeting.id} />}
        </Group>
      </Group>
      {meeting.recordingGaps.length > 0 && canEdit && (
        <Card withBorder padding="sm" data-recording-gaps>
          <Text size="sm">
            <strong>{t('meetings.toRecord')}:</strong> {meeting.recordingGaps.map((gap) => t(`meetings.gaps.${gap}`)).join(' · ')}
          </Text>
        </Card>
      )}
      {meeting.cancelReason && (
        <Alert color="red" variant="light" title={t('meetingStatus.CANCELLED')}>
          {meeting.cancelReason}
        </Alert>
      )}
      {actions.length > 0 && (
        <Group>
          {actions.map((status) => (
            <Button key={status} variant={status === 'CANCELLED' ? 'outline' : 'filled'} color={status === 'CANCELLED' ? 'red' : undefined} onClick={() => (status === 'CANCELLED' ? setCancelling(true) : status === 'INVITATIONS_SENT' ? setInviting(true) : void move(status))}>
              {t(`meetings.statusAction.${status}`)}
            </Button>
          ))}
        </Group>
      )}
      <FormError message={statusError} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {(['goal', 'course', 'method', 'product'] as const).map((field) => (
          <Card key={field} withBorder padding="sm">
            <Text fw={600} size="sm">
              {t(`meetings.${field}`)}
            </Text>
            <Text size="sm">{meeting[field] ?? '—'}</Text>
          </Card>
        ))}
      </SimpleGrid>
      <Stack gap="xs" component="section" aria-labelledby="agenda-title">
        <Title order={2} size="h3" id="agenda-title">
          {t('meetings.agenda')}
        </Title>
        {saved && (
          <Alert color="teal" role="status" withCloseButton closeButtonLabel={t('forum.cancel')} onClose={() => setSaved(false)}>
            {t('meetings.agendaSaved')}
          </Alert>
        )}
        {editable ? (
          <AgendaEditor
            key={meeting.version}
            meeting={meeting}
            onSaved={() => setSaved(true)}
            onReload={reload}
          />
        ) : (
          <>
            <List type="ordered" spacing={4}>
              {meeting.agenda.map((item) => (
                <List.Item key={item.id}>
                  {item.title} — {t(`agendaKinds.${item.kind}`)}, {item.minutes}′{item.presenter ? ` (${item.presenter})` : ''}
                </List.Item>
              ))}
            </List>
            <Text size="sm" c="dimmed">
              {t('meetings.agendaTotal', { total: meeting.agendaMinutes, duration: meeting.durationMinutes })}
            </Text>
          </>
        )}
      </Stack>
      <Attendance meeting={meeting} townId={town.id} canEdit={canEdit} />
      <Decisions
        meetingId={meeting.id}
        townId={town.id}
        decisions={meeting.decisions}
        open={meeting.status === 'INVITATIONS_SENT' || meeting.status === 'HELD'}
        canEdit={canEdit}
      />
      <PlanChanges changes={meeting.planChanges} open={meeting.status === 'INVITATIONS_SENT' || meeting.status === 'HELD'} canEdit={canEdit} />
      <Minutes meeting={meeting} canEdit={canEdit} canApprove={canApprove} />
      {canEdit && <Outbox meetingId={meeting.id} />}
      <Stack gap="xs" component="section" aria-labelledby="history-title">
        <Title order={2} size="h3" id="history-title">
          {t('meetings.history')}
        </Title>
        <Timeline bulletSize={12} lineWidth={2}>
          {meeting.history.map((event, index) => (
            <Timeline.Item key={index} title={t(`meetings.events.${event.kind}`, { defaultValue: event.kind })}>
              <Text size="xs" c="dimmed">
                {[event.changedBy, format.date(event.changedAt)].filter(Boolean).join(' · ')}
              </Text>
              <EventText event={event} />
            </Timeline.Item>
          ))}
        </Timeline>
      </Stack>
      <Modal opened={inviting} onClose={() => setInviting(false)} title={t('meetings.confirmInvitations')} closeButtonProps={{ 'aria-label': t('app.closeDialog') }}>
        <Stack>
          <Text size="sm">{t('meetings.confirmInvitationsIntro', { count: meeting.body.members.length, body: meeting.body.name })}</Text>
          <List size="sm" spacing={2} data-testid="invitees">
            {meeting.body.members.map((m) => (
              <List.Item key={m.person.id}>
                <bdi>{m.person.fullName}</bdi> — <span dir="ltr">{m.person.email ?? t('meetings.noEmail')}</span>
              </List.Item>
            ))}
          </List>
          <Text size="xs" c="dimmed">
            {t('meetings.seeOutbox')}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setInviting(false)}>
              {t('forum.cancel')}
            </Button>
            <Button
              onClick={async () => {
                setInviting(false);
                await move('INVITATIONS_SENT');
              }}
            >
              {t('meetings.confirmSend', { count: meeting.body.members.length })}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={cancelling} onClose={() => setCancelling(false)} title={t('meetings.cancel')} closeButtonProps={{ 'aria-label': t('app.closeDialog') }}>
        <Stack>
          <Textarea label={t('meetings.cancelReason')} required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={statusError} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setCancelling(false)}>
              {t('forum.cancel')}
            </Button>
            <Button
              color="red"
              onClick={async () => {
                if (await move('CANCELLED', reason)) setCancelling(false);
              }}
            >
              {t('meetings.cancel')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
