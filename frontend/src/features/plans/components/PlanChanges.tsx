import { Anchor, Badge, Button, Card, Group, List, Modal, NumberInput, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCalendarPlus, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMutation } from 'urql';

import { DateTimeField } from '@/components/DateField';
import { FormActions } from '@/components/FormActions';
import { FormError } from '@/components/FormError';
import type { ControlPageQuery, PlanChangeKind } from '@/gql/graphql';
import { useFormat } from '@/hooks/useFormat';
import { useProblem } from '@/hooks/useProblem';
import { useSaveFlow } from '@/hooks/useSaveFlow';
import { fieldMessage } from '@/lib/errors';
import { describeChange } from '@/lib/planChanges';

import { controlMeetingPrepared, planChangeChanged } from '../api/changes';
import { PrepareControlMeetingMutation, ProposePlanChangeMutation, WithdrawPlanChangeMutation } from '../api/queries';
import { addQuarters } from './quarters';

type Forum = NonNullable<ControlPageQuery['town']['forum']>;
type Control = Forum['control'];
const KINDS: PlanChangeKind[] = ['DROP_TASK', 'POSTPONE_TASK', 'ADD_TASK', 'REPRIORITIZE'];
const STATUS_COLOR = { PROPOSED: 'blue', ACCEPTED: 'teal', REJECTED: 'dark', APPLIED: 'teal' } as const;

function ProposeDialog({ forum, quarter, onClose }: { forum: Forum; quarter: string; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const [, propose] = useMutation(ProposePlanChangeMutation);
  const form = useForm({
    mode: 'controlled',
    initialValues: { kind: 'DROP_TASK' as PlanChangeKind, taskId: null as string | null, focusId: null as string | null, newPosition: 1 as number | string, newQuarter: addQuarters(quarter, 2), title: '', reason: '' },
    validate: {
      taskId: (v, values) => ((values.kind === 'DROP_TASK' || values.kind === 'POSTPONE_TASK') && !v ? fieldMessage(t, 'required') : null),
      focusId: (v, values) => (values.kind === 'REPRIORITIZE' && !v ? fieldMessage(t, 'required') : null),
      title: (v, values) => (values.kind === 'ADD_TASK' && !v.trim() ? fieldMessage(t, 'required') : null),
      reason: (v, values) => ((values.kind === 'DROP_TASK' || values.kind === 'POSTPONE_TASK') && !v.trim() ? fieldMessage(t, 'required') : null),
    },
  });
  const flow = useSaveFlow(form, 0, async () => null, () => []);
  const kind = form.values.kind;
  const openTasks = forum.workPlan.filter((task) => task.status === 'PLANNED' || task.status === 'IN_PROGRESS');
  const focuses = forum.focuses.filter((f) => f.status === 'ACTIVE');
  const later = Array.from({ length: 6 }, (_, i) => addQuarters(quarter, i + 1));
  const submit = form.onSubmit(async (values) => {
    const usesTask = values.kind === 'DROP_TASK' || values.kind === 'POSTPONE_TASK';
    const input = {
      kind: values.kind,
      taskId: usesTask ? values.taskId : null,
      focusId: values.kind === 'REPRIORITIZE' || values.kind === 'ADD_TASK' ? values.focusId : null,
      newPosition: values.kind === 'REPRIORITIZE' ? Number(values.newPosition) : null,
      newQuarter: values.kind === 'POSTPONE_TASK' || values.kind === 'ADD_TASK' ? values.newQuarter : null,
      title: values.kind === 'ADD_TASK' ? values.title : null,
      reason: values.reason,
    };
    const result = await propose({ forumId: forum.id, quarter, input }, planChangeChanged);
    if (await flow.handle({ error: result.error, ok: !result.error && !!result.data })) onClose(true);
  });
  return (
    <Modal opened onClose={() => onClose(false)} title={t('control.propose')} size="lg" closeButtonProps={{ 'aria-label': t('app.closeDialog') }}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError message={flow.formError} />
          <Select label={t('control.changeKind')} allowDeselect={false} data={KINDS.map((k) => ({ value: k, label: t(`control.kinds.${k}`) }))} {...form.getInputProps('kind')} />
          {(kind === 'DROP_TASK' || kind === 'POSTPONE_TASK') && <Select label={t('control.task')} required searchable data={openTasks.map((task) => ({ value: task.id, label: task.title }))} {...form.getInputProps('taskId')} />}
          {(kind === 'REPRIORITIZE' || kind === 'ADD_TASK') && <Select label={t('control.focus')} required={kind === 'REPRIORITIZE'} clearable data={focuses.map((f) => ({ value: f.id, label: f.title }))} {...form.getInputProps('focusId')} />}
          {kind === 'REPRIORITIZE' && <NumberInput label={t('control.newPosition')} min={1} max={Math.max(1, focuses.length)} {...form.getInputProps('newPosition')} />}
          {kind === 'ADD_TASK' && <TextInput label={t('control.newTaskTitle')} required {...form.getInputProps('title')} />}
          {(kind === 'POSTPONE_TASK' || kind === 'ADD_TASK') && <Select label={t('control.newQuarter')} allowDeselect={false} data={later} {...form.getInputProps('newQuarter')} />}
          <Textarea label={t('control.reason')} required={kind === 'DROP_TASK' || kind === 'POSTPONE_TASK'} autosize minRows={2} {...form.getInputProps('reason')} />
          <FormActions onCancel={() => onClose(false)} submitting={form.submitting} submitLabel={t('control.propose')} />
        </Stack>
      </form>
    </Modal>
  );
}

function PrepareDialog({ forumId, quarter, onClose }: { forumId: string; quarter: string; onClose: (meetingId: string | null) => void }) {
  const { t } = useTranslation();
  const [, prepare] = useMutation(PrepareControlMeetingMutation);
  const { problem, report } = useProblem();
  const [startsAt, setStartsAt] = useState('');
  const [submitting, setSubmitting] = useState(false);
  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setSubmitting(true);
    const result = await prepare({ forumId, quarter, startsAt: startsAt ? new Date(startsAt).toISOString() : null }, controlMeetingPrepared);
    setSubmitting(false);
    if (report(result) && result.data) onClose(result.data.prepareControlMeeting.id);
  }
  return (
    <Modal opened onClose={() => onClose(null)} title={t('control.prepare')} size="lg" closeButtonProps={{ 'aria-label': t('app.closeDialog') }}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('control.prepareHint')}</Text>
          <FormError message={problem} />
          <DateTimeField label={t('control.prepareStartsAt')} value={startsAt} onChange={setStartsAt} />
          <FormActions onCancel={() => onClose(null)} submitting={submitting} submitLabel={t('control.prepareSubmit')} />
        </Stack>
      </form>
    </Modal>
  );
}

/** The plan changes a control proposes and what the next forum meeting made of them, and the
 * way there: "prepare the next forum meeting". */
export function PlanChanges({ forum, quarter, control, canEdit }: { forum: Forum; quarter: string; control: Control; canEdit: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [proposing, setProposing] = useState(false);
  const [preparing, setPreparing] = useState(false);
  const [prepared, setPrepared] = useState<string | null>(null);
  const [, withdraw] = useMutation(WithdrawPlanChangeMutation);
  const { problem, report } = useProblem();
  const open = control.status !== 'APPROVED';
  const meeting = control.meeting;
  const meetingId = prepared ?? meeting?.id;
  return (
    <Card withBorder component="section" aria-labelledby="control-changes">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3" id="control-changes">
            {t('control.planChanges')}
          </Title>
          {canEdit && (
            <Group gap="xs">
              {open && (
                <Button variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setProposing(true)}>
                  {t('control.propose')}
                </Button>
              )}
              <Button variant="light" leftSection={<IconCalendarPlus size={16} aria-hidden />} onClick={() => setPreparing(true)}>
                {t('control.prepare')}
              </Button>
            </Group>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {t('control.planChangesHint')}
        </Text>
        <FormError message={problem} />
        {control.planChanges.length === 0 ? (
          <Text size="sm">{t('control.noPlanChanges')}</Text>
        ) : (
          <List size="sm" spacing={4}>
            {control.planChanges.map((change) => (
              <List.Item key={change.id} data-plan-change={change.kind}>
                <Group gap={6} wrap="wrap">
                  <Badge size="sm" variant="light" color={STATUS_COLOR[change.status]}>
                    {t(`control.changeStatuses.${change.status}`)}
                  </Badge>
                  <Text size="sm" span>
                    {describeChange(t, change)}
                    {change.reason ? ` — ${change.reason}` : ''}
                  </Text>
                  {canEdit && open && change.status === 'PROPOSED' && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      onClick={async () => {
                        report(await withdraw({ id: change.id, version: change.version }, planChangeChanged));
                      }}
                    >
                      {t('control.withdraw')}
                    </Button>
                  )}
                </Group>
              </List.Item>
            ))}
          </List>
        )}
        {meetingId && (
          <Text role="status" size="sm">
            <Anchor component={Link} to={`/meetings/${meetingId}`}>
              {meeting && !prepared ? t('control.broughtTo', { title: meeting.title, date: format.date(meeting.startsAt) }) : t('control.preparedOpen')}
            </Anchor>
          </Text>
        )}
      </Stack>
      {proposing && (
        <ProposeDialog
          forum={forum}
          quarter={quarter}
          onClose={() => setProposing(false)}
        />
      )}
      {preparing && (
        <PrepareDialog
          forumId={forum.id}
          quarter={quarter}
          onClose={(id) => {
            setPreparing(false);
            if (id) setPrepared(id);
          }}
        />
      )}
    </Card>
  );
}
