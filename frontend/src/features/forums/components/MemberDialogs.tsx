import { Alert, Fieldset, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';

import { DateField } from '@/components/DateField';
import { MEMBERSHIP_ROLES } from '@/components/MembersTable';
import { FormActions } from '@/components/FormActions';
import { useSaveFlow } from '@/hooks/useSaveFlow';
import type { BodyKind, FocusKind, ForumPageQuery, MembershipRole } from '@/gql/graphql';
import { fieldMessage } from '@/lib/errors';

import { bodyChanged, focusMade, membershipChanged } from '../api/changes';
import { AddMembershipMutation, CreateBodyMutation, CreateFocusInlineMutation, TownPeopleQuery, UpdateMembershipMutation } from '../api/queries';

type Forum = NonNullable<ForumPageQuery['town']['forum']>;
type Body = Forum['bodies'][number];
type Member = Body['members'][number];

const KINDS: BodyKind[] = ['STEERING_COMMITTEE', 'FORUM', 'TASK_TEAM', 'AD_HOC_TEAM'];
const FOCUS_KINDS: FocusKind[] = ['EMPLOYERS', 'POPULATION', 'SKILLS', 'GEOGRAPHIC', 'REGIONAL'];
const NEW_FOCUS = 'new';

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function FormError({ message }: { message: string | null }) {
  return message ? (
    <Alert color="red" role="alert">
      {message}
    </Alert>
  ) : null;
}

/** Adds a person of the town to a body, with a role and the date they joined. */
export function AddMemberDialog({ townId, body, onClose }: { townId: string; body: Body; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const [{ data }] = useQuery({ query: TownPeopleQuery, variables: { townId } });
  const [, add] = useMutation(AddMembershipMutation);
  const form = useForm({
    mode: 'controlled',
    initialValues: { personId: null as string | null, role: (body.kind === 'TASK_TEAM' && body.members.length === 0 ? 'TEAM_LEAD' : 'MEMBER') as string | null, joinedOn: today() },
    validateInputOnChange: true,
    validate: {
      personId: (v) => (v ? null : fieldMessage(t, 'required')),
      role: (v) => (v ? null : fieldMessage(t, 'required')),
      joinedOn: (v) => (v ? null : fieldMessage(t, 'required')),
    },
  });
  const flow = useSaveFlow(form, 0, async () => null, () => []);
  const sitting = new Set(body.members.filter((m) => m.current).map((m) => m.person.id));
  const options = (data?.people.items ?? [])
    .filter((p) => !sitting.has(p.id))
    .map((p) => ({ value: p.id, label: p.organisation ? `${p.fullName} — ${p.organisation.name}` : p.fullName }));
  const submit = form.onSubmit(async (values) => {
    const result = await add(
      { bodyId: body.id, personId: values.personId ?? '', input: { role: values.role as MembershipRole, joinedOn: values.joinedOn } },
      membershipChanged,
    );
    if (await flow.handle({ error: result.error, ok: !result.error && !!result.data })) onClose(true);
  });
  return (
    <Modal opened onClose={() => onClose(false)} title={t('forum.addMemberTo', { body: body.name })} size="lg" closeButtonProps={{ 'aria-label': t('app.closeDialog') }}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError message={flow.formError} />
          {data && options.length === 0 && <Text size="sm">{t('forum.noPeopleToAdd')}</Text>}
          {/* Not autofocused: a searchable select opens its list on focus and would cover the form. */}
          <Select label={t('forum.person')} required searchable data={options} {...form.getInputProps('personId')} />
          <Select label={t('forum.role')} required data={MEMBERSHIP_ROLES.map((r) => ({ value: r, label: t(`membershipRoles.${r}`) }))} {...form.getInputProps('role')} />
          <DateField label={t('forum.joinedOn')} required {...form.getInputProps('joinedOn')} />
          <FormActions onCancel={() => onClose(false)} submitting={form.submitting} />
        </Stack>
      </form>
    </Modal>
  );
}

/** Changes a membership's role or dates; `ending` pre-fills today as the day they left. */
export function EditMemberDialog({ member, ending, onClose }: { member: Member; ending: boolean; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const [, update] = useMutation(UpdateMembershipMutation);
  const form = useForm({
    mode: 'controlled',
    initialValues: { role: member.role as string | null, joinedOn: member.joinedOn, leftOn: ending ? today() : member.leftOn ?? '' },
    validateInputOnChange: true,
    validate: {
      role: (v) => (v ? null : fieldMessage(t, 'required')),
      joinedOn: (v) => (v ? null : fieldMessage(t, 'required')),
      leftOn: (v, values) => (v && v < values.joinedOn ? fieldMessage(t, 'end_before_start') : null),
    },
  });
  const flow = useSaveFlow(form, member.version, async () => null, () => []);
  const submit = form.onSubmit(async (values) => {
    const result = await update(
      { id: member.id, version: flow.version, input: { role: values.role as MembershipRole, joinedOn: values.joinedOn, leftOn: values.leftOn || null } },
      membershipChanged,
    );
    if (await flow.handle({ error: result.error, ok: !result.error && !!result.data })) onClose(true);
  });
  const name = member.person.fullName;
  return (
    <Modal opened onClose={() => onClose(false)} title={ending ? t('forum.endMemberTitle', { name }) : t('forum.editMember', { name })} size="lg" closeButtonProps={{ 'aria-label': t('app.closeDialog') }}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError message={flow.formError} />
          {ending && <Text size="sm">{t('forum.endMemberHint')}</Text>}
          <Select label={t('forum.role')} required data={MEMBERSHIP_ROLES.map((r) => ({ value: r, label: t(`membershipRoles.${r}`) }))} {...form.getInputProps('role')} />
          <Group grow>
            <DateField label={t('forum.joinedOn')} required {...form.getInputProps('joinedOn')} />
            <DateField label={t('forum.leftOn')} data-autofocus={ending || undefined} {...form.getInputProps('leftOn')} />
          </Group>
          <FormActions onCancel={() => onClose(false)} submitting={form.submitting} submitLabel={ending ? t('forum.end') : undefined} />
        </Stack>
      </form>
    </Modal>
  );
}

/** A new body: a task team works on one of the forum's focuses; an ad-hoc team has an end date. */
export function BodyDialog({ forum, onClose }: { forum: Forum; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const [, create] = useMutation(CreateBodyMutation);
  const [, createFocus] = useMutation(CreateFocusInlineMutation);
  const [madeFocus, setMadeFocus] = useState<{ id: string; title: string } | null>(null);
  const focusOptions = [...forum.focuses, ...(madeFocus ? [madeFocus] : [])].map((f) => ({ value: f.id, label: f.title }));
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      kind: 'TASK_TEAM' as string | null,
      name: '',
      // A new town reaches meeting 5 (teams) right after meeting 4 (focuses): a team's focus
      // can be created here, inline.
      focusId: (forum.focuses.length ? null : NEW_FOCUS) as string | null,
      focusKind: 'POPULATION' as string | null,
      focusTitle: '',
      startsOn: today(),
      endsOn: '',
    },
    validateInputOnChange: true,
    validate: {
      kind: (v) => (v ? null : fieldMessage(t, 'required')),
      name: (v) => (v.trim() ? (v.length > 200 ? fieldMessage(t, 'too_long', { max: '200' }) : null) : fieldMessage(t, 'required')),
      focusId: (v, values) => (values.kind === 'TASK_TEAM' && !v ? fieldMessage(t, 'required') : null),
      focusTitle: (v, values) => (values.kind === 'TASK_TEAM' && values.focusId === NEW_FOCUS && !v.trim() ? fieldMessage(t, 'required') : null),
      endsOn: (v, values) => (values.kind === 'AD_HOC_TEAM' && !v ? fieldMessage(t, 'required') : v && values.startsOn && v < values.startsOn ? fieldMessage(t, 'end_before_start') : null),
    },
  });
  const flow = useSaveFlow(form, 0, async () => null, () => []);
  const submit = form.onSubmit(async (values) => {
    let focusId = values.focusId;
    if (values.kind === 'TASK_TEAM' && focusId === NEW_FOCUS) {
      const made = await createFocus({ forumId: forum.id, input: { kind: values.focusKind as FocusKind, title: values.focusTitle, status: 'ACTIVE' } }, focusMade);
      const id = made.data?.createFocus.id;
      if (!id) {
        await flow.handle({ error: made.error, ok: false });
        return;
      }
      // Kept even if the team below is refused: a retry uses it instead of making another.
      setMadeFocus({ id, title: values.focusTitle });
      form.setFieldValue('focusId', id);
      focusId = id;
    }
    const input = {
      kind: values.kind as BodyKind,
      name: values.name.trim(),
      focusId: values.kind === 'TASK_TEAM' ? focusId : null,
      startsOn: values.startsOn || null,
      endsOn: values.endsOn || null,
    };
    const result = await create({ forumId: forum.id, input }, bodyChanged);
    if (await flow.handle({ error: result.error, ok: !result.error && !!result.data })) onClose(true);
  });
  return (
    <Modal opened onClose={() => onClose(false)} title={t('forum.newBody')} size="lg" closeButtonProps={{ 'aria-label': t('app.closeDialog') }}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError message={flow.formError} />
          <Select label={t('forum.bodyKind')} required data={KINDS.map((k) => ({ value: k, label: t(`bodyKinds.${k}`) }))} {...form.getInputProps('kind')} />
          <TextInput label={t('forum.bodyName')} required data-autofocus {...form.getInputProps('name')} />
          {form.values.kind === 'TASK_TEAM' && (
            <Select label={t('forum.focus')} required allowDeselect={false} data={[...focusOptions, { value: NEW_FOCUS, label: t('forum.newFocusOption') }]} {...form.getInputProps('focusId')} />
          )}
          {form.values.kind === 'TASK_TEAM' && form.values.focusId === NEW_FOCUS && (
            <Fieldset legend={t('forum.newFocus')}>
              <Stack gap="xs">
                {!forum.focuses.length && <Text size="sm">{t('forum.noFocuses')}</Text>}
                <Select label={t('focuses.kind')} required allowDeselect={false} data={FOCUS_KINDS.map((k) => ({ value: k, label: t(`focuses.kinds.${k}`) }))} {...form.getInputProps('focusKind')} />
                <TextInput label={t('focuses.title')} required {...form.getInputProps('focusTitle')} />
              </Stack>
            </Fieldset>
          )}
          <Group grow>
            <DateField label={t('forum.startsOn')} {...form.getInputProps('startsOn')} />
            <DateField label={t('forum.endsOn')} required={form.values.kind === 'AD_HOC_TEAM'} {...form.getInputProps('endsOn')} />
          </Group>
          <FormActions onCancel={() => onClose(false)} submitting={form.submitting} />
        </Stack>
      </form>
    </Modal>
  );
}
