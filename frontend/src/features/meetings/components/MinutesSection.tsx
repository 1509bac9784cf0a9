import { Alert, Badge, Button, Card, Group, Modal, SegmentedControl, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconFileTypeDocx } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useMutation } from 'urql';

import { DateField } from '@/components/DateField';
import type { MeetingPageQuery, MinutesFieldsFragment, MinutesStatus } from '@/gql/graphql';
import { useProblem } from '@/hooks/useProblem';
import { toFailure } from '@/lib/errors';
import { useFormat } from '@/hooks/useFormat';
import { downloadWithSession } from '@/lib/download';

import { meetingChanged } from '../api/changes';
import {
  ApproveMinutesMutation,
  CirculateMinutesMutation,
  CommentOnMinutesMutation,
  CorrectMinutesMutation,
  MeetingPageQuery as MeetingPageDocument,
  SaveMinutesSectionMutation,
  StartMinutesMutation,
} from '../api/queries';

type Meeting = NonNullable<MeetingPageQuery['meeting']>;
type Section = MinutesFieldsFragment['sections'][number];

const STATUS_COLOR: Record<MinutesStatus, string> = { DRAFT: 'gray', CIRCULATED: 'blue', APPROVED: 'teal' };

function addDays(days: number) {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return date.toLocaleDateString('en-CA');
}

/**
 * The minutes of a meeting (domain §8): written per agenda item, circulated to the attendees with
 * a comment deadline, amended, approved by the chair and then locked; corrections are new
 * versions with a reason, and every version stays readable.
 */
export function MinutesSection({ meeting, canEdit, canApprove }: { meeting: Meeting; canEdit: boolean; canApprove: boolean }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const versions = meeting.minutes;
  const [chosen, setChosen] = useState<string | null>(null);
  const [circulating, setCirculating] = useState(false);
  const [correcting, setCorrecting] = useState(false);
  const [approving, setApproving] = useState(false);
  const [deadline, setDeadline] = useState(addDays(7));
  const [reason, setReason] = useState('');
  const { problem, report } = useProblem();
  const [, start] = useMutation(StartMinutesMutation);
  const [, circulate] = useMutation(CirculateMinutesMutation);
  const [, approve] = useMutation(ApproveMinutesMutation);
  const [, correct] = useMutation(CorrectMinutesMutation);

  const latest = versions.at(-1);
  const shown = versions.find((v) => v.id === chosen) ?? latest;
  const isLatest = shown?.id === latest?.id;
  const writable = canEdit && isLatest && shown != null && shown.status !== 'APPROVED';

  return (
    <Stack gap="xs" component="section" aria-labelledby="minutes-title">
      <Group justify="space-between">
        <Title order={2} size="h3" id="minutes-title">
          {t('minutes.title')}
        </Title>
        {shown && (
          <Button variant="default" size="xs" leftSection={<IconFileTypeDocx size={16} aria-hidden />} onClick={() => void downloadWithSession(`/export/minutes/${meeting.id}.docx?version=${shown.number}&lang=${i18n.language}`, `minutes-${meeting.id}-v${shown.number}.docx`)}>
            {t('minutes.exportDocx')}
          </Button>
        )}
      </Group>
      {!latest &&
        (canEdit && meeting.status === 'HELD' ? (
          <Group>
            <Button onClick={async () => report(await start({ meetingId: meeting.id }, meetingChanged))}>{t('minutes.start')}</Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {meeting.status === 'HELD' || meeting.status === 'MINUTES_APPROVED' ? t('minutes.notYet') : t('minutes.none')}
          </Text>
        ))}
      {versions.length > 1 && (
        <SegmentedControl
          aria-label={t('minutes.versions')}
          value={shown?.id ?? ''}
          onChange={setChosen}
          data={versions.map((v) => ({ value: v.id, label: `${t('minutes.version', { number: v.number })} · ${t(`minutes.status.${v.status}`)}` }))}
        />
      )}
      {shown && (
        <>
          <Group gap="xs">
            <Badge color={STATUS_COLOR[shown.status]} variant="light" data-minutes-status={shown.status}>
              {t('minutes.version', { number: shown.number })} · {t(`minutes.status.${shown.status}`)}
            </Badge>
            {shown.status === 'CIRCULATED' && shown.commentDeadline && (
              <Text size="sm">{t('minutes.circulatedUntil', { date: format.date(shown.commentDeadline) })}</Text>
            )}
            {shown.approvedAt && <Text size="sm">{t('minutes.approvedBy', { name: shown.approvedBy ?? '—', date: format.date(shown.approvedAt) })}</Text>}
          </Group>
          {shown.correctionReason && (
            <Text size="sm" c="dimmed">
              {t('minutes.correction', { reason: shown.correctionReason })}
            </Text>
          )}
          {shown.sections.map((section) => (
            <MinutesItem
              key={section.id}
              meetingId={meeting.id}
              section={section}
              writable={writable}
              commentable={isLatest && shown.status === 'CIRCULATED' && meeting.viewerMayComment}
            />
          ))}
          <Group>
            {isLatest && canEdit && shown.status === 'DRAFT' && <Button onClick={() => setCirculating(true)}>{t('minutes.circulate')}</Button>}
            {isLatest && canApprove && shown.status === 'CIRCULATED' && (
              <Button color="teal" onClick={() => setApproving(true)}>
                {t('minutes.approve')}
              </Button>
            )}
            {isLatest && canEdit && shown.status === 'APPROVED' && (
              <Button variant="default" onClick={() => setCorrecting(true)}>
                {t('minutes.correct')}
              </Button>
            )}
          </Group>
        </>
      )}
      {problem && !circulating && !correcting && (
        <Alert color="red" role="alert">
          {problem}
        </Alert>
      )}
      {shown && (
        <Modal opened={approving} onClose={() => setApproving(false)} title={t('minutes.confirmApprove')} closeButtonProps={{ 'aria-label': t('app.closeDialog') }}>
          <Stack>
            <Text size="sm">{t('minutes.confirmApproveIntro')}</Text>
            {shown.commentDeadline && shown.commentDeadline >= new Date().toISOString().slice(0, 10) && (
              <Alert color="yellow" role="note">
                {t('minutes.beforeDeadline', { date: format.date(shown.commentDeadline) })}
              </Alert>
            )}
            {shown.sections.some((section) => section.comments.length > 0) && (
              <Stack gap={4} data-testid="open-comments">
                <Text size="sm" fw={600}>
                  {t('minutes.openComments', { count: shown.sections.reduce((n, section) => n + section.comments.length, 0) })}
                </Text>
                {shown.sections.flatMap((section) =>
                  section.comments.map((c) => (
                    <Text key={c.id} size="sm">
                      <b>
                        <bdi>{section.title}</bdi>
                      </b>{' '}
                      · <bdi>{c.authorName}</bdi>: <bdi>{c.body}</bdi>
                    </Text>
                  )),
                )}
              </Stack>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setApproving(false)}>
                {t('forum.cancel')}
              </Button>
              <Button
                color="teal"
                onClick={async () => {
                  setApproving(false);
                  report(await approve({ id: shown.id, version: shown.version }, meetingChanged));
                }}
              >
                {t('minutes.approveNow')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
      <Modal opened={circulating} onClose={() => setCirculating(false)} title={t('minutes.circulate')} closeButtonProps={{ 'aria-label': t('app.closeDialog') }}>
        <Stack>
          <DateField label={t('minutes.deadline')} required value={deadline} min={addDays(0)} onChange={setDeadline} error={problem} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setCirculating(false)}>
              {t('forum.cancel')}
            </Button>
            <Button
              onClick={async () => {
                if (shown && report(await circulate({ id: shown.id, version: shown.version, commentDeadline: deadline }, meetingChanged))) setCirculating(false);
              }}
            >
              {t('minutes.circulate')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={correcting} onClose={() => setCorrecting(false)} title={t('minutes.correct')} closeButtonProps={{ 'aria-label': t('app.closeDialog') }}>
        <Stack>
          <Textarea label={t('minutes.correctionReason')} required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={problem} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setCorrecting(false)}>
              {t('forum.cancel')}
            </Button>
            <Button
              onClick={async () => {
                if (report(await correct({ meetingId: meeting.id, reason }, meetingChanged))) {
                  setCorrecting(false);
                  setChosen(null);
                }
              }}
            >
              {t('minutes.correct')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** One agenda item's minutes: its text (editable while not approved) and the attendees' comments. */
function MinutesItem({ meetingId, section, writable, commentable }: { meetingId: string; section: Section; writable: boolean; commentable: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useClient();
  const [notes, setNotes] = useState(section.notes);
  const [version, setVersion] = useState(section.version);
  const [savedNotes, setSavedNotes] = useState(section.notes);
  const [conflict, setConflict] = useState<{ theirs: string; version: number } | null>(null);
  const [comment, setComment] = useState('');
  const [justSaved, setJustSaved] = useState(false);
  // Saves in flight: each waits for the one before, so it is based on the version that one made.
  const [pending, setPending] = useState(0);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const versionRef = useRef(version);
  useEffect(() => {
    versionRef.current = version;
  }, [version]);
  const saveProblem = useProblem();
  const commentProblem = useProblem();
  const [, save] = useMutation(SaveMinutesSectionMutation);
  const [, addComment] = useMutation(CommentOnMinutesMutation);
  const dirty = notes !== savedNotes;

  // A newer saved text (someone else's save, seen on reload) replaces ours only if we have not typed.
  useEffect(() => {
    if (section.version !== version && !dirty) {
      setNotes(section.notes);
      setSavedNotes(section.notes);
      setVersion(section.version);
    }
  }, [section.version, section.notes, version, dirty]);

  // Optimistic: the item reads as saved at once and the writer moves on; the answer confirms it,
  // or brings the text back as unsaved with the problem, or opens the conflict screen.
  const send = async (text: string, basedOn: number, before: string) => {
    const result = await save({ id: section.id, version: basedOn, notes: text });
    const failure = toFailure(result.error);
    if (failure?.code === 'CONFLICT') {
      setSavedNotes(before);
      setJustSaved(false);
      const latest = await client.query(MeetingPageDocument, { id: meetingId }, { requestPolicy: 'network-only' }).toPromise();
      const theirs = (latest.data?.meeting?.minutes ?? []).flatMap((m) => m.sections).find((s) => s.id === section.id);
      if (theirs) {
        setConflict({ theirs: theirs.notes, version: theirs.version });
        return;
      }
    }
    if (saveProblem.report(result) && result.data) {
      const saved = result.data.saveMinutesSection;
      versionRef.current = saved.version;
      setVersion(saved.version);
      setSavedNotes(saved.notes);
      // What was typed while the save was on its way stays.
      setNotes((current) => (current === text ? saved.notes : current));
    } else {
      setSavedNotes(before);
      setJustSaved(false);
    }
  };

  const submit = (text: string, basedOn?: number) => {
    const before = savedNotes;
    setSavedNotes(text);
    setJustSaved(true);
    setPending((n) => n + 1);
    const run = queue.current.then(() => send(text, basedOn ?? versionRef.current, before));
    queue.current = run
      .catch(() => undefined)
      .finally(() => setPending((n) => n - 1));
    return run;
  };

  const resolve = (choice: 'mine' | 'theirs' | 'merge') => {
    if (!conflict) return;
    setVersion(conflict.version);
    if (choice === 'mine') {
      void submit(notes, conflict.version);
    } else if (choice === 'theirs') {
      setNotes(conflict.theirs);
      setSavedNotes(conflict.theirs);
    } else {
      setSavedNotes(conflict.theirs);
      setNotes(`${conflict.theirs}\n${notes}`);
    }
    setConflict(null);
  };

  return (
    <Card withBorder padding="sm" component="article" aria-label={section.title}>
      <Stack gap="xs">
        <Title order={3} size="h5">
          {section.title}
        </Title>
        {writable ? (
          <>
            <Textarea
              aria-label={t('minutes.notesLabel', { title: section.title })}
              autosize
              minRows={2}
              value={notes}
              onChange={(e) => {
                setNotes(e.currentTarget.value);
                setJustSaved(false);
              }}
              error={saveProblem.problem}
            />
            <Group gap="xs">
              <Button size="xs" variant={dirty ? 'filled' : 'default'} disabled={!dirty} onClick={() => void submit(notes)}>
                {t('minutes.save')}
              </Button>
              {justSaved && (
                <Text size="xs" c="teal.9" role="status" data-save-state={pending > 0 ? 'sending' : 'confirmed'}>
                  {t('minutes.saved')}
                </Text>
              )}
            </Group>
          </>
        ) : (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {section.notes || '—'}
          </Text>
        )}
        {(section.comments.length > 0 || commentable) && (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('minutes.comments')}
            </Text>
            {section.comments.map((c) => (
              <Text key={c.id} size="sm">
                <strong>{c.authorName}</strong> ({format.date(c.createdAt)}): {c.body}
              </Text>
            ))}
            {commentable && (
              <Group align="flex-end" gap="xs">
                <Textarea style={{ flex: 1 }} label={t('minutes.comment')} autosize minRows={1} value={comment} onChange={(e) => setComment(e.currentTarget.value)} error={commentProblem.problem} />
                <Button
                  size="xs"
                  variant="light"
                  onClick={async () => {
                    const result = await addComment({ sectionId: section.id, body: comment }, meetingChanged);
                    if (commentProblem.report(result)) {
                      setComment('');
                    }
                  }}
                >
                  {t('minutes.send')}
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </Stack>
      <Modal opened={!!conflict} onClose={() => resolve('merge')} title={t('minutes.conflictTitle')} size="xl" closeButtonProps={{ 'aria-label': t('app.closeDialog') }}>
        <Stack>
          <Text size="sm">{t('minutes.conflictIntro')}</Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Stack gap={4}>
              <Text fw={600} size="sm">
                {t('minutes.theirs')}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="conflict-theirs">
                {conflict?.theirs || '—'}
              </Text>
            </Stack>
            <Stack gap={4}>
              <Text fw={600} size="sm">
                {t('minutes.yours')}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="conflict-yours">
                {notes || '—'}
              </Text>
            </Stack>
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => resolve('theirs')}>
              {t('minutes.takeTheirs')}
            </Button>
            <Button variant="default" onClick={() => resolve('merge')}>
              {t('minutes.merge')}
            </Button>
            <Button onClick={() => resolve('mine')}>{t('minutes.keepMine')}</Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
