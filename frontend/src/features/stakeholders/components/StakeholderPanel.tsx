import { Badge, Button, Card, Divider, Group, List, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';

import { DateField } from '@/components/DateField';
import { FormError } from '@/components/FormError';
import type { InteractionKind, StakeholderFieldsFragment, StepStatus } from '@/gql/graphql';
import { useFormat } from '@/hooks/useFormat';
import { useProblem } from '@/hooks/useProblem';
import { useSaveFlow } from '@/hooks/useSaveFlow';

import { interactionLogged, stakeholderChanged, stakeholderPlaced } from '../api/changes';
import { InteractionsQuery, LogInteractionMutation, MoveStakeholderMutation, RemoveStakeholderMutation, UpdateStakeholderMutation } from '../api/queries';

const STEP_STATUSES: StepStatus[] = ['PLANNED', 'IN_PROGRESS', 'DONE'];
const KINDS: InteractionKind[] = ['MET', 'CALLED', 'INVITED', 'JOINED_BODY', 'DECLINED'];

type Props = {
  stakeholder: StakeholderFieldsFragment;
  townId: string;
  forumId: string;
  bodies: { id: string; name: string }[];
  people: { id: string; fullName: string }[];
  canEdit: boolean;
  today: string;
};

/** One stakeholder: what its quadrant prescribes, the next step, how it moved, and the contacts with it. */
export function StakeholderPanel({ stakeholder: s, townId, forumId, bodies, people, canEdit, today }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const { problem, report } = useProblem();
  const [{ data: log }] = useQuery({ query: InteractionsQuery, variables: { forumId, townId }, context: interactionLogged });
  const [, update] = useMutation(UpdateStakeholderMutation);
  const [, remove] = useMutation(RemoveStakeholderMutation);
  const [, logInteraction] = useMutation(LogInteractionMutation);
  const [, move] = useMutation(MoveStakeholderMutation);
  const moving = useForm({ mode: 'controlled', initialValues: { influence: s.influence as number | string, interest: s.interest as number | string, reason: '' } });
  const moveFlow = useSaveFlow(moving, s.version, async () => null, () => []);
  const saveMove = moving.onSubmit(async (values) => {
    const result = await move({ id: s.id, version: s.version, influence: Number(values.influence), interest: Number(values.interest), reason: values.reason || null }, stakeholderChanged);
    await moveFlow.handle({ error: result.error, ok: !result.error && !!result.data });
  });
  const [confirmRemove, setConfirmRemove] = useState(false);
  const plan = useForm({
    mode: 'controlled',
    initialValues: {
      note: s.note ?? '',
      nextStep: s.nextStep ?? '',
      nextStepOwnerId: s.nextStepOwner?.id ?? (null as string | null),
      nextStepDueOn: s.nextStepDueOn ?? '',
      nextStepStatus: s.nextStepStatus as string,
    },
  });
  const flow = useSaveFlow(plan, s.version, async () => null, () => []);
  const contact = useForm({ mode: 'controlled', initialValues: { kind: 'MET' as string, occurredOn: today, note: '', meetingId: null as string | null, bodyId: null as string | null } });
  const contactFlow = useSaveFlow(contact, 0, async () => null, () => []);
  const interactions = log?.stakeholders.find((x) => x.id === s.id)?.interactions ?? [];
  const meetings = log?.meetings.items ?? [];
  const dateTime = (iso: string) => format.date(iso);

  const savePlan = plan.onSubmit(async (values) => {
    const input = {
      note: values.note || null,
      nextStep: values.nextStep || null,
      nextStepOwnerId: values.nextStepOwnerId,
      nextStepDueOn: values.nextStepDueOn || null,
      nextStepStatus: values.nextStepStatus as StepStatus,
    };
    const result = await update({ id: s.id, version: s.version, input }, stakeholderChanged);
    await flow.handle({ error: result.error, ok: !result.error && !!result.data });
  });
  const saveContact = contact.onSubmit(async (values) => {
    const input = { kind: values.kind as InteractionKind, occurredOn: values.occurredOn, note: values.note || null, meetingId: values.meetingId, bodyId: values.bodyId };
    const result = await logInteraction({ stakeholderId: s.id, input }, interactionLogged);
    if (await contactFlow.handle({ error: result.error, ok: !result.error && !!result.data })) contact.setValues({ note: '', meetingId: null, bodyId: null });
  });
  async function removeIt() {
    report(await remove({ id: s.id, version: s.version }, stakeholderPlaced));
  }

  return (
    <Card withBorder component="section" aria-labelledby="stakeholder-title" data-testid="stakeholder-panel">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={2} size="h3" id="stakeholder-title">
              <bdi>{s.name}</bdi>
            </Title>
            <Group gap={6}>
              {s.sector && <Badge variant="light">{t(`sectors.${s.sector}`)}</Badge>}
              <Badge variant="outline" color={s.inForum ? 'teal.9' : 'gray.8'}>
                {s.inForum ? t('stakeholders.inForum') : t('stakeholders.notInForum')}
              </Badge>
            </Group>
          </Stack>
        </Group>
        <Text data-testid="prescribed-action">
          <b>{t(`stakeholders.quadrants.${s.quadrant}.name`)}</b>: {t(`stakeholders.actions.${s.action}`)}
        </Text>
        <Text size="sm">
          {t('stakeholders.influence')} {format.number(s.influence)} · {t('stakeholders.interest')} {format.number(s.interest)}
        </Text>

        <Divider label={t('stakeholders.engagement')} labelPosition="left" />
        {canEdit ? (
          <form onSubmit={savePlan} noValidate>
            <Stack gap="xs">
              <TextInput label={t('stakeholders.nextStep')} {...plan.getInputProps('nextStep')} />
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <Select label={t('stakeholders.owner')} searchable clearable data={people.map((p) => ({ value: p.id, label: p.fullName }))} {...plan.getInputProps('nextStepOwnerId')} />
                <DateField label={t('stakeholders.dueOn')} {...plan.getInputProps('nextStepDueOn')} />
                <Select label={t('stakeholders.stepStatus')} allowDeselect={false} data={STEP_STATUSES.map((v) => ({ value: v, label: t(`stakeholders.stepStatuses.${v}`) }))} {...plan.getInputProps('nextStepStatus')} />
              </SimpleGrid>
              <Textarea label={t('stakeholders.note')} autosize minRows={1} {...plan.getInputProps('note')} />
              <FormError message={flow.formError} />
              <Group justify="space-between">
                <Button type="submit" loading={plan.submitting}>
                  {t('forum.save')}
                </Button>
                {confirmRemove ? (
                  <Group gap="xs">
                    <Text size="sm">{t('stakeholders.removeConfirm', { name: s.name })}</Text>
                    <Button color="red" size="xs" onClick={removeIt}>
                      {t('stakeholders.remove')}
                    </Button>
                    <Button variant="default" size="xs" onClick={() => setConfirmRemove(false)}>
                      {t('forum.cancel')}
                    </Button>
                  </Group>
                ) : (
                  <Button variant="outline" color="red.9" onClick={() => setConfirmRemove(true)}>
                    {t('stakeholders.remove')}
                  </Button>
                )}
              </Group>
              <FormError message={problem} />
            </Stack>
          </form>
        ) : s.nextStep ? (
          <Text size="sm">
            <bdi>{s.nextStep}</bdi> · {s.nextStepOwner?.fullName} · {format.date(s.nextStepDueOn)} · {t(`stakeholders.stepStatuses.${s.nextStepStatus}`)}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {t('stakeholders.noStep')}
          </Text>
        )}

        {canEdit && (
          <form onSubmit={saveMove} noValidate aria-label={t('stakeholders.moveTitle')}>
            <Stack gap="xs">
              <Text size="sm" fw={600}>
                {t('stakeholders.moveTitle')}
              </Text>
              <SimpleGrid cols={2}>
                <NumberInput label={t('stakeholders.influence')} min={1} max={5} step={0.1} decimalScale={1} {...moving.getInputProps('influence')} />
                <NumberInput label={t('stakeholders.interest')} min={1} max={5} step={0.1} decimalScale={1} {...moving.getInputProps('interest')} />
              </SimpleGrid>
              <TextInput label={t('stakeholders.reason')} {...moving.getInputProps('reason')} />
              <FormError message={moveFlow.formError} />
              <Group>
                <Button type="submit" variant="light" loading={moving.submitting}>
                  {t('stakeholders.moveSave')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}

        <Divider label={t('stakeholders.history')} labelPosition="left" />
        <List size="sm" spacing={2} data-testid="stakeholder-history">
          {s.moves.map((m, index) => {
            const previous = s.moves[index - 1];
            const text = previous
              ? t('stakeholders.movedAt', {
                  date: dateTime(m.at),
                  from: t(`stakeholders.quadrants.${previous.quadrant}.name`),
                  to: t(`stakeholders.quadrants.${m.quadrant}.name`),
                })
              : t('stakeholders.placedAt', { date: dateTime(m.at), quadrant: t(`stakeholders.quadrants.${m.quadrant}.name`) });
            return (
              <List.Item key={`${m.at}-${index}`}>
                {text} ({format.number(m.influence)}, {format.number(m.interest)}){m.reason ? ' — ' : ''}
                {m.reason && <bdi>{m.reason}</bdi>}
                {m.movedBy && (
                  <Text span size="xs" c="dimmed">
                    {' '}
                    {t('stakeholders.by', { name: m.movedBy })}
                  </Text>
                )}
              </List.Item>
            );
          })}
        </List>

        <Divider label={t('stakeholders.interactions')} labelPosition="left" />
        {interactions.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('stakeholders.noInteractions')}
          </Text>
        ) : (
          <List size="sm" spacing={2}>
            {interactions.map((i) => {
              const meeting = meetings.find((m) => m.id === i.meetingId);
              const body = bodies.find((b) => b.id === i.bodyId);
              return (
                <List.Item key={i.id}>
                  {format.date(i.occurredOn)} · {t(`stakeholders.interactionKinds.${i.kind}`)}
                  {meeting && (
                    <>
                      {' · '}
                      <a href={`/meetings/${meeting.id}`}>
                        <bdi>{meeting.title}</bdi>
                      </a>
                    </>
                  )}
                  {body && (
                    <>
                      {' · '}
                      <bdi>{body.name}</bdi>
                    </>
                  )}
                  {i.note && (
                    <>
                      {' — '}
                      <bdi>{i.note}</bdi>
                    </>
                  )}
                </List.Item>
              );
            })}
          </List>
        )}
        {canEdit && (
          <form onSubmit={saveContact} noValidate aria-label={t('stakeholders.logInteraction')}>
            <Stack gap="xs">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Select label={t('stakeholders.interactionKind')} allowDeselect={false} data={KINDS.map((k) => ({ value: k, label: t(`stakeholders.interactionKinds.${k}`) }))} {...contact.getInputProps('kind')} />
                <DateField label={t('stakeholders.occurredOn')} max={today} {...contact.getInputProps('occurredOn')} />
                <Select label={t('stakeholders.meeting')} clearable searchable data={meetings.map((m) => ({ value: m.id, label: `${m.title} · ${format.date(m.startsAt)}` }))} {...contact.getInputProps('meetingId')} />
                <Select label={t('stakeholders.body')} clearable data={bodies.map((b) => ({ value: b.id, label: b.name }))} {...contact.getInputProps('bodyId')} />
              </SimpleGrid>
              <TextInput label={t('stakeholders.note')} {...contact.getInputProps('note')} />
              <FormError message={contactFlow.formError} />
              <Group>
                <Button type="submit" variant="light" loading={contact.submitting}>
                  {t('stakeholders.logInteraction')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}
